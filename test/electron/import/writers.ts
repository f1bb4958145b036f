// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Test-only writers of encrypted export formats, written from docs/formats.md (not from the importers):
 * they let tests build files with cheap KDF parameters (fuzzing after decryption) and formats the
 * corpus has no sample of (Ente encrypted, Authy encrypted, Authenticator Pro legacy).
 */
import { createHash, pbkdf2Sync, randomBytes, scryptSync } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';
import { aesCbc, aesGcm } from '../../../scripts/fixtures/lib';
import { enteExportJson, freeOtpBackup, javaStringMap, type FreeOtpToken } from '../../../scripts/fixtures/lib-formats';

export { javaStringMap };

/** An encrypted Aegis vault (docs/formats.md §1.2) around `content` (the db JSON), one password slot. */
export function aegisEncrypted(content: Uint8Array, password: string, n = 16): Uint8Array {
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const kek = scryptSync(Buffer.from(password, 'utf8'), salt, 32, { N: n, r: 8, p: 1 });
  const slotNonce = randomBytes(12);
  const slot = aesGcm(kek, slotNonce, masterKey);
  const nonce = randomBytes(12);
  const db = aesGcm(masterKey, nonce, content);
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
  const { ct, tag } = aesGcm(key, nonce, plain);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(iterations);
  return Uint8Array.from(Buffer.concat([head, salt, nonce, ct, tag]));
}

/** An andOTP backup in the old encrypted format: key SHA-256(password), nonce ‖ ct ‖ tag. */
export function andOtpOldEncrypted(plain: Uint8Array, password: string): Uint8Array {
  const key = createHash('sha256').update(password, 'utf8').digest();
  // A first byte of 0xff keeps the would-be iteration count above andOTP's maximum.
  const nonce = Buffer.concat([Buffer.from([0xff]), randomBytes(11)]);
  const { ct, tag } = aesGcm(key, nonce, plain);
  return Uint8Array.from(Buffer.concat([nonce, ct, tag]));
}

/** A FreeOTP 2.x backup (docs/formats.md §8) of `tokens` (FreeOTP token JSON objects without `secret`). */
export function freeOtpV2(tokens: readonly FreeOtpToken[], password: string, iterations = 1): Uint8Array {
  return freeOtpBackup(tokens, password, {
    iterations,
    hash: 'sha512',
    random: (_, n) => randomBytes(n),
    firstUuid: 0,
  });
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
  return new TextEncoder().encode(enteExportJson({ memLimit, opsLimit, salt }, data, header));
}

/** An Authy token with an encrypted secret (docs/formats.md §8): PBKDF2-SHA1(1000) → AES-256-CBC, zero IV. */
export function authyEncryptedToken(base32: string, password: string, salt: string): string {
  const key = pbkdf2Sync(password, Buffer.from(salt, 'utf8'), 1000, 32, 'sha1');
  return aesCbc(key, Buffer.alloc(16), base32).toString('base64');
}

/** A legacy Authenticator Pro backup: `AuthenticatorPro` ‖ salt 20 ‖ IV 16 ‖ AES-256-CBC(PBKDF2-SHA1 64,000). */
export function authenticatorProLegacy(json: string, password: string): Uint8Array {
  const salt = randomBytes(20);
  const iv = randomBytes(16);
  const key = pbkdf2Sync(password, salt, 64_000, 32, 'sha1');
  const ct = aesCbc(key, iv, json);
  return Uint8Array.from(Buffer.concat([Buffer.from('AuthenticatorPro', 'latin1'), salt, iv, ct]));
}
