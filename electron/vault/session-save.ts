// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The steps of an open session's save around the change itself (session.ts runs them under the
 * lock file, in order): recognising a file another process saved as this vault under the same
 * password slot, the header of the next generation, and sealing, writing and reading back the
 * new file.
 */
import { EntryValidationError, VaultError } from './errors';
import { isPasswordSlot, MAX_FILE_BYTES, type PasswordSlot, type VaultHeader } from './format';
import { renewSlots } from './rekey';
import { checkBeforeWrite, sealVault, verifyWritten } from './sealing';
import { samePasswordSlot } from './slots';
import { writeVaultAtomically } from './storage';

/**
 * The session locks itself with this when the file on disk no longer opens with its key. `kept` is
 * the unmerged copy the session wrote beside the vault first (unmerged-copy.ts), or the reason it
 * could not write one.
 */
export function changedElsewhere(kept?: { readonly file: string } | { readonly failed: string }): VaultError {
  const base =
    'The vault was replaced, or its password was changed, on another computer, by another Tessera window or by ' +
    'the command line.';
  let keptNote = '';
  if (kept && 'file' in kept) {
    keptNote =
      ` This window's accounts were kept in ${kept.file}; once the vault is unlocked again, Tessera merges them ` +
      'in (it asks for the password they were saved with).';
  } else if (kept) {
    keptNote = ` This window's unsaved state could not be kept beside it (${kept.failed}).`;
  }
  return new VaultError('wrong-password-or-tampered', `${base}${keptNote} Unlock it again, with its new password.`, {
    reason: 'password-changed-elsewhere',
  });
}

/** `mergeCopy` was given a copy of another vault. */
export function otherVault(copyId: string, ourId: string): VaultError {
  return new VaultError(
    'corrupt',
    `That file is a different vault (vault id ${copyId}; this one is ${ourId}); Tessera merges only copies of ` +
      "the same vault. Open it as a vault of its own, or move it out of this vault's folder.",
    { reason: 'other-vault' },
  );
}

/** `mergeCopy` was given a copy under another data key, without its password (or with a wrong one). */
export function otherKey(passwordGiven: boolean): VaultError {
  const message = passwordGiven
    ? 'That password does not open this copy of the vault. Enter the password the copy was saved with (the one ' +
      'used on the other computer, or the one before the last change) and try again.'
    : 'This copy of the vault was saved under another password (it was changed on another computer, or the copy ' +
      'is from before a change). Enter the password the copy was saved with once to merge it; afterwards the ' +
      'vault opens with the password of whichever copy was saved later.';
  return new VaultError('wrong-password-or-tampered', message, { reason: 'other-key' });
}

/**
 * Whether `header`, read from disk, is still the vault we hold (`diskHeader`) with our password
 * slot (`diskSlot`) unchanged, so that our data key opens it.
 */
export function isSameVaultAndSlot(header: VaultHeader, diskHeader: VaultHeader, diskSlot: PasswordSlot): boolean {
  const slot = header.slots.find((s) => s.id === diskSlot.id);
  return (
    header.vaultId === diskHeader.vaultId &&
    slot !== undefined &&
    isPasswordSlot(slot) &&
    samePasswordSlot(slot, diskSlot)
  );
}

/**
 * The header of the next generation: `slot` in place of our password slot `diskSlot`. With
 * `newDataKey` (a re-key) every other slot is renewed for the new key as well.
 */
export async function nextHeader(
  diskHeader: VaultHeader,
  diskSlot: PasswordSlot,
  slot: PasswordSlot,
  savedAt: number,
  newDataKey?: Uint8Array,
): Promise<VaultHeader> {
  return {
    ...diskHeader,
    generation: diskHeader.generation + 1,
    savedAt,
    slots: newDataKey
      ? await renewSlots(diskHeader.slots, diskSlot.id, slot, newDataKey)
      : diskHeader.slots.map((s) => (s.id === diskSlot.id ? slot : s)),
  };
}

/** What one save writes, and how. */
export interface SealedSave {
  readonly path: string;
  readonly header: VaultHeader;
  readonly payload: Uint8Array;
  readonly key: Uint8Array;
  /** Our password slot as written: checked to open the new file before it is written, on a re-key. */
  readonly slot: PasswordSlot;
  readonly rekey: boolean;
  readonly randomBytes: (n: number) => Uint8Array;
  /** Runs just before the new file replaces the old one: throws if the lock file is no longer ours. */
  readonly beforeCommit: () => Promise<void>;
}

/**
 * Seals the payload under `key`, refuses a file over the size bound, checks a re-keyed file in full
 * before it replaces the vault, writes it crash-safely and reads it back. Returns the bytes written.
 */
export async function sealAndWrite(save: SealedSave): Promise<Uint8Array> {
  const { path, header, payload, key, randomBytes } = save;
  const bytes = await sealVault(header, payload, key, randomBytes);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new EntryValidationError('entries', 'The vault would grow beyond 64 MiB. Remove accounts or notes first.');
  }
  if (save.rekey) await checkBeforeWrite(bytes, save.slot, key, payload);
  await writeVaultAtomically(path, bytes, randomBytes, save.beforeCommit);
  await verifyWritten(path, bytes, key);
  return bytes;
}
