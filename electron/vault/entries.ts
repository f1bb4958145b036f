// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Changes to a vault's contents as pure functions `(contents, …) → contents`. The session applies
 * one to the contents found on disk under the write lock, so a change made by another process (the
 * CLI) in between is kept, never overwritten. Every function validates its input and names the bad
 * field; bad input changes nothing.
 *
 * They also keep the record two copies of the vault are merged by (docs/vault-format.md §6):
 * - each part of an entry that changes gets a new change time `max(now, previous + 1)`, so it moves
 *   forward even when the clock goes back, and a part that did not change keeps its time;
 * - replacing non-empty notes remembers the old text's digest (`notesSuperseded`) and drops the new
 *   text from `conflictNotes`;
 * - removing an entry leaves a tombstone; `prepareForSave` drops tombstones past their retention
 *   and custom icons no entry uses.
 */
import { ENTRY_LIMITS, type EntryPatch, type IconChoice } from '../domain';
import {
  ENTRY_CHANGE_PARTS,
  TOMBSTONE_RETENTION_MS,
  type EntryChangeTimes,
  type IconImageInput,
  type NewVaultEntry,
  type StoredIcon,
  type Tombstone,
  type VaultContents,
  type VaultEntry,
} from './entry';
import { EntryValidationError } from './errors';
import { notesDigest } from './notes-digest';
import { changeTimesAt, freezeEntry } from './payload';
import { MAX_NOTES_SUPERSEDED, MAX_TOMBSTONES } from './record-limits';
import { iconIdOf, iconsTotalProblem, storedIconProblem, withoutUnusedIcons } from './stored-icons';
import { normalisedTags, validateCounter, validateEntry, validateNewEntry, validatePatch } from './validate';

/** Clock and id minting, injected by the session. */
export interface MintDeps {
  readonly now: () => number;
  readonly newId: () => string;
}

/** An empty vault's contents. */
export const EMPTY_CONTENTS: VaultContents = Object.freeze({
  entries: Object.freeze([]),
  tombstones: Object.freeze([]),
  icons: new Map<string, StoredIcon>(),
});

/** A part's next change time: now, but always after the previous one (the clock may go back). */
export function nextChangeTime(previous: number, now: number): number {
  return Math.max(now, previous + 1);
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

function sameIconChoice(a: IconChoice | null, b: IconChoice | null): boolean {
  if (a === null || b === null) return a === b;
  return a.kind === b.kind && (a.kind === 'letter' || a.id === (b as { id: string }).id);
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** The icons with `image` added (once, by its SHA-256), and its id. Checks the image first. */
function withIcon(
  icons: ReadonlyMap<string, StoredIcon>,
  image: IconImageInput,
): { icons: ReadonlyMap<string, StoredIcon>; id: string } {
  const problem = storedIconProblem(image?.mime, image?.bytes);
  if (problem !== null) throw new EntryValidationError('icon', problem);
  const id = iconIdOf(image.bytes);
  if (icons.has(id)) return { icons, id };
  const next = new Map(icons);
  next.set(id, Object.freeze({ id, mime: image.mime, bytes: image.bytes.slice() }));
  return { icons: next, id };
}

/** The contents with unused icons dropped, refused if the icons left exceed the vault-wide cap. */
function withinIconBudget(contents: VaultContents): VaultContents {
  const icons = withoutUnusedIcons(contents.icons, contents.entries);
  const problem = iconsTotalProblem(icons);
  if (problem !== null) throw new EntryValidationError('icon', problem);
  return { ...contents, icons };
}

/**
 * Appends new entries (all or nothing) with fresh ids, the next sort orders and `now` as their
 * times (every change time too). Tags are normalised; an `iconImage` is stored (once, by its
 * SHA-256) and becomes the entry's custom icon. Their `secret` is the caller's bytes until the save
 * copies them into the payload.
 */
export function addEntries(
  contents: VaultContents,
  inputs: readonly NewVaultEntry[],
  deps: MintDeps,
): { contents: VaultContents; ids: string[] } {
  if (!Array.isArray(inputs)) throw new EntryValidationError('entries', 'Entries to add must be a list.');
  const { entries } = contents;
  if (entries.length + inputs.length > ENTRY_LIMITS.maxEntries) {
    throw new EntryValidationError('entries', `A vault holds at most ${ENTRY_LIMITS.maxEntries} accounts.`);
  }
  inputs.forEach(validateNewEntry);
  const at = deps.now();
  let icons = contents.icons;
  let sortOrder = entries.reduce((max, e) => Math.max(max, e.sortOrder + 1), 0);
  const added = inputs.map((input) => {
    let icon: IconChoice | null = null;
    if (input.iconImage !== undefined) {
      const stored = withIcon(icons, input.iconImage);
      icons = stored.icons;
      icon = { kind: 'custom', id: stored.id };
    }
    return freezeEntry({
      id: deps.newId(),
      type: input.type,
      issuer: input.issuer,
      account: input.account,
      algorithm: input.algorithm,
      digits: input.digits,
      period: input.period,
      counter: input.counter,
      secret: input.secret,
      tags: normalisedTags(input.tags ?? []),
      icon,
      favourite: input.favourite ?? false,
      notes: input.notes ?? '',
      conflictNotes: Object.freeze([]),
      notesSuperseded: Object.freeze([]),
      sortOrder: sortOrder++,
      createdAt: at,
      updatedAt: at,
      changed: Object.freeze(changeTimesAt(at)),
    });
  });
  added.forEach(validateEntry);
  const next = withinIconBudget({ ...contents, entries: [...entries, ...added], icons });
  return { contents: next, ids: added.map((e) => e.id) };
}

/**
 * `current` with the parts that `values` changes set, and only those parts' change times moved
 * forward (`updatedAt` too when anything changed). Nothing changes: `current` itself.
 */
function edited(
  current: VaultEntry,
  values: {
    readonly issuer?: string;
    readonly account?: string;
    readonly tags?: readonly string[];
    readonly icon?: IconChoice | null;
    readonly favourite?: boolean;
    readonly notes?: string;
    readonly sortOrder?: number;
    readonly counter?: number | null;
  },
  now: number,
): VaultEntry {
  const changedParts = new Set<keyof EntryChangeTimes>();
  const issuer = values.issuer ?? current.issuer;
  const account = values.account ?? current.account;
  if (issuer !== current.issuer || account !== current.account) changedParts.add('names');
  const tags = values.tags ?? current.tags;
  if (!sameTags(tags, current.tags)) changedParts.add('tags');
  const icon = values.icon === undefined ? current.icon : values.icon;
  if (!sameIconChoice(icon, current.icon)) changedParts.add('icon');
  const favourite = values.favourite ?? current.favourite;
  if (favourite !== current.favourite) changedParts.add('favourite');
  const notes = values.notes ?? current.notes;
  if (notes !== current.notes) changedParts.add('notes');
  const sortOrder = values.sortOrder ?? current.sortOrder;
  if (sortOrder !== current.sortOrder) changedParts.add('sortOrder');
  const counter = values.counter === undefined ? current.counter : values.counter;
  if (changedParts.size === 0 && counter === current.counter) return current;

  const changed = { ...current.changed };
  for (const part of ENTRY_CHANGE_PARTS) {
    if (changedParts.has(part)) changed[part] = nextChangeTime(current.changed[part], now);
  }
  const updatedAt = Math.max(nextChangeTime(current.updatedAt, now), ...ENTRY_CHANGE_PARTS.map((p) => changed[p]));
  return {
    ...current,
    issuer,
    account,
    tags: sameTags(tags, current.tags) ? current.tags : Object.freeze([...tags]),
    icon,
    favourite,
    sortOrder,
    counter,
    ...(changedParts.has('notes') ? notesReplaced(current, notes) : {}),
    changed: Object.freeze(changed),
    updatedAt,
  };
}

/**
 * The notes record after `current.notes` is replaced by `notes`: the old text (if any) is
 * superseded by its digest, and a conflict note equal to the new text is settled.
 */
function notesReplaced(
  current: VaultEntry,
  notes: string,
): Pick<VaultEntry, 'notes' | 'conflictNotes' | 'notesSuperseded'> {
  let superseded = current.notesSuperseded;
  if (current.notes !== '') {
    const digest = notesDigest(current.notes);
    const set = new Set(superseded);
    set.add(digest);
    const sorted = [...set].sort();
    // Over the bound: drop the smallest others, never the digest just added.
    while (sorted.length > MAX_NOTES_SUPERSEDED) sorted.splice(sorted[0] === digest ? 1 : 0, 1);
    superseded = sorted;
  }
  const digests = new Set(superseded);
  const conflictNotes = current.conflictNotes.filter((t) => t !== notes && !digests.has(notesDigest(t)));
  return { notes, conflictNotes: Object.freeze(conflictNotes), notesSuperseded: Object.freeze([...superseded]) };
}

/**
 * Edits metadata only (issuer, account, tags, icon, notes, favourite). Tags are normalised; a
 * custom icon must already be in the vault. Only the parts that change get a new change time.
 */
export function updateEntry(contents: VaultContents, id: string, patch: EntryPatch, now: number): VaultContents {
  validatePatch(patch);
  const index = indexOf(contents.entries, id);
  const current = contents.entries[index] as VaultEntry;
  if (patch.icon?.kind === 'custom' && !contents.icons.has(patch.icon.id)) {
    throw new EntryValidationError('icon', 'That custom icon is not in the vault. Choose the image again.');
  }
  const next = edited(
    current,
    {
      ...(patch.issuer === undefined ? {} : { issuer: patch.issuer }),
      ...(patch.account === undefined ? {} : { account: patch.account }),
      ...(patch.tags === undefined ? {} : { tags: normalisedTags(patch.tags) }),
      ...(patch.icon === undefined ? {} : { icon: copyIconChoice(patch.icon) }),
      ...(patch.notes === undefined ? {} : { notes: patch.notes }),
      ...(patch.favourite === undefined ? {} : { favourite: patch.favourite }),
    },
    now,
  );
  if (next === current) return contents;
  return withinIconBudget({ ...contents, entries: replaceAt(contents.entries, index, next) });
}

/** A plain copy of a (validated) icon choice, so nothing but its fields is kept. */
function copyIconChoice(icon: IconChoice | null): IconChoice | null {
  if (icon === null) return null;
  return Object.freeze(icon.kind === 'letter' ? { kind: 'letter' } : { kind: icon.kind, id: icon.id });
}

/** Stores `image` (once, by its SHA-256) and makes it entry `id`'s icon. */
export function setEntryCustomIcon(
  contents: VaultContents,
  id: string,
  image: IconImageInput,
  now: number,
): VaultContents {
  const index = indexOf(contents.entries, id);
  const stored = withIcon(contents.icons, image);
  const current = contents.entries[index] as VaultEntry;
  const next = edited(current, { icon: Object.freeze({ kind: 'custom', id: stored.id }) }, now);
  return withinIconBudget({
    ...contents,
    entries: next === current ? contents.entries : replaceAt(contents.entries, index, next),
    icons: stored.icons,
  });
}

/** Sets an HOTP entry's next counter value (no change time: the higher counter wins a merge). */
export function setEntryCounter(contents: VaultContents, id: string, counter: number, now: number): VaultContents {
  const index = indexOf(contents.entries, id);
  const current = contents.entries[index] as VaultEntry;
  if (current.type !== 'hotp') {
    throw new EntryValidationError('counter', 'Only counter-based (HOTP) accounts have a counter.');
  }
  validateCounter(counter);
  const next = edited(current, { counter }, now);
  return next === current ? contents : { ...contents, entries: replaceAt(contents.entries, index, next) };
}

/** Drops one entry, leaving its tombstone. */
export function removeEntry(contents: VaultContents, id: string, now: number): VaultContents {
  indexOf(contents.entries, id);
  return removeEntries(contents, [id], now);
}

/**
 * Removes several entries in one change, leaving a tombstone for each; every id must be present
 * (else nothing is removed). Beyond MAX_TOMBSTONES the oldest tombstones go.
 */
export function removeEntries(contents: VaultContents, ids: readonly string[], now: number): VaultContents {
  const gone = new Set(ids);
  for (const id of gone) indexOf(contents.entries, id);
  const entries = contents.entries.filter((e) => !gone.has(e.id));
  const tombstones: Tombstone[] = [
    ...contents.tombstones.filter((t) => !gone.has(t.id)),
    ...[...gone].map((id) => Object.freeze({ id, deletedAt: now })),
  ];
  if (tombstones.length > MAX_TOMBSTONES) {
    tombstones.sort((a, b) => a.deletedAt - b.deletedAt || (a.id < b.id ? -1 : 1));
    tombstones.splice(0, tombstones.length - MAX_TOMBSTONES);
  }
  return {
    entries,
    tombstones: Object.freeze(tombstones),
    icons: withoutUnusedIcons(contents.icons, entries),
  };
}

/** Sets the display order; `ids` must list every entry exactly once. Only moved entries get a new time. */
export function reorderEntries(contents: VaultContents, ids: readonly string[], now: number): VaultContents {
  const { entries } = contents;
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
  return {
    ...contents,
    entries: entries.map((e) => {
      const next = edited(e, { sortOrder: position.get(e.id) ?? 0 }, now);
      return next === e ? e : freezeEntry(next);
    }),
  };
}

/**
 * What a save writes: tombstones older than TOMBSTONE_RETENTION_MS dropped (a copy of the vault
 * kept offline longer can bring such an entry back), and custom icons no entry uses dropped.
 */
export function prepareForSave(contents: VaultContents, now: number): VaultContents {
  const tombstones = contents.tombstones.filter((t) => now - t.deletedAt <= TOMBSTONE_RETENTION_MS);
  return {
    entries: contents.entries,
    tombstones: tombstones.length === contents.tombstones.length ? contents.tombstones : Object.freeze(tombstones),
    icons: withoutUnusedIcons(contents.icons, contents.entries),
  };
}
