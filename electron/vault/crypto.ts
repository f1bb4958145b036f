// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The few libsodium primitives the vault uses, behind typed helpers: XChaCha20-Poly1305 IETF for
 * the payload and the key slots, random bytes, and `memzero`. `libsodium-wrappers-sumo` (not the
 * plain build) because only sumo ships `crypto_pwhash` at run time.
 *
 * libsodium is loaded on first use, not when this module is: its ~40 ms of loading and WebAssembly
 * start-up are not paid by `tessera --version`, and an unlock starts it while Argon2id runs
 * (`warmUpCrypto`), so the two overlap.
 */
import { timingSafeEqual } from 'node:crypto';
import type Sodium from 'libsodium-wrappers-sumo';

/** Length of the data key and of every key-encryption key. */
export const KEY_BYTES = 32;
/** XChaCha20-Poly1305 IETF nonce length. */
export const NONCE_BYTES = 24;
/** Poly1305 tag length. */
export const TAG_BYTES = 16;
/** Argon2id salt length (`crypto_pwhash_SALTBYTES`). */
export const SALT_BYTES = 16;

let loading: Promise<typeof Sodium> | null = null;

/** The ready libsodium instance; every crypto call goes through this so WASM is loaded and initialised once. */
export function getSodium(): Promise<typeof Sodium> {
  loading ??= import('libsodium-wrappers-sumo').then(async (module) => {
    const sodium = module.default;
    await sodium.ready;
    return sodium;
  });
  return loading;
}

/** Starts loading libsodium without waiting for it (a failure surfaces at the first real use). */
export function warmUpCrypto(): void {
  getSodium().catch(() => undefined);
}

/** Random bytes from the OS CSPRNG (Web Crypto `getRandomValues`). The production `randomBytes`. */
export function defaultRandomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/** A random RFC 4122 version-4 UUID built from `randomBytes`, so tests and fixtures are exact. */
export function uuidV4(randomBytes: (n: number) => Uint8Array): string {
  const b = randomBytes(16).slice();
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seals `plaintext` under `key` with XChaCha20-Poly1305 IETF; returns ciphertext ‖ tag. */
export async function aeadSeal(
  plaintext: Uint8Array,
  aad: Uint8Array,
  nonce: Uint8Array,
  key: Uint8Array,
): Promise<Uint8Array> {
  const s = await getSodium();
  return s.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad, null, nonce, key);
}

/**
 * Opens ciphertext ‖ tag; returns null when the tag does not verify (wrong key, edited bytes or
 * edited AAD). The caller owns the returned plaintext and wipes it.
 */
export async function aeadOpen(
  ciphertext: Uint8Array,
  aad: Uint8Array,
  nonce: Uint8Array,
  key: Uint8Array,
): Promise<Uint8Array | null> {
  const s = await getSodium();
  if (ciphertext.length < TAG_BYTES) return null;
  try {
    return s.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, aad, nonce, key);
  } catch {
    return null;
  }
}

/**
 * Overwrites bytes with zeros. Best effort (JavaScript gives no guarantee against GC copies), but it
 * shortens the life of keys and secrets.
 */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  // What libsodium.js's memzero does too: a JavaScript fill (its memory is not the WASM heap).
  for (const b of buffers) if (b && b.byteLength > 0) b.fill(0);
}

/** Constant-time comparison of two byte strings of any length (the lengths are not secret). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** UTF-8 bytes of a password, Unicode-normalised (NFC) so the same password typed on any OS matches. */
export function passwordBytes(password: string): Uint8Array {
  return new TextEncoder().encode(password.normalize('NFC'));
}
