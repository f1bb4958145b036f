// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Test-only writers of encrypted export formats, written from docs/formats.md (not from the importers):
 * they let tests build files with cheap KDF parameters (fuzzing after decryption) and formats the
 * corpus has no sample of (Ente encrypted, Authy encrypted, Authenticator Pro legacy).
 */
import { createCipheriv, createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

function gcm(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array, aad?: Uint8Array): { ct: Buffer; tag: Buffer } {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) c.setAAD(aad);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return { ct, tag: c.getAuthTag() };
}

/** An encrypted Aegis vault (docs/formats.md §1.2) around `content` (the db JSON), one password slot. */
export function aegisEncrypted(content: Uint8Array, password: string, n = 16): Uint8Array {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const kek = scryptSync(Buffer.from(password, 'utf8'), salt, 32, { N: n, r: 8, p: 1 });
  const slotNonce = randomBytes(12);
  const slot = gcm(kek, slotNonce, masterKey);
  const nonce = randomBytes(12);
  const db = gcm(masterKey, nonce, content);
  const file = {
    version: 1,
    header: {
      slots: [
        {
          type: 1,
          uuid: '01234567-89ab-4cde-8f01-23456789abcd',
          key: slot.ct.toString('hex'),
          key_params: { nonce: slotNonce.toString('hex'), tag: slot.tag.toString('hex') },
          n,
          r: 8,
          p: 1,
          salt: salt.toString('hex'),
          repaired: true,
        },
      ],
      params: { nonce: nonce.toString('hex'), tag: db.tag.toString('hex') },
    },
    db: db.ct.toString('base64'),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

/** An andOTP backup in the current encrypted format (docs/formats.md §4). */
export function andOtpEncrypted(plain: Uint8Array, password: string, iterations = 1): Uint8Array {
  const salt = randomBytes(12);
  const nonce = randomBytes(12);
  const key = pbkdf2Sync(password, salt, iterations, 32, 'sha1');
  const { ct, tag } = gcm(key, nonce, plain);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Uint8Array.from(Buffer.concat([head, salt, nonce, ct, tag]));
}

/** An andOTP backup in the old encrypted format: key SHA-256(password), nonce ‖ ct ‖ tag. */
export function andOtpOldEncrypted(plain: Uint8Array, password: string): Uint8Array {
  const key = createHash('sha256').update(password, 'utf8').digest();
  // A first byte of 0xff keeps the would-be iteration count above andOTP's maximum.
  const nonce = Buffer.concat([Buffer.from([0xff]), randomBytes(11)]);
  const { ct, tag } = gcm(key, nonce, plain);
  return Uint8Array.from(Buffer.concat([nonce, ct, tag]));
}

/** Java serialization of a HashMap<String, String> (OpenJDK layout, short strings only). */
export function javaStringMap(entries: readonly (readonly [string, string])[]): Uint8Array {
  const parts: Buffer[] = [];
  const u16 = (n: number): Buffer => Buffer.from([n >> 8, n & 0xff]);
  const i32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(n);
    return b;
  };
  const utf = (s: string): Buffer => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([u16(b.length), b]);
  };
  parts.push(Buffer.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72]), utf('java.util.HashMap'));
  parts.push(Buffer.from('0507dac1c31660d1', 'hex'), Buffer.from([0x03]), u16(2));
  parts.push(Buffer.from([0x46]), utf('loadFactor'), Buffer.from([0x49]), utf('threshold'), Buffer.from([0x78, 0x70]));
  parts.push(Buffer.from('3f400000', 'hex'), i32(12), Buffer.from([0x77, 0x08]), i32(16), i32(entries.length));
  for (const [k, v] of entries) parts.push(Buffer.from([0x74]), utf(k), Buffer.from([0x74]), utf(v));
  parts.push(Buffer.from([0x78]));
  return Uint8Array.from(Buffer.concat(parts));
}

const signed = (b: Uint8Array): number[] => Array.from(b, (x) => (x > 127 ? x - 256 : x));
const gcmParams = (nonce: Uint8Array): number[] =>
  signed(Uint8Array.from([0x30, 0x11, 0x04, 0x0c, ...nonce, 0x02, 0x01, 0x10]));

/** A FreeOTP 2.x backup (docs/formats.md §8) of `tokens` (FreeOTP token JSON objects without `secret`). */
export function freeOtpV2(
  tokens: readonly { readonly token: Record<string, unknown>; readonly secret: Uint8Array }[],
  password: string,
  iterations = 1,
): Uint8Array {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const passKey = pbkdf2Sync(password, salt, iterations, 32, 'sha512');
  const mkNonce = randomBytes(12);
  const mk = gcm(passKey, mkNonce, masterKey, Buffer.from('AES'));
  const entries: [string, string][] = [
    [
      'masterKey',
      JSON.stringify({
        mAlgorithm: 'PBKDF2withHmacSHA512',
        mEncryptedKey: {
          mCipher: 'AES/GCM/NoPadding',
          mCipherText: signed(Buffer.concat([mk.ct, mk.tag])),
          mParameters: gcmParams(mkNonce),
          mToken: 'AES',
        },
        mIterations: iterations,
        mSalt: signed(salt),
      }),
    ],
  ];
  tokens.forEach(({ token, secret }, i) => {
    const uuid = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const nonce = randomBytes(12);
    const sealed = gcm(masterKey, nonce, secret, Buffer.from('HmacSHA1'));
    const key = {
      mCipher: 'AES/GCM/NoPadding',
      mCipherText: signed(Buffer.concat([sealed.ct, sealed.tag])),
      mParameters: gcmParams(nonce),
      mToken: 'HmacSHA1',
    };
    entries.push([uuid, JSON.stringify({ key: JSON.stringify(key) })], [`${uuid}-token`, JSON.stringify(token)]);
  });
  return javaStringMap(entries);
}

/** An encrypted Ente Auth export (docs/formats.md §6) of `text`, with libsodium's own secretstream. */
export async function enteEncrypted(text: string, password: string): Promise<Uint8Array> {
  await sodium.ready;
  const salt = sodium.randombytes_buf(sodium.crypto_pwhash_SALTBYTES);
  const opsLimit = 1;
  const memLimit = 8 * 1024 * 1024;
  const key = sodium.crypto_pwhash(32, password, salt, opsLimit, memLimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
  const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
  const data = sodium.crypto_secretstream_xchacha20poly1305_push(
    state,
    new TextEncoder().encode(text),
    null,
    sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
  );
  const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
  const file = {
    version: 1,
    kdfParams: { memLimit, opsLimit, salt: b64(salt) },
    encryptedData: b64(data),
    encryptionNonce: b64(header),
  };
  return new TextEncoder().encode(JSON.stringify(file));
}

/** An Authy token with an encrypted secret (docs/formats.md §8): PBKDF2-SHA1(1000) → AES-256-CBC, zero IV. */
export function authyEncryptedToken(base32: string, password: string, salt: string): string {
  const key = pbkdf2Sync(password, Buffer.from(salt, 'utf8'), 1000, 32, 'sha1');
  const c = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return Buffer.concat([c.update(base32, 'utf8'), c.final()]).toString('base64');
}

/** A legacy Authenticator Pro backup: `AuthenticatorPro` ‖ salt 20 ‖ IV 16 ‖ AES-256-CBC(PBKDF2-SHA1 64,000). */
export function authenticatorProLegacy(json: string, password: string): Uint8Array {
  const salt = randomBytes(20);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(password, salt, 64_000, 32, 'sha1');
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ct = Buffer.concat([c.update(json, 'utf8'), c.final()]);
  return Uint8Array.from(Buffer.concat([Buffer.from('AuthenticatorPro', 'latin1'), salt, iv, ct]));
}
