// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Restoring a Tessera backup after review: pure planning over entry lists. `merge` adds the backup's
 * entries that are not already in the vault (duplicates as `findDuplicates` defines them: same
 * codes, whatever the names); `replace` removes every current entry and adds the backup's (each
 * account once). The caller applies the plan: `add` first, then `remove`, so a failure never leaves
 * the vault emptier than before.
 */
import type { EntryId, IconChoice, RestoreMode } from '../domain';
import { findDuplicates, type Duplicate, type ImportedEntry } from '../import';
import type { UnlockedVault } from '../vault';
import type { VaultEntry } from '../vault/entry';

/** What a restore will do. */
export interface RestorePlan {
  /** Backup entries to add, in backup order. */
  readonly add: ImportedEntry[];
  /** Current entries to remove afterwards (`replace` only). */
  readonly remove: EntryId[];
  /** Per backup entry: why it is not added (null when it is). */
  readonly duplicates: (Duplicate | null)[];
}

/** Plans a restore of `backup` into a vault holding `existing`. */
export function planRestore(
  backup: readonly ImportedEntry[],
  existing: readonly VaultEntry[],
  mode: RestoreMode,
): RestorePlan {
  const duplicates = findDuplicates(backup, mode === 'merge' ? existing : []);
  const add = backup.filter((_, i) => duplicates[i] === null);
  const remove = mode === 'replace' ? existing.map((e) => e.id) : [];
  return { add, remove, duplicates };
}

/**
 * After `add` put a backup's entries into a vault: sets the bundled or letter icon each one kept
 * (`add` takes a custom icon's image, not a choice), one edit per such entry. `added` is `add`'s
 * answer, in the order of `sources`.
 */
export async function applyIconChoices(
  vault: Pick<UnlockedVault, 'update'>,
  added: readonly { readonly id: EntryId }[],
  sources: readonly { readonly icon?: IconChoice | null | undefined }[],
): Promise<void> {
  for (const [i, source] of sources.entries()) {
    const icon = source.icon ?? null;
    const id = added[i]?.id;
    if (icon !== null && icon.kind !== 'custom' && id !== undefined) await vault.update(id, { icon });
  }
}
