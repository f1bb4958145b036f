// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The keys of a KDBX file, from the password to the block keys. Tessera builds the composite key from
 * a password alone: SHA-256 over the SHA-256 of each key component, here only SHA-256(UTF-8
 * password). A database that also needs a key file or a challenge-response key (YubiKey) has more
 * components, and is indistinguishable from a wrong password.
 *
 * - master key (encrypts the payload) = SHA-256(master seed ‖ transformed key);
 * - KDBX 4: HMAC base key = SHA-512(master seed ‖ transformed key ‖ 0x01), and the HMAC key of
 *   block i = SHA-512(u64le(i) ‖ base key), the header's being block 2⁶⁴−1.
 *
 * @see https://keepass.info/help/kb/kdbx_4.html ("Key derivation", "HMAC")
 */
import { createHash } from 'node:crypto';
import { u64le, wipe } from './bytes';

/** SHA-256(SHA-256(UTF-8 password)): KeePass's composite key of a password-only database. */
export function compositeKey(password: string): Uint8Array {
  const utf8 = Buffer.from(password, 'utf8');
  const inner = createHash('sha256').update(utf8).digest();
  const key = new Uint8Array(createHash('sha256').update(inner).digest());
  wipe(utf8, inner);
  return key;
}

export function masterKey(masterSeed: Uint8Array, transformedKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(masterSeed).update(transformedKey).digest());
}

export function hmacBaseKey(masterSeed: Uint8Array, transformedKey: Uint8Array): Uint8Array {
  return new Uint8Array(
    createHash('sha512').update(masterSeed).update(transformedKey).update(Uint8Array.of(1)).digest(),
  );
}

/** The header's HMAC block index. */
export const HEADER_BLOCK_INDEX = 0xffff_ffff_ffff_ffffn;

export function blockHmacKey(index: bigint, baseKey: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha512').update(u64le(index)).update(baseKey).digest());
}
