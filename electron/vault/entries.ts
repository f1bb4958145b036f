// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Entry-list changes as pure functions `(entries, …) → entries`. The session applies one to the
 * state found on disk under the write lock, so a change made by another process (the CLI) in
 * between is kept, never overwritten. Every function validates its input and names the bad field.
 */
import { ENTRY_LIMITS, type EntryPatch } from '../domain';
import type { NewVaultEntry, VaultEntry } from './entry';
import { EntryValidationError } from './errors';
import { freezeEntry } from './payload';
import { validateCounter, validateEntry, validateNewEntry, validatePatch } from './validate';

/** Clock and id minting, injected by the session. */
export interface MintDeps {
  readonly now: () => number;
  readonly newId: () => string;
}

function indexOf(entries: readonly VaultEntry[], id: string): number {
  const index = entries.findIndex((e) => e.id === id);
  if (index < 0) throw new EntryValidationError('id', 'That account is not in the vault. It may have been removed.');
  return index;
}

function replaceAt(entries: readonly VaultEntry[], index: number, entry: VaultEntry): VaultEntry[] {
  validateEntry(entry);
  const next = [...entries];
  next[index] = freezeEntry(entry);
  return next;
}

/** An empty group name means "no group". */
function normaliseGroup(group: string | null | undefined): string | null {
  return group === undefined || group === null || group === '' ? null : group;
}

/**
 * Appends new entries (all or nothing) with fresh ids, the next sort orders and `now` as their
 * times. Their `secret` is the caller's bytes until the save copies them into the payload.
 */
export function addEntries(
  entries: readonly VaultEntry[],
  inputs: readonly NewVaultEntry[],
  deps: MintDeps,
): { entries: VaultEntry[]; ids: string[] } {
  if (!Array.isArray(inputs)) throw new EntryValidationError('entries', 'Entries to add must be a list.');
  if (entries.length + inputs.length > ENTRY_LIMITS.maxEntries) {
    throw new EntryValidationError('entries', `A vault holds at most ${ENTRY_LIMITS.maxEntries} accounts.`);
  }
  inputs.forEach(validateNewEntry);
  const at = deps.now();
  let sortOrder = entries.reduce((max, e) => Math.max(max, e.sortOrder + 1), 0);
  const added = inputs.map((input) =>
    freezeEntry({
      id: deps.newId(),
      type: input.type,
      issuer: input.issuer,
      account: input.account,
      algorithm: input.algorithm,
      digits: input.digits,
      period: input.period,
      counter: input.counter,
      secret: input.secret,
      group: normaliseGroup(input.group),
      favourite: input.favourite ?? false,
      notes: input.notes ?? '',
      sortOrder: sortOrder++,
      createdAt: at,
      updatedAt: at,
    }),
  );
  added.forEach(validateEntry);
  return { entries: [...entries, ...added], ids: added.map((e) => e.id) };
}

/** Edits metadata only (issuer, account, group, notes, favourite); bumps `updatedAt`. */
export function updateEntry(entries: readonly VaultEntry[], id: string, patch: EntryPatch, now: number): VaultEntry[] {
  validatePatch(patch);
  const index = indexOf(entries, id);
  const current = entries[index] as VaultEntry;
  return replaceAt(entries, index, {
    ...current,
    ...(patch.issuer === undefined ? {} : { issuer: patch.issuer }),
    ...(patch.account === undefined ? {} : { account: patch.account }),
    ...(patch.group === undefined ? {} : { group: normaliseGroup(patch.group) }),
    ...(patch.notes === undefined ? {} : { notes: patch.notes }),
    ...(patch.favourite === undefined ? {} : { favourite: patch.favourite }),
    updatedAt: now,
  });
}

/** Sets an HOTP entry's next counter value. */
export function setEntryCounter(
  entries: readonly VaultEntry[],
  id: string,
  counter: number,
  now: number,
): VaultEntry[] {
  const index = indexOf(entries, id);
  const current = entries[index] as VaultEntry;
  if (current.type !== 'hotp') {
    throw new EntryValidationError('counter', 'Only counter-based (HOTP) accounts have a counter.');
  }
  validateCounter(counter);
  return replaceAt(entries, index, { ...current, counter, updatedAt: now });
}

/** Drops one entry. */
export function removeEntry(entries: readonly VaultEntry[], id: string): VaultEntry[] {
  const index = indexOf(entries, id);
  return entries.filter((_, i) => i !== index);
}

/** Removes several entries in one change; every id must be present (else nothing is removed). */
export function removeEntries(entries: readonly VaultEntry[], ids: readonly string[]): VaultEntry[] {
  const gone = new Set(ids);
  for (const id of gone) indexOf(entries, id);
  return entries.filter((e) => !gone.has(e.id));
}

/** Sets the display order; `ids` must list every entry exactly once. */
export function reorderEntries(entries: readonly VaultEntry[], ids: readonly string[]): VaultEntry[] {
  const known = new Set(entries.map((e) => e.id));
  if (
    !Array.isArray(ids) ||
    ids.length !== known.size ||
    new Set(ids).size !== ids.length ||
    !ids.every((id) => known.has(id))
  ) {
    throw new EntryValidationError('ids', 'The new order must list every account exactly once.');
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  return entries.map((e) => freezeEntry({ ...e, sortOrder: position.get(e.id) ?? 0 }));
}
