// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A byte-compatible stand-in for the few `libsodium-wrappers-sumo` calls a vault save makes
 * (XChaCha20-Poly1305 IETF, memzero, memcmp), on Node's built-in ChaCha20-Poly1305 plus a
 * HChaCha20 in JavaScript. Only the crash and lock-contention *children* are bundled with it: it
 * spares each of the 200+ short-lived processes the ~0.1 s of CPU that loading libsodium's WASM
 * costs. Everything they write is opened by the parent with the real libsodium, and a test checks
 * the stand-in against libsodium directly, so an incompatibility cannot go unnoticed.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';

function rotl(v: number, n: number): number {
  return ((v << n) | (v >>> (32 - n))) >>> 0;
}

/** HChaCha20 (draft-irtf-cfrg-xchacha §2.2): the XChaCha20 subkey from a key and 16 nonce bytes. */
export function hchacha20(key: Uint8Array, nonce16: Uint8Array): Uint8Array {
  const k = new DataView(key.buffer, key.byteOffset, 32);
  const n = new DataView(nonce16.buffer, nonce16.byteOffset, 16);
  const s = new Uint32Array(16);
  s.set([0x61707865, 0x3320646e, 0x79622d32, 0x6b206574]);
  for (let i = 0; i < 8; i++) s[4 + i] = k.getUint32(4 * i, true);
  for (let i = 0; i < 4; i++) s[12 + i] = n.getUint32(4 * i, true);
  const qr = (a: number, b: number, c: number, d: number): void => {
    s[a] = (s[a]! + s[b]!) >>> 0;
    s[d] = rotl(s[d]! ^ s[a]!, 16);
    s[c] = (s[c]! + s[d]!) >>> 0;
    s[b] = rotl(s[b]! ^ s[c]!, 12);
    s[a] = (s[a]! + s[b]!) >>> 0;
    s[d] = rotl(s[d]! ^ s[a]!, 8);
    s[c] = (s[c]! + s[d]!) >>> 0;
    s[b] = rotl(s[b]! ^ s[c]!, 7);
  };
  for (let round = 0; round < 10; round++) {
    qr(0, 4, 8, 12);
    qr(1, 5, 9, 13);
    qr(2, 6, 10, 14);
    qr(3, 7, 11, 15);
    qr(0, 5, 10, 15);
    qr(1, 6, 11, 12);
    qr(2, 7, 8, 13);
    qr(3, 4, 9, 14);
  }
  const out = new Uint8Array(32);
  const o = new DataView(out.buffer);
  [0, 1, 2, 3, 12, 13, 14, 15].forEach((word, i) => o.setUint32(4 * i, s[word]!, true));
  return out;
}

function subkeyAndNonce(key: Uint8Array, nonce: Uint8Array): [Uint8Array, Uint8Array] {
  const nonce12 = new Uint8Array(12);
  nonce12.set(nonce.subarray(16, 24), 4);
  return [hchacha20(key, nonce.subarray(0, 16)), nonce12];
}

function encrypt(
  message: Uint8Array,
  ad: Uint8Array | null,
  _nsec: null,
  nonce: Uint8Array,
  key: Uint8Array,
): Uint8Array {
  const [subkey, nonce12] = subkeyAndNonce(key, nonce);
  const cipher = createCipheriv('chacha20-poly1305', subkey, nonce12, { authTagLength: 16 });
  if (ad) cipher.setAAD(ad, { plaintextLength: message.length });
  const out = Buffer.concat([cipher.update(message), cipher.final(), cipher.getAuthTag()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

function decrypt(
  _nsec: null,
  ciphertext: Uint8Array,
  ad: Uint8Array | null,
  nonce: Uint8Array,
  key: Uint8Array,
): Uint8Array {
  if (ciphertext.length < 16) throw new Error('ciphertext cannot be decrypted using that key');
  const [subkey, nonce12] = subkeyAndNonce(key, nonce);
  const decipher = createDecipheriv('chacha20-poly1305', subkey, nonce12, { authTagLength: 16 });
  const body = ciphertext.subarray(0, ciphertext.length - 16);
  if (ad) decipher.setAAD(ad, { plaintextLength: body.length });
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const out = Buffer.concat([decipher.update(body), decipher.final()]);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

const sodiumLite = {
  ready: Promise.resolve(),
  memzero: (bytes: Uint8Array): void => void bytes.fill(0),
  memcmp: (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((v, i) => v === b[i]),
  crypto_aead_xchacha20poly1305_ietf_encrypt: encrypt,
  crypto_aead_xchacha20poly1305_ietf_decrypt: decrypt,
  crypto_pwhash(): never {
    throw new Error('sodium-lite has no Argon2id: children use the fake KDF');
  },
};

export default sodiumLite;
