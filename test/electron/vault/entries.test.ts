// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The v2 editing rules of electron/vault/entries.ts (docs/vault-format.md §6): change times that
 * only move forward and only for the parts that changed, the notes history, tombstones and their
 * retention, and custom icons (stored once by SHA-256, dropped when unused, bounded).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ICON_LIMITS } from '../../../electron/domain';
import {
  EntryValidationError,
  TOMBSTONE_RETENTION_MS,
  type IconImageInput,
  type VaultContents,
  type VaultEntry,
} from '../../../electron/vault';
import {
  addEntries,
  EMPTY_CONTENTS,
  nextChangeTime,
  prepareForSave,
  removeEntries,
  removeEntry,
  reorderEntries,
  setEntryCounter,
  setEntryCustomIcon,
  updateEntry,
} from '../../../electron/vault/entries';
import { notesDigest } from '../../../electron/vault/notes-digest';
import { MAX_NOTES_SUPERSEDED } from '../../../electron/vault/record-limits';
import { iconIdOf } from '../../../electron/vault/stored-icons';
import { hotpEntry, totpEntry } from './helpers/fakes';

const T0 = 1_767_225_600_000;
const DAY = 24 * 60 * 60 * 1000;

let idCounter = 0;
function newId(): string {
  idCounter += 1;
  return `00000000-0000-4000-8000-${idCounter.toString(16).padStart(12, '0')}`;
}

/** Contents with `n` TOTP entries (plus any extra inputs) added at `at`. */
function withEntries(n: number, at = T0): { contents: VaultContents; ids: string[] } {
  const inputs = Array.from({ length: n }, (_, i) => totpEntry({ issuer: `Issuer ${i}` }));
  return addEntries(EMPTY_CONTENTS, inputs, { now: () => at, newId });
}

/** A PNG signature followed by `fill` bytes: enough for the vault's own check (the image checks are electron/icons'). */
function png(size: number, fill = 1): IconImageInput {
  const bytes = new Uint8Array(size).fill(fill);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return { mime: 'image/png', bytes };
}

function entryOf(contents: VaultContents, id: string): VaultEntry {
  const e = contents.entries.find((x) => x.id === id);
  if (!e) throw new Error(`no entry ${id}`);
  return e;
}

function fieldOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof EntryValidationError) return error.field;
    throw error;
  }
}

describe('adding', () => {
  it('sets every change time to now, normalises tags and starts an empty notes history', () => {
    const { contents, ids } = addEntries(
      EMPTY_CONTENTS,
      [totpEntry({ tags: ['  Work  ', 'work', 'Home   office', ''] })],
      { now: () => T0, newId },
    );
    expect(entryOf(contents, ids[0]!)).toMatchObject({
      tags: ['Work', 'Home office'],
      icon: null,
      conflictNotes: [],
      notesSuperseded: [],
      createdAt: T0,
      updatedAt: T0,
      changed: { names: T0, tags: T0, icon: T0, favourite: T0, notes: T0, sortOrder: T0 },
    });
  });

  it('stores an iconImage once by its SHA-256 and makes it the custom icon of each entry that brings it', () => {
    const image = png(100);
    const { contents, ids } = addEntries(
      EMPTY_CONTENTS,
      [totpEntry({ iconImage: image }), totpEntry({ iconImage: { ...image, bytes: image.bytes.slice() } })],
      { now: () => T0, newId },
    );
    const id = iconIdOf(image.bytes);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect([...contents.icons.keys()]).toEqual([id]);
    expect(ids.map((i) => entryOf(contents, i).icon)).toEqual([
      { kind: 'custom', id },
      { kind: 'custom', id },
    ]);
    // The stored bytes are a copy: the caller may wipe its own.
    image.bytes.fill(0);
    expect(contents.icons.get(id)?.bytes[0]).toBe(0x89);
  });

  it('refuses too many tags, a bad image and an icon over the size cap, changing nothing', () => {
    const deps = { now: () => T0, newId };
    const tooMany = totpEntry({ tags: Array.from({ length: 21 }, (_, i) => `t${i}`) });
    expect(fieldOf(() => addEntries(EMPTY_CONTENTS, [tooMany], deps))).toBe('tags');
    const gif = { mime: 'image/gif', bytes: new Uint8Array([0x47, 0x49, 0x46, 0x38]) } as unknown as IconImageInput;
    expect(fieldOf(() => addEntries(EMPTY_CONTENTS, [totpEntry({ iconImage: gif })], deps))).toBe('iconImage');
    const big = png(ICON_LIMITS.storedMaxBytes + 1);
    expect(() => addEntries(EMPTY_CONTENTS, [totpEntry({ iconImage: big })], deps)).toThrow(/at most 128 KB/);
    const lying = { mime: 'image/jpeg', bytes: png(10).bytes } as IconImageInput;
    expect(() => addEntries(EMPTY_CONTENTS, [totpEntry({ iconImage: lying })], deps)).toThrow(/not the image\/jpeg/);
    expect(EMPTY_CONTENTS.entries).toEqual([]);
  });
});

describe('change times', () => {
  it('moves only the parts that changed, each to max(now, previous + 1), and never back', () => {
    // Each step: a patch and a clock reading that may go backwards.
    const patch = fc.oneof(
      fc.record({ issuer: fc.constantFrom('A', 'B', 'C') }),
      fc.record({ tags: fc.constantFrom([], ['x'], ['x', 'y']) }),
      fc.record({
        icon: fc.constantFrom(null, { kind: 'letter' as const }, { kind: 'bundled' as const, id: 'github' }),
      }),
      fc.record({ favourite: fc.boolean() }),
      fc.record({ notes: fc.constantFrom('', 'one', 'two') }),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(patch, fc.integer({ min: -10 * DAY, max: 10 * DAY })), { maxLength: 25 }),
        (steps) => {
          const start = withEntries(1);
          let contents = start.contents;
          const ids = start.ids;
          const id = ids[0]!;
          for (const [p, offset] of steps) {
            const before = entryOf(contents, id);
            const now = T0 + offset;
            contents = updateEntry(contents, id, p, now);
            const after = entryOf(contents, id);
            const moved = {
              names: before.issuer !== after.issuer || before.account !== after.account,
              tags: JSON.stringify(before.tags) !== JSON.stringify(after.tags),
              icon: JSON.stringify(before.icon) !== JSON.stringify(after.icon),
              favourite: before.favourite !== after.favourite,
              notes: before.notes !== after.notes,
              sortOrder: false,
            };
            for (const [part, changed] of Object.entries(moved) as [keyof typeof moved, boolean][]) {
              if (changed) expect(after.changed[part]).toBe(Math.max(now, before.changed[part] + 1));
              else expect(after.changed[part]).toBe(before.changed[part]);
            }
            const anything = Object.values(moved).some(Boolean);
            if (anything) expect(after.updatedAt).toBeGreaterThan(before.updatedAt);
            else expect(after).toBe(before);
            expect(after.updatedAt).toBeGreaterThanOrEqual(Math.max(...Object.values(after.changed)));
          }
        },
      ),
    );
  });

  it('nextChangeTime is now, or one past the previous time when the clock went back', () => {
    expect(nextChangeTime(100, 500)).toBe(500);
    expect(nextChangeTime(500, 100)).toBe(501);
    expect(nextChangeTime(500, 500)).toBe(501);
  });

  it('a patch that changes nothing keeps the entry as it was (same object, same times)', () => {
    const { contents, ids } = withEntries(1);
    const same = updateEntry(contents, ids[0]!, { issuer: 'Issuer 0', tags: [], favourite: false }, T0 + DAY);
    expect(same).toBe(contents);
  });

  it('reorder moves the sortOrder time of the entries that moved only', () => {
    const { contents, ids } = withEntries(3);
    const [a, b, c] = ids as [string, string, string];
    const next = reorderEntries(contents, [a, c, b], T0 - DAY);
    expect(entryOf(next, a).changed.sortOrder).toBe(T0);
    expect(entryOf(next, b).changed.sortOrder).toBe(T0 + 1);
    expect(entryOf(next, c).changed.sortOrder).toBe(T0 + 1);
    expect(entryOf(next, b).changed.names).toBe(T0);
  });

  it('a counter change moves updatedAt but no part time', () => {
    const { contents, ids } = addEntries(EMPTY_CONTENTS, [hotpEntry()], { now: () => T0, newId });
    const next = setEntryCounter(contents, ids[0]!, 7, T0 + 5);
    expect(entryOf(next, ids[0]!)).toMatchObject({ counter: 7, updatedAt: T0 + 5, changed: { notes: T0, names: T0 } });
  });
});

describe('the notes history', () => {
  it('supersedes replaced non-empty notes by digest, sorted, and settles a conflict note the new text equals', () => {
    const start = withEntries(1);
    let contents = start.contents;
    const ids = start.ids;
    const id = ids[0]!;
    contents = updateEntry(contents, id, { notes: 'first' }, T0 + 1);
    expect(entryOf(contents, id).notesSuperseded).toEqual([]); // '' is never superseded
    contents = updateEntry(contents, id, { notes: 'second' }, T0 + 2);
    contents = updateEntry(contents, id, { notes: 'third' }, T0 + 3);
    expect(entryOf(contents, id).notesSuperseded).toEqual([notesDigest('first'), notesDigest('second')].sort());
    // A conflict note (as a merge leaves it) that the user then takes as the notes is settled.
    const withConflict: VaultContents = {
      ...contents,
      entries: contents.entries.map((e) => ({ ...e, conflictNotes: ['from the laptop', 'zzz other'] })),
    };
    const taken = updateEntry(withConflict, id, { notes: 'from the laptop' }, T0 + 4);
    expect(entryOf(taken, id)).toMatchObject({ notes: 'from the laptop', conflictNotes: ['zzz other'] });
    expect(entryOf(taken, id).notesSuperseded).toContain(notesDigest('third'));
  });

  it(`keeps at most ${MAX_NOTES_SUPERSEDED} digests, never dropping the newest`, () => {
    const start = withEntries(1);
    let contents = start.contents;
    const ids = start.ids;
    const id = ids[0]!;
    const full = Array.from({ length: MAX_NOTES_SUPERSEDED }, (_, i) => notesDigest(`old ${i}`)).sort();
    contents = {
      ...contents,
      entries: contents.entries.map((e) => ({ ...e, notes: 'current', notesSuperseded: full })),
    };
    contents = updateEntry(contents, id, { notes: 'next' }, T0 + 1);
    const kept = entryOf(contents, id).notesSuperseded;
    expect(kept).toHaveLength(MAX_NOTES_SUPERSEDED);
    expect(kept).toContain(notesDigest('current'));
  });
});

describe('tombstones', () => {
  it('remove and removeMany leave a tombstone per entry, at now', () => {
    const { contents, ids } = withEntries(3);
    const one = removeEntry(contents, ids[0]!, T0 + 10);
    expect(one.tombstones).toEqual([{ id: ids[0], deletedAt: T0 + 10 }]);
    const more = removeEntries(one, [ids[1]!, ids[2]!], T0 + 20);
    expect(more.entries).toEqual([]);
    expect(more.tombstones).toEqual([
      { id: ids[0], deletedAt: T0 + 10 },
      { id: ids[1], deletedAt: T0 + 20 },
      { id: ids[2], deletedAt: T0 + 20 },
    ]);
  });

  it('an unknown id removes nothing and leaves no tombstone', () => {
    const { contents, ids } = withEntries(2);
    expect(fieldOf(() => removeEntries(contents, [ids[0]!, newId()], T0))).toBe('id');
    expect(contents.tombstones).toEqual([]);
  });

  it('a save drops tombstones older than 180 days and keeps younger ones (and ones dated ahead)', () => {
    const { contents, ids } = withEntries(1);
    const tombstones = [
      { id: newId(), deletedAt: T0 - TOMBSTONE_RETENTION_MS - 1 },
      { id: newId(), deletedAt: T0 - TOMBSTONE_RETENTION_MS },
      { id: newId(), deletedAt: T0 - DAY },
      { id: newId(), deletedAt: T0 + DAY },
    ];
    const saved = prepareForSave({ ...contents, tombstones }, T0);
    expect(saved.tombstones).toEqual(tombstones.slice(1));
    expect(saved.entries).toBe(contents.entries);
    expect(ids).toHaveLength(1);
    expect(TOMBSTONE_RETENTION_MS).toBe(180 * DAY);
  });
});

describe('custom icons', () => {
  it('setEntryCustomIcon stores the image, sets the choice and moves the icon time', () => {
    const { contents, ids } = withEntries(2);
    const image = png(64);
    const next = setEntryCustomIcon(contents, ids[0]!, image, T0 + 1);
    const id = iconIdOf(image.bytes);
    expect(entryOf(next, ids[0]!)).toMatchObject({ icon: { kind: 'custom', id }, changed: { icon: T0 + 1 } });
    expect(next.icons.get(id)).toMatchObject({ id, mime: 'image/png' });
    // The same image for the second entry is stored once.
    const both = setEntryCustomIcon(next, ids[1]!, png(64), T0 + 2);
    expect(both.icons.size).toBe(1);
  });

  it('drops an icon once no entry uses it (replaced, set to automatic, or its entry removed)', () => {
    const { contents, ids } = withEntries(2);
    const [a, b] = ids as [string, string];
    let c = setEntryCustomIcon(contents, a, png(64, 1), T0 + 1);
    c = setEntryCustomIcon(c, b, png(64, 1), T0 + 1);
    c = setEntryCustomIcon(c, a, png(64, 2), T0 + 2);
    expect(c.icons.size).toBe(2);
    c = updateEntry(c, b, { icon: null }, T0 + 3);
    expect([...c.icons.keys()]).toEqual([iconIdOf(png(64, 2).bytes)]);
    c = removeEntry(c, a, T0 + 4);
    expect(c.icons.size).toBe(0);
    // prepareForSave drops any that still hang about (a merge, a hand-made contents).
    const stray = new Map([[iconIdOf(png(8).bytes), { id: iconIdOf(png(8).bytes), ...png(8) }]]);
    expect(prepareForSave({ ...c, icons: stray }, T0).icons.size).toBe(0);
  });

  it('a patch may choose a custom icon only if the vault holds it', () => {
    const { contents, ids } = withEntries(1);
    const missing = { kind: 'custom' as const, id: 'a'.repeat(64) };
    expect(fieldOf(() => updateEntry(contents, ids[0]!, { icon: missing }, T0))).toBe('icon');
    const stored = setEntryCustomIcon(contents, ids[0]!, png(32), T0);
    const id = iconIdOf(png(32).bytes);
    const back = updateEntry(stored, ids[0]!, { icon: { kind: 'letter' } }, T0 + 1);
    // The icon is gone with its last use, so choosing it again needs the image again.
    expect(fieldOf(() => updateEntry(back, ids[0]!, { icon: { kind: 'custom', id } }, T0 + 2))).toBe('icon');
  });

  it(`refuses icons beyond ${ICON_LIMITS.storedTotalMaxBytes / 1048576} MB together, changing nothing`, () => {
    const perIcon = ICON_LIMITS.storedMaxBytes;
    const fits = Math.floor(ICON_LIMITS.storedTotalMaxBytes / perIcon);
    const start = withEntries(fits + 1);
    let contents = start.contents;
    const ids = start.ids;
    for (let i = 0; i < fits; i++) contents = setEntryCustomIcon(contents, ids[i]!, png(perIcon, i + 1), T0);
    expect(contents.icons.size).toBe(fits);
    const before = contents;
    expect(() => setEntryCustomIcon(contents, ids[fits]!, png(perIcon, 0xfe), T0)).toThrow(/at most 8 MB together/);
    expect(contents).toBe(before);
    // Replacing one icon by another keeps the total: allowed.
    expect(setEntryCustomIcon(contents, ids[0]!, png(perIcon, 0xfe), T0).icons.size).toBe(fits);
  });
});
