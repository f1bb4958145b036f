// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Seals a header and plaintext payload into file bytes, and opens a parsed file's payload with the
 * data key. Payload AAD = the exact container prefix (magic ‖ version ‖ headerLen ‖ header).
 */
import { aeadOpen, aeadSeal, bytesEqual, NONCE_BYTES, wipe } from './crypto';
import { VaultError } from './errors';
import { readVaultBytes } from './storage';
import { previousGenerationPath } from './vault-links';
import {
  assembleContainer,
  containerPrefix,
  encodeHeader,
  isPasswordSlot,
  parseContainer,
  type ParsedContainer,
  type PasswordSlot,
  type VaultHeader,
} from './format';
import { decodePayload, type DecodedPayload } from './payload';
import { samePasswordSlot } from './slots';

/** Encrypts `plaintext` under `dataKey` with a fresh nonce; returns the complete file bytes. */
export async function sealVault(
  header: VaultHeader,
  plaintext: Uint8Array,
  dataKey: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
): Promise<Uint8Array> {
  const prefix = containerPrefix(encodeHeader(header));
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = await aeadSeal(plaintext, prefix, nonce, dataKey);
  return assembleContainer(prefix, nonce, ciphertext);
}

/** The `payload-tampered` error: the key opened but the payload or header bytes were changed. */
export function payloadTampered(): VaultError {
  return new VaultError(
    'payload-tampered',
    'The password is right, but the vault file was modified after it was saved (its header or contents do not ' +
      'match). Restore a backup or the previous version.',
  );
}

/**
 * Decrypts and decodes the payload. On any failure the plaintext is wiped before throwing:
 * `payload-tampered` when the tag fails, `corrupt` when the authenticated content is malformed.
 */
export async function openPayload(parsed: ParsedContainer, dataKey: Uint8Array): Promise<DecodedPayload> {
  const plaintext = await aeadOpen(parsed.ciphertext, parsed.aad, parsed.nonce, dataKey);
  if (!plaintext) throw payloadTampered();
  try {
    return decodePayload(plaintext, parsed.formatVersion);
  } catch (error) {
    wipe(plaintext);
    throw error;
  }
}

/** Re-reads what was written: same bytes, and the payload opens with the data key. */
export async function verifyWritten(path: string, expected: Uint8Array, key: Uint8Array): Promise<void> {
  const fail = (cause?: unknown): VaultError =>
    new VaultError(
      'io',
      'The vault was saved, but reading it back gave different data; the disk may be failing. The previous ' +
        `version is kept in ${previousGenerationPath(path)}.`,
      { cause, reason: 'verify-failed' },
    );
  let actual: Uint8Array;
  try {
    actual = await readVaultBytes(path);
  } catch (error) {
    throw fail(error);
  }
  if (!Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength).equals(expected)) {
    if (isAnotherSaveOfTheSameVault(actual, expected)) throw replacedAfterWrite(path);
    throw fail();
  }
  try {
    const payload = await openPayload(parseContainer(actual), key);
    wipe(payload.buffer);
  } catch (error) {
    throw fail(error);
  }
}

/**
 * Whether `actual`, read back where `expected` was just written, is a whole file of the same vault
 * (another save, say one a sync tool delivered from another computer right after ours), rather
 * than damaged bytes. Only the header is read: it parses, and names the same vault.
 */
function isAnotherSaveOfTheSameVault(actual: Uint8Array, expected: Uint8Array): boolean {
  try {
    return parseContainer(actual).header.vaultId === parseContainer(expected).header.vaultId;
  } catch {
    return false;
  }
}

/**
 * Our save was written, then replaced by another whole save of this vault before it could be read
 * back (a sync tool delivering another computer's version). The session saves again, merging
 * that file in (session.ts); this sentence is seen only when that keeps happening.
 */
export function replacedAfterWrite(path: string): VaultError {
  return new VaultError(
    'io',
    `The vault was saved, but another program (a sync tool?) replaced ${path} right after, several times. ` +
      'Try again in a moment.',
    { reason: 'replaced-after-write' },
  );
}

/**
 * Checks new file bytes in full before they may replace the vault (a re-key, where the old key
 * stops opening anything once they do): the file parses, carries `slot` exactly as made (which
 * createPasswordSlot checked gives `key` back under the new password), and its payload opens
 * with `key` to exactly `plaintext`. No key derivation. A failure is a bug, never a user error.
 */
export async function checkBeforeWrite(
  bytes: Uint8Array,
  slot: PasswordSlot,
  key: Uint8Array,
  plaintext: Uint8Array,
): Promise<void> {
  const parsed = parseContainer(bytes);
  const written = parsed.header.slots.find((s) => s.id === slot.id);
  if (!written || !isPasswordSlot(written) || !samePasswordSlot(written, slot)) {
    throw new Error('The re-keyed vault does not carry its new password slot');
  }
  const opened = await aeadOpen(parsed.ciphertext, parsed.aad, parsed.nonce, key);
  const same = opened !== null && bytesEqual(opened, plaintext);
  wipe(opened);
  if (!same) throw new Error('The re-keyed vault does not open to what was sealed');
}
