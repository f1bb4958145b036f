// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The outer ciphers of KDBX: AES-256-CBC with PKCS#7 padding and a 16-byte IV, and ChaCha20
 * (RFC 7539) with a 12-byte nonce and the block counter starting at 0. OpenSSL's `chacha20` takes
 * a 16-byte IV: the 4-byte little-endian counter, then the 12-byte nonce. Twofish is refused when
 * the header is read.
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { OuterCipher } from './header';

/** OpenSSL's ChaCha20 IV for `nonce` (12 bytes) starting at block `counter`. */
export function chachaIv(nonce: Uint8Array, counter = 0): Buffer {
  const iv = Buffer.alloc(16);
  iv.writeUInt32LE(counter >>> 0, 0);
  iv.set(nonce, 4);
  return iv;
}

/**
 * Decrypts the payload. Null when AES-CBC's padding is wrong (a wrong key, nearly always: the
 * caller confirms with the stream start bytes or the HMACs).
 */
export function decryptPayload(
  cipher: OuterCipher,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
): Uint8Array | null {
  if (cipher === 'chacha20') {
    const d = createDecipheriv('chacha20', key, chachaIv(iv));
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  }
  if (data.length === 0 || data.length % 16 !== 0) return null;
  const d = createDecipheriv('aes-256-cbc', key, iv);
  try {
    return new Uint8Array(Buffer.concat([d.update(data), d.final()]));
  } catch {
    return null;
  }
}

export function encryptPayload(cipher: OuterCipher, key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const c =
    cipher === 'chacha20' ? createCipheriv('chacha20', key, chachaIv(iv)) : createCipheriv('aes-256-cbc', key, iv);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}
