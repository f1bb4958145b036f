// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The merge's rules one by one, on hand-made copies of a vault (merge-laws.test.ts proves the laws
 * over random histories), and merging a copy read from format 1 with a format 2 one.
 */
import { describe, expect, it } from 'vitest';
import type { IconChoice } from '../../../electron/domain';
import { EMPTY_CONTENTS, removeEntry, updateEntry } from '../../../electron/vault/entries';
import type { EntryChangeTimes, StoredIcon, VaultEntry } from '../../../electron/vault/entry';
import { canonicalJson, mergeReport, mergeVaultStates, type VaultState } from '../../../electron/vault/merge';
import { notesDigest } from '../../../electron/vault/notes-digest';
import { decodePayload } from '../../../electron/vault/payload';
import { MAX_CONFLICT_NOTES, MAX_NOTES_SUPERSEDED, MAX_TOMBSTONES } from '../../../electron/vault/record-limits';
import { iconIdOf } from '../../../electron/vault/stored-icons';
import { validateEntry } from '../../../electron/vault/validate';
import { addOne, entryId, IMAGES, secretFor, snapshot, stateDifference, stateEquals, T0 } from './merge-arbitraries';

const ID1 = entryId(7, 1);
const ID2 = entryId(7, 2);
const ID3 = entryId(7, 3);

/** Every part changed at `at`: a new entry, or one read from format 1. */
function changeTimesAt(at: number): EntryChangeTimes {
  return { names: at, tags: at, icon: at, favourite: at, notes: at, sortOrder: at };
}

type EntryFields = Omit<Partial<VaultEntry>, 'changed'> & { readonly changed?: Partial<EntryChangeTimes> };

/** A valid TOTP entry created at T0, with `fields` over it (change times default to updatedAt). */
function entry(fields: EntryFields = {}): VaultEntry {
  const id = fields.id ?? ID1;
  const updatedAt = fields.updatedAt ?? T0;
  const made: VaultEntry = {
    id,
    type: 'totp',
    issuer: 'GitHub',
    account: 'ada',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: secretFor(id),
    tags: [],
    icon: null,
    favourite: false,
    notes: '',
    conflictNotes: [],
    notesSuperseded: [],
    sortOrder: 0,
    createdAt: T0,
    ...fields,
    updatedAt,
    changed: { ...changeTimesAt(updatedAt), ...fields.changed },
  };
  validateEntry(made);
  return Object.freeze(made);
}

function hotp(fields: EntryFields = {}): VaultEntry {
  return entry({ type: 'hotp', period: null, counter: 0, ...fields });
}

function state(entries: readonly VaultEntry[], more: Partial<VaultState> = {}): VaultState {
  return { entries, tombstones: [], icons: new Map(), ...more };
}

/** Merges both ways, checks the two agree, and returns the merge. */
function merge(a: VaultState, b: VaultState): VaultState {
  const ab = mergeVaultStates(a, b);
  expect(stateDifference(ab, mergeVaultStates(b, a))).toBeNull();
  return ab;
}

function only(s: VaultState): VaultEntry {
  expect(s.entries).toHaveLength(1);
  return s.entries[0] as VaultEntry;
}

describe('canonicalJson', () => {
  it('sorts object keys, writes no white space and leaves undefined members out', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x y'], c: { z: 1, y: 'é"' }, d: undefined })).toBe(
      '{"a":[true,null,"x y"],"b":1,"c":{"y":"é\\"","z":1}}',
    );
    expect(canonicalJson({ kind: 'bundled', id: 'github' })).toBe('{"id":"github","kind":"bundled"}');
    expect(canonicalJson(['GitHub', 'ada'])).toBe('["GitHub","ada"]');
  });

  it('refuses what has no one JSON spelling', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(Infinity)).toThrow(TypeError);
    expect(() => canonicalJson(new Uint8Array(2))).toThrow(TypeError);
    expect(() => canonicalJson(() => 1)).toThrow(TypeError);
  });
});

describe('mergeVaultStates: accounts and deletions', () => {
  it('keeps an account only one copy has, as it is', () => {
    const e1 = entry();
    const e2 = entry({ id: ID2, sortOrder: 1 });
    const merged = merge(state([e1]), state([e2]));
    expect(merged.entries).toEqual([e1, e2]);
    expect(merged.entries[0]).toBe(e1);
    expect(merged.entries[1]?.secret).toBe(e2.secret);
  });

  it('removes an account tombstoned in either copy, even when the other edited it later (remove wins)', () => {
    const edited = entry({ notes: 'new', updatedAt: T0 + 5000 });
    const deleted = state([], { tombstones: [{ id: ID1, deletedAt: T0 + 10 }] });
    const merged = merge(state([edited]), deleted);
    expect(merged.entries).toEqual([]);
    expect(merged.tombstones).toEqual([{ id: ID1, deletedAt: T0 + 10 }]);
  });

  it('keeps the union of tombstones, per id the later deletion, sorted by id', () => {
    const a = state([], {
      tombstones: [
        { id: ID3, deletedAt: 5 },
        { id: ID1, deletedAt: 9 },
      ],
    });
    const b = state([], {
      tombstones: [
        { id: ID1, deletedAt: 7 },
        { id: ID2, deletedAt: 1 },
      ],
    });
    expect(merge(a, b).tombstones).toEqual([
      { id: ID1, deletedAt: 9 },
      { id: ID2, deletedAt: 1 },
      { id: ID3, deletedAt: 5 },
    ]);
  });

  it('keeps the newest MAX_TOMBSTONES tombstones, and leaves out every tombstoned account', () => {
    const many = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: entryId(9, from + i), deletedAt: from + i }));
    const a = state([entry({ id: entryId(9, 0) })], { tombstones: many(MAX_TOMBSTONES, 1) });
    const b = state([], { tombstones: many(0, MAX_TOMBSTONES) });
    const merged = mergeVaultStates(a, b);
    const ids = (s: VaultState) => s.tombstones.map((t) => `${t.id}@${t.deletedAt}`).join();
    expect(ids(mergeVaultStates(b, a))).toBe(ids(merged));
    expect(merged.tombstones).toHaveLength(MAX_TOMBSTONES);
    expect(merged.tombstones.some((t) => t.id === entryId(9, 0))).toBe(false);
    expect(merged.tombstones.some((t) => t.id === entryId(9, MAX_TOMBSTONES))).toBe(true);
    expect(merged.entries).toEqual([]);
  });
});

describe('mergeVaultStates: the parts of one account', () => {
  it('takes each part from the copy that changed it last, and the later change times', () => {
    const a = entry({
      issuer: 'GitHub A',
      tags: ['A'],
      favourite: true,
      notes: 'from a',
      sortOrder: 4,
      updatedAt: T0 + 30,
      changed: { names: T0 + 30, tags: T0 + 10, icon: T0 + 1, favourite: T0 + 30, notes: T0 + 2, sortOrder: T0 + 25 },
    });
    const b = entry({
      issuer: 'GitHub B',
      tags: ['B'],
      icon: { kind: 'letter' },
      notes: 'from b',
      sortOrder: 1,
      updatedAt: T0 + 40,
      changed: { names: T0 + 20, tags: T0 + 40, icon: T0 + 40, favourite: T0 + 3, notes: T0 + 4, sortOrder: T0 + 5 },
    });
    const merged = only(merge(state([a]), state([b])));
    expect(merged).toMatchObject({
      issuer: 'GitHub A',
      tags: ['B'],
      icon: { kind: 'letter' },
      favourite: true,
      notes: 'from b',
      sortOrder: 4,
      updatedAt: T0 + 40,
      conflictNotes: ['from a'],
    });
    expect(merged.changed).toEqual({
      names: T0 + 30,
      tags: T0 + 40,
      icon: T0 + 40,
      favourite: T0 + 30,
      notes: T0 + 4,
      sortOrder: T0 + 25,
    });
  });

  it('breaks a tie of change times by the greater canonical JSON, whichever copy comes first', () => {
    const tie = (x: EntryFields, y: EntryFields) => only(merge(state([entry(x)]), state([entry(y)])));
    // ["b","a"] > ["a","z"]: the names go together.
    expect(tie({ issuer: 'a', account: 'z' }, { issuer: 'b', account: 'a' })).toMatchObject({
      issuer: 'b',
      account: 'a',
    });
    // {"kind":"letter"} > {"id":"github","kind":"bundled"} > null
    const letter: IconChoice = { kind: 'letter' };
    const github: IconChoice = { kind: 'bundled', id: 'github' };
    expect(tie({ icon: letter }, { icon: github }).icon).toEqual(letter);
    expect(tie({ icon: null }, { icon: github }).icon).toEqual(github);
    expect(tie({ favourite: false }, { favourite: true }).favourite).toBe(true);
    expect(tie({ tags: ['Work'] }, { tags: ['Home', 'Work'] }).tags).toEqual(['Work']);
    expect(tie({ sortOrder: 3 }, { sortOrder: 12 }).sortOrder).toBe(3); // "3" > "12" as text
  });

  it('takes the higher HOTP counter, whichever copy changed last', () => {
    const a = hotp({ counter: 9, updatedAt: T0 + 1 });
    const b = hotp({ counter: 4, updatedAt: T0 + 99, notes: 'later' });
    const merged = only(merge(state([a]), state([b])));
    expect(merged.counter).toBe(9);
    expect(merged.notes).toBe('later');
  });

  it('orders accounts that end up with the same sortOrder by creation time, then id', () => {
    // Two computers each moved a different account to position 0.
    const a = [
      entry({ id: ID2, sortOrder: 0, createdAt: T0, changed: { sortOrder: T0 + 5 } }),
      entry({ id: ID1, sortOrder: 1, createdAt: T0 }),
      entry({ id: ID3, sortOrder: 2, createdAt: T0 - 1 }),
    ];
    const b = [
      entry({ id: ID3, sortOrder: 0, createdAt: T0 - 1, changed: { sortOrder: T0 + 7 } }),
      entry({ id: ID1, sortOrder: 1, createdAt: T0 }),
      entry({ id: ID2, sortOrder: 1, createdAt: T0 }),
    ];
    const merged = merge(state(a), state(b));
    expect(merged.entries.map((e) => [e.id, e.sortOrder])).toEqual([
      [ID3, 0],
      [ID2, 0],
      [ID1, 1],
    ]);
    expect(merge(state([...a].reverse()), state(b)).entries.map((e) => e.id)).toEqual([ID3, ID2, ID1]);
  });

  it('settles copies whose fixed parts disagree (a damaged copy) the same way from either side', () => {
    const a = hotp({ counter: 50, secret: new Uint8Array([1, 2, 3]) });
    const b = hotp({ counter: 2, secret: new Uint8Array([1, 2, 4]) });
    const merged = only(merge(state([a]), state([b])));
    // {"secret":"010204",…} > {"secret":"010203",…}: b's parts, with b's own counter.
    expect([...merged.secret]).toEqual([1, 2, 4]);
    expect(merged.counter).toBe(2);
    const totp = entry({ secret: new Uint8Array([1, 2, 3]) });
    const m2 = only(merge(state([totp]), state([a])));
    expect(m2).toMatchObject({ type: 'hotp', period: null, counter: 50 }); // "period":null > "period":30
    validateEntry(m2);
  });

  it('never changes its inputs, and merged secrets are the inputs’ bytes', () => {
    const a = state([entry({ notes: 'x', changed: { notes: T0 + 1 }, updatedAt: T0 + 1 })]);
    const b = state([entry({ notes: 'y', changed: { notes: T0 + 2 }, updatedAt: T0 + 2 }), entry({ id: ID2 })]);
    const before = [snapshot(a), snapshot(b)];
    const merged = merge(a, b);
    expect(stateEquals(a, before[0] as VaultState)).toBe(true);
    expect(stateEquals(b, before[1] as VaultState)).toBe(true);
    const secrets = [...a.entries, ...b.entries].map((e) => e.secret);
    for (const e of merged.entries) expect(secrets).toContain(e.secret);
    expect(Object.isFrozen(merged.entries)).toBe(true);
    expect(Object.isFrozen(merged.tombstones)).toBe(true);
    // An input entry that is not frozen stays so; the merge hands out a frozen copy.
    const loose = { ...entry({ id: ID3 }) };
    const tomb = { id: entryId(7, 9), deletedAt: T0 };
    const m2 = merge(state([loose], { tombstones: [tomb] }), state([loose]));
    expect(Object.isFrozen(loose)).toBe(false);
    expect(Object.isFrozen(tomb)).toBe(false);
    expect(Object.isFrozen(m2.entries[0])).toBe(true);
    expect(m2.tombstones[0]).toEqual(tomb);
  });
});

describe('mergeVaultStates: notes', () => {
  const base = state([entry({ notes: 'x' })]);
  const edit = (s: VaultState, notes: string, now: number) => updateEntry(s, ID1, { notes }, now);

  it('adds no conflict note for a sequential edit: A changed x → y, B still has x', () => {
    const a = edit(base, 'y', T0 + 100);
    const merged = only(merge(a, base));
    expect(merged.notes).toBe('y');
    expect(merged.conflictNotes).toEqual([]);
    expect(merged.notesSuperseded).toEqual([notesDigest('x')]);
  });

  it('keeps the losing text of a concurrent edit (A: x → y, B: x → z) as a conflict note', () => {
    const a = edit(base, 'y', T0 + 100);
    const b = edit(base, 'z', T0 + 200);
    const merged = only(merge(a, b));
    expect(merged.notes).toBe('z');
    expect(merged.conflictNotes).toEqual(['y']);
    validateEntry(merged);
  });

  it('lets a computer whose clock is far behind lose a concurrent edit, keeping its text as a conflict note', () => {
    // Really written after the other edit, on a computer whose clock is a day behind.
    const behind = edit(base, 'written later, on a slow clock', T0 - 86_400_000);
    const ahead = edit(base, 'z', T0 + 3_600_000);
    const merged = only(merge(behind, ahead));
    expect(merged.notes).toBe('z');
    expect(merged.conflictNotes).toEqual(['written later, on a slow clock']);
    // Its change time still moved past the base's: it wins against a copy that is merely behind.
    expect(only(merge(behind, base)).notes).toBe('written later, on a slow clock');
  });

  it('clears a conflict note once the user makes it the notes, for good', () => {
    const a = edit(base, 'y', T0 + 100);
    const b = edit(base, 'z', T0 + 200);
    const merged = merge(a, b);
    const adopted = edit(merged, 'y', T0 + 300);
    expect(only(adopted).conflictNotes).toEqual([]);
    // Merging either old copy again brings nothing back: z and x were superseded by the edit.
    const again = only(merge(merge(adopted, a), b));
    expect(again.notes).toBe('y');
    expect(again.conflictNotes).toEqual([]);
  });

  it('keeps both copies’ conflict notes, never the winning or an empty text', () => {
    const a = entry({ notes: '', conflictNotes: ['p', 'q'], changed: { notes: T0 + 9 }, updatedAt: T0 + 9 });
    const b = entry({ notes: 'q', conflictNotes: ['r'], changed: { notes: T0 + 1 }, updatedAt: T0 + 1 });
    const merged = only(merge(state([a]), state([b])));
    expect(merged.notes).toBe('');
    expect(merged.conflictNotes).toEqual(['p', 'q', 'r']);
  });

  it('drops a conflict note the other copy has since replaced', () => {
    // A knew p as a conflict note; B adopted p and then wrote something else.
    const a = entry({ notes: 'x', conflictNotes: ['p'], changed: { notes: T0 + 5 }, updatedAt: T0 + 5 });
    const b = entry({
      notes: 'w',
      notesSuperseded: [notesDigest('p'), notesDigest('x')].sort(),
      changed: { notes: T0 + 9 },
      updatedAt: T0 + 9,
    });
    const merged = only(merge(state([a]), state([b])));
    expect(merged.conflictNotes).toEqual([]);
  });

  it(`keeps at most ${MAX_CONFLICT_NOTES} conflict notes and ${MAX_NOTES_SUPERSEDED} digests (the greatest)`, () => {
    const texts = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(2, '0')}`);
    const digests = (n: number, odd: number) =>
      Array.from({ length: n }, (_, i) => (2 * i + odd).toString(16).padStart(16, '0')).sort();
    const a = entry({ notes: 'w', conflictNotes: texts('a', 15), notesSuperseded: digests(MAX_NOTES_SUPERSEDED, 0) });
    const b = entry({ notes: 'v', conflictNotes: texts('b', 15), notesSuperseded: digests(MAX_NOTES_SUPERSEDED, 1) });
    const merged = only(merge(state([a]), state([b])));
    expect(merged.conflictNotes).toEqual([...texts('a', 15), ...texts('b', 15), 'v'].sort().slice(-MAX_CONFLICT_NOTES));
    expect(merged.notesSuperseded).toEqual(
      [...digests(MAX_NOTES_SUPERSEDED, 0), ...digests(MAX_NOTES_SUPERSEDED, 1)].sort().slice(-MAX_NOTES_SUPERSEDED),
    );
    validateEntry(merged);
  });
});

describe('mergeVaultStates: custom icons', () => {
  const [png1, png2] = IMAGES.map((image): StoredIcon => ({ id: iconIdOf(image.bytes), ...image }));
  if (!png1 || !png2) throw new Error('two test images expected');
  const custom = (icon: StoredIcon): IconChoice => ({ kind: 'custom', id: icon.id });

  it('keeps the icons the merged accounts use, from either copy, and no others', () => {
    const a = state([entry({ icon: custom(png1), changed: { icon: T0 + 1 }, updatedAt: T0 + 1 })], {
      icons: new Map([[png1.id, png1]]),
    });
    const b = state(
      [
        entry({ icon: custom(png2), changed: { icon: T0 + 2 }, updatedAt: T0 + 2 }),
        entry({ id: ID2, icon: custom(png1) }),
      ],
      {
        icons: new Map([
          [png2.id, png2],
          [png1.id, png1],
        ]),
      },
    );
    const merged = merge(a, b);
    expect([...merged.icons.keys()]).toEqual([png1.id, png2.id].sort());
    const withoutSecond = merge(a, state([b.entries[0] as VaultEntry], { icons: new Map([[png2.id, png2]]) }));
    expect([...withoutSecond.icons.keys()]).toEqual([png2.id]);
  });

  it('settles one id with two different contents (a damaged copy) the same way from either side', () => {
    const other: StoredIcon = { ...png1, bytes: png2.bytes };
    const e = entry({ icon: custom(png1) });
    const merged = merge(
      state([e], { icons: new Map([[png1.id, png1]]) }),
      state([e], { icons: new Map([[png1.id, other]]) }),
    );
    expect(merged.icons.get(png1.id)?.bytes).toBe(png2.bytes); // …03 04 05 > …02 03 04
  });
});

describe('mergeReport', () => {
  it('counts added, changed and removed accounts and new conflict notes, and says when nothing changed', () => {
    const base = state([entry({ notes: 'x' }), entry({ id: ID2, sortOrder: 1 }), entry({ id: ID3, sortOrder: 2 })]);
    const a = updateEntry(base, ID1, { notes: 'y' }, T0 + 10);
    let b = updateEntry(base, ID1, { notes: 'z' }, T0 + 20);
    b = removeEntry(b, ID2, T0 + 21);
    b = addOne(b, { kind: 'add', type: 'hotp', issuer: 0, notes: 0, tags: 0 }, entryId(8, 0), T0 + 22);
    const merged = mergeVaultStates(a, b);
    expect(mergeReport(a, merged)).toEqual({ added: 1, changed: 1, removed: 1, conflictNotes: 1, unchanged: false });
    expect(mergeReport(merged, mergeVaultStates(merged, a))).toEqual({
      added: 0,
      changed: 0,
      removed: 0,
      conflictNotes: 0,
      unchanged: true,
    });
    // A tombstone alone is a change worth saving: it has to reach the other copies.
    const tomb = state(a.entries, { tombstones: [{ id: entryId(8, 9), deletedAt: T0 }] });
    expect(mergeReport(a, mergeVaultStates(a, tomb)).unchanged).toBe(false);
    expect(mergeReport(EMPTY_CONTENTS, EMPTY_CONTENTS).unchanged).toBe(true);
  });
});

describe('merging a copy read from format 1 with a format 2 copy', () => {
  /** A format 1 payload as Tessera 1 wrote it: group, no change times, no tombstones, no icons. */
  function v1Payload(entries: readonly (VaultEntry & { group: string | null })[]): VaultState {
    let offset = 0;
    const meta = entries.map((e) => {
      const record = {
        id: e.id,
        type: e.type,
        issuer: e.issuer,
        account: e.account,
        algorithm: e.algorithm,
        digits: e.digits,
        period: e.period,
        counter: e.counter,
        group: e.group,
        favourite: e.favourite,
        notes: e.notes,
        sortOrder: e.sortOrder,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
        secretOffset: offset,
        secretLength: e.secret.length,
      };
      offset += e.secret.length;
      return record;
    });
    const json = new TextEncoder().encode(JSON.stringify({ entries: meta }));
    const buffer = new Uint8Array(4 + json.length + offset);
    new DataView(buffer.buffer).setUint32(0, json.length, true);
    buffer.set(json, 4);
    let at = 4 + json.length;
    for (const e of entries) {
      buffer.set(e.secret, at);
      at += e.secret.length;
    }
    return decodePayload(buffer, 1);
  }

  // The shared past: three accounts, saved by Tessera 1 at T0.
  const notes = entry({ notes: 'x' });
  const counter = hotp({ id: ID2, counter: 5, sortOrder: 1 });
  const removed = entry({ id: ID3, sortOrder: 2, tags: ['Work'] });
  const shared = v1Payload([
    { ...notes, group: null },
    { ...counter, group: null },
    { ...removed, group: 'Work' },
  ]);

  // The old computer, still on Tessera 1: notes x → "old app" at T0+100, counter → 9 at T0+200,
  // the third account deleted (Tessera 1 leaves no tombstone), a fourth added at T0+300.
  const old = v1Payload([
    { ...notes, notes: 'old app', updatedAt: T0 + 100, group: null },
    { ...counter, counter: 9, updatedAt: T0 + 200, group: null },
    { ...entry({ id: entryId(7, 4), sortOrder: 3, createdAt: T0 + 300, updatedAt: T0 + 300 }), group: 'Home' },
  ]);

  // The new computer, on Tessera 2: tags of the first at T0+50 (before the old app's notes edit),
  // notes of the second at T0+400, counter → 7.
  let fresh = updateEntry(shared, ID1, { tags: ['Mine'] }, T0 + 50);
  fresh = updateEntry(fresh, ID2, { notes: 'new app' }, T0 + 400);
  fresh = { ...fresh, entries: fresh.entries.map((e) => (e.id === ID2 ? { ...e, counter: 7 } : e)) };

  it('reads as a state the merge takes: every change time its updatedAt, no tombstones, no icons', () => {
    const e = old.entries.find((x) => x.id === ID1);
    expect(e?.changed).toEqual(changeTimesAt(T0 + 100));
    expect(old.tombstones).toEqual([]);
    expect(stateDifference(mergeVaultStates(old, old), old)).toBeNull();
    expect(stateDifference(mergeVaultStates(shared, fresh), fresh)).toBeNull();
  });

  it('merges by account, both ways alike, keeping every account and every text', () => {
    const merged = merge(old, fresh);
    const byId = new Map(merged.entries.map((e) => [e.id, e]));
    // Nothing lost: Tessera 1's deletion left no tombstone, so the account stays.
    expect([...byId.keys()].sort()).toEqual([ID1, ID2, ID3, entryId(7, 4)].sort());
    expect(byId.get(ID3)?.tags).toEqual(['Work']);
    expect(byId.get(entryId(7, 4))?.tags).toEqual(['Home']);
    // The old app's edit is one time for every part, so its later notes edit also carries its
    // older tags; and Tessera 1 kept no digests, so the replaced text shows as a conflict note.
    const first = byId.get(ID1);
    expect(first?.notes).toBe('old app');
    expect(first?.tags).toEqual([]);
    expect(first?.conflictNotes).toEqual(['x']);
    // The new app's later notes edit wins; the counter is the higher one.
    const second = byId.get(ID2);
    expect(second?.notes).toBe('new app');
    expect(second?.conflictNotes).toEqual([]);
    expect(second?.counter).toBe(9);
    merged.entries.forEach(validateEntry);
    expect(stateDifference(mergeVaultStates(merged, old), merged)).toBeNull();
    expect(stateDifference(mergeVaultStates(fresh, merged), merged)).toBeNull();
  });
});
