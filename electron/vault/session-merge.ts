// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What an open session does with another copy of its vault (the file on disk after a sync tool
 * replaced it, or a conflict copy): merge the states (merge.ts) and decide which copy's header —
 * key slots, hence data key and password — the merged save is written under. Pure apart from the
 * merge's own work; session.ts reads, opens and writes around it.
 *
 * The header rule (docs/dev/vault-api.md, "Merging copies"):
 * - a copy that opened with a data key this session held before a re-key is older in key: ours stays;
 * - otherwise the copy saved later wins: the greater header `savedAt`, then the greater
 *   `generation`; on a tie, ours. When the copy wins under another data key (it opened with its own
 *   password), the merged vault continues under that key and password; under the same data key it
 *   may still bring its own password slot (a KDF upgrade, or `passwd --keep-data-key`) and other
 *   slots (a recovery key added there).
 * - the merged header's generation is the greater of the two (the save adds one).
 */
import { ENTRY_LIMITS } from '../domain';
import type { VaultContents } from './entry';
import { EntryValidationError } from './errors';
import { encodeHeader, isPasswordSlot, type PasswordSlot, type VaultHeader } from './format';
import { mergeVaultStates } from './merge';
import type { DecodedPayload } from './payload';
import { samePasswordSlot } from './slots';
import { iconsTotalProblem } from './stored-icons';

/** What a save builds on: the contents, the header, our password slot in it, and the data key it wraps. */
export interface MergeBase {
  readonly contents: VaultContents;
  readonly header: VaultHeader;
  /** Our password slot as it is in `header`. */
  readonly diskSlot: PasswordSlot;
  /** The password slot the next save writes (differs from `diskSlot` after a KDF upgrade here). */
  readonly slotToWrite: PasswordSlot;
  /** The data key `header`'s slots wrap. */
  readonly key: Uint8Array;
  /** Whose password `diskSlot` is: still this session's, or taken from a merged copy. */
  readonly passwordFrom: 'this' | 'copy';
}

/** How another copy of the vault opened. */
export type CopyKey =
  /** With the session's data key. */
  | { readonly kind: 'current' }
  /** With a data key the session had before it re-keyed: the copy predates the re-key. */
  | { readonly kind: 'former' }
  /** With its own password (another data key): `slot` is the password slot that opened, `key` its data key. */
  | { readonly kind: 'password'; readonly key: Uint8Array; readonly slot: PasswordSlot };

/** Another copy of the vault, opened. */
export interface OpenedCopy {
  readonly header: VaultHeader;
  readonly payload: DecodedPayload;
  readonly opened: CopyKey;
}

/** Which header was saved later: > 0 when `a`, < 0 when `b`, 0 when neither (savedAt, then generation). */
export function headerOrder(a: VaultHeader, b: VaultHeader): number {
  return Math.sign(a.savedAt - b.savedAt) || Math.sign(a.generation - b.generation);
}

/** Whether two headers carry the same key slots (and vault), whatever their generation and time. */
export function sameSlots(a: VaultHeader, b: VaultHeader): boolean {
  const plain = (h: VaultHeader): string =>
    Buffer.from(encodeHeader({ ...h, generation: 1, savedAt: 0 })).toString('base64');
  return plain(a) === plain(b);
}

/** The password slot of `header` with id `id`, else its first password slot. */
export function ownPasswordSlot(header: VaultHeader, id: string): PasswordSlot | undefined {
  const slots = header.slots.filter(isPasswordSlot);
  return slots.find((s) => s.id === id) ?? slots[0];
}

/** `base` with `copy` merged in: the merged contents, under the header and key the rule above picks. */
export function mergeInto(base: MergeBase, copy: OpenedCopy): MergeBase {
  const contents = mergeVaultStates(base.contents, copy.payload);
  const generation = Math.max(base.header.generation, copy.header.generation);
  if (copy.opened.kind === 'former' || headerOrder(copy.header, base.header) <= 0) {
    return { ...base, contents, header: { ...base.header, generation } };
  }
  const header = { ...copy.header, generation };
  if (copy.opened.kind === 'password') {
    const { slot, key } = copy.opened;
    return { contents, header, diskSlot: slot, slotToWrite: slot, key, passwordFrom: 'copy' };
  }
  const slot = ownPasswordSlot(copy.header, base.diskSlot.id);
  if (slot === undefined || samePasswordSlot(slot, base.diskSlot)) {
    return { ...base, contents, header: slot === undefined ? { ...base.header, generation } : header };
  }
  return { ...base, contents, header, diskSlot: slot, slotToWrite: slot, passwordFrom: 'copy' };
}

/**
 * Refuses contents over a vault-wide limit (the number of accounts, the custom icons' total size),
 * which a merge of two copies can reach though neither copy did: the user removes some first.
 * @throws EntryValidationError, naming what to remove; nothing is written.
 */
export function assertWithinVaultLimits(contents: VaultContents): void {
  const count = contents.entries.length;
  const over = count - ENTRY_LIMITS.maxEntries;
  if (over > 0) {
    throw new EntryValidationError(
      'entries',
      `With the accounts from another copy of the vault it would hold ${count.toLocaleString('en')} accounts, ` +
        `more than the ${ENTRY_LIMITS.maxEntries.toLocaleString('en')} a vault can hold, so nothing was saved. ` +
        `Remove at least ${over.toLocaleString('en')} account${over === 1 ? '' : 's'}, then try again.`,
    );
  }
  const icons = iconsTotalProblem(contents.icons);
  if (icons !== null) {
    throw new EntryValidationError(
      'icon',
      `With the custom icons from another copy of the vault, nothing could be saved. ${icons}`,
    );
  }
}
