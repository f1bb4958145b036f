// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Random edit histories of one vault kept on several computers, for the merge's property tests: a
 * shared base, then 2–4 replicas each applying random edits through the vault's own entry
 * functions (electron/vault/entries.ts, so the states are ones the vault really produces), each on
 * its own clock (skewed, sometimes going back), and now and then "receiving" another replica's
 * copy by merging it. Also `stateEquals`, the equality the laws are stated in.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { IconChoice, OtpType } from '../../../electron/domain';
import {
  addEntries,
  EMPTY_CONTENTS,
  prepareForSave,
  removeEntry,
  reorderEntries,
  setEntryCounter,
  setEntryCustomIcon,
  updateEntry,
} from '../../../electron/vault/entries';
import type { IconImageInput, NewVaultEntry, StoredIcon, Tombstone, VaultEntry } from '../../../electron/vault/entry';
import { mergeVaultStates, type VaultState } from '../../../electron/vault/merge';
import { validateEntry } from '../../../electron/vault/validate';

/** 2026-01-01, where every history's clocks start (give or take their skew). */
export const T0 = Date.UTC(2026, 0, 1);

export const ISSUERS = ['GitHub', 'Mail', 'Bank', ''] as const;
export const ACCOUNTS = ['ada@example.org', 'ada', 'work'] as const;
/** Few texts, so that concurrent edits often collide and edits often return to an earlier text. */
export const NOTES = ['', 'x', 'y', 'z', 'Backup codes are in the drawer.', 'x\ny'] as const;
export const TAG_LISTS: readonly (readonly string[])[] = [[], ['Work'], ['Home', 'Work'], ['Bank']];
export const ICON_CHOICES: readonly (IconChoice | null)[] = [
  null,
  { kind: 'letter' },
  { kind: 'bundled', id: 'github' },
  { kind: 'bundled', id: 'mail' },
];

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Small images the vault accepts as custom icons (a PNG signature and a few bytes). */
export const IMAGES: readonly IconImageInput[] = [1, 2, 3].map((n) => ({
  mime: 'image/png' as const,
  bytes: new Uint8Array([...PNG_SIGNATURE, n, n + 1, n + 2]),
}));

/** One edit a replica makes; `pick` chooses an entry (modulo how many there are). */
export type Op =
  | {
      readonly kind: 'add';
      readonly type: OtpType;
      readonly issuer: number;
      readonly notes: number;
      readonly tags: number;
    }
  | { readonly kind: 'names'; readonly pick: number; readonly issuer: number; readonly account: number }
  | { readonly kind: 'tags'; readonly pick: number; readonly tags: number }
  | { readonly kind: 'icon'; readonly pick: number; readonly icon: number }
  | { readonly kind: 'customIcon'; readonly pick: number; readonly image: number }
  | { readonly kind: 'favourite'; readonly pick: number }
  | { readonly kind: 'notes'; readonly pick: number; readonly notes: number }
  /** The user takes one of the entry's conflict notes as its notes. */
  | { readonly kind: 'adoptConflict'; readonly pick: number; readonly which: number }
  | { readonly kind: 'reorder'; readonly keys: readonly number[] }
  | { readonly kind: 'counter'; readonly pick: number; readonly by: number }
  | { readonly kind: 'delete'; readonly pick: number }
  /** Merges replica `from`'s copy into this one, as a synchronised folder would deliver it. */
  | { readonly kind: 'receive'; readonly from: number };

export interface Step {
  readonly replica: number;
  /** How far this replica's clock moves before the edit: may be negative (the clock went back). */
  readonly tick: number;
  readonly op: Op;
}

export interface History {
  /** Entries every replica starts with (added at T0). */
  readonly base: readonly Extract<Op, { kind: 'add' }>[];
  readonly replicas: number;
  /** Each replica's clock offset from T0 (skewed computers). */
  readonly skews: readonly number[];
  readonly steps: readonly Step[];
}

/** What a history left behind. */
export interface Outcome {
  /** Each replica's state at the end (as saved). */
  readonly states: readonly VaultState[];
  /** Every state any replica had after any step (as saved), the base included. */
  readonly seen: readonly VaultState[];
  /** Every entry id ever added, and every id ever deleted, on any replica. */
  readonly created: ReadonlySet<string>;
  readonly deleted: ReadonlySet<string>;
  /** Broken promises noticed along the way (a counter that went down on one replica). */
  readonly problems: readonly string[];
}

const addOp: fc.Arbitrary<Extract<Op, { kind: 'add' }>> = fc.record({
  kind: fc.constant('add' as const),
  type: fc.constantFrom<OtpType>('totp', 'hotp', 'hotp', 'steam'),
  issuer: fc.nat(ISSUERS.length - 1),
  notes: fc.nat(NOTES.length - 1),
  tags: fc.nat(TAG_LISTS.length - 1),
});

function opArb(replicas: number): fc.Arbitrary<Op> {
  const pick = fc.nat(50);
  return fc.oneof(
    { weight: 2, arbitrary: addOp },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('names' as const),
        pick,
        issuer: fc.nat(ISSUERS.length - 1),
        account: fc.nat(ACCOUNTS.length - 1),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('tags' as const), pick, tags: fc.nat(TAG_LISTS.length - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('icon' as const), pick, icon: fc.nat(ICON_CHOICES.length - 1) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('customIcon' as const), pick, image: fc.nat(IMAGES.length - 1) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('favourite' as const), pick }) },
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('notes' as const), pick, notes: fc.nat(NOTES.length - 1) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('adoptConflict' as const), pick, which: fc.nat(5) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('reorder' as const),
        keys: fc.array(fc.nat(9), { minLength: 1, maxLength: 8 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('counter' as const), pick, by: fc.integer({ min: 1, max: 3 }) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('receive' as const), from: fc.nat(replicas - 1) }) },
  );
}

/**
 * Clock moves: mostly a few milliseconds either way (so replicas' change times often tie and the
 * tie-break is exercised), sometimes minutes back or hours forward.
 */
const tickArb = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -3, max: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: -600_000, max: 7_200_000 }) },
);

/** Clock skews: none, a few milliseconds, or up to a day either way. */
const skewArb = fc.oneof(
  fc.constant(0),
  fc.integer({ min: -5, max: 5 }),
  fc.integer({ min: -86_400_000, max: 86_400_000 }),
);

export interface HistoryOptions {
  readonly maxSteps?: number;
  /** Only this replica edits notes (others' notes edits become favourite toggles). */
  readonly notesEditor?: number;
}

/** Random histories: a base of 1–3 entries (few, so that edits often meet), 2–4 replicas, up to `maxSteps` steps. */
export function historyArb(options: HistoryOptions = {}): fc.Arbitrary<History> {
  const maxSteps = options.maxSteps ?? 30;
  return fc.integer({ min: 2, max: 4 }).chain((replicas) =>
    fc
      .record({
        base: fc.array(addOp, { minLength: 1, maxLength: 3 }),
        skews: fc.array(skewArb, { minLength: replicas, maxLength: replicas }),
        steps: fc.array(fc.record({ replica: fc.nat(replicas - 1), tick: tickArb, op: opArb(replicas) }), {
          maxLength: maxSteps,
          size: 'max',
        }),
      })
      .map(({ base, skews, steps }) => ({
        base,
        replicas,
        skews,
        steps:
          options.notesEditor === undefined
            ? steps
            : steps.map((s) => onlyEditorEditsNotes(s, options.notesEditor ?? 0)),
      })),
  );
}

function onlyEditorEditsNotes(step: Step, editor: number): Step {
  if (step.replica === editor) return step;
  if (step.op.kind === 'notes' || step.op.kind === 'adoptConflict') {
    return { ...step, op: { kind: 'favourite', pick: step.op.pick } };
  }
  return step;
}

/** A version-4 UUID unique to (minter, n). */
export function entryId(minter: number, n: number): string {
  return `${minter.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A secret of 10–19 bytes derived from the id (so copies agree), in a buffer of its own. */
export function secretFor(id: string): Uint8Array {
  const digest = createHash('sha256').update(id).digest();
  return new Uint8Array(digest.subarray(0, 10 + ((digest[0] ?? 0) % 10)));
}

function newEntryInput(op: Extract<Op, { kind: 'add' }>): Omit<NewVaultEntry, 'secret'> {
  const otp =
    op.type === 'hotp'
      ? { type: 'hotp' as const, algorithm: 'SHA1' as const, digits: 6, period: null, counter: 0 }
      : op.type === 'steam'
        ? { type: 'steam' as const, algorithm: 'SHA1' as const, digits: 5, period: 30, counter: null }
        : { type: 'totp' as const, algorithm: 'SHA256' as const, digits: 6, period: 30, counter: null };
  return {
    ...otp,
    issuer: ISSUERS[op.issuer] ?? '',
    account: 'ada',
    notes: NOTES[op.notes] ?? '',
    tags: TAG_LISTS[op.tags] ?? [],
  };
}

/** Adds one entry with the id `id`, at `now`. */
export function addOne(state: VaultState, op: Extract<Op, { kind: 'add' }>, id: string, now: number): VaultState {
  const input: NewVaultEntry = { ...newEntryInput(op), secret: secretFor(id) };
  return addEntries(state, [input], { now: () => now, newId: () => id }).contents;
}

/** Applies one (non-receive) edit to a state at `now`, as the vault would, then saves it. */
export function applyOp(state: VaultState, op: Op, now: number, mintId: () => string): VaultState {
  return prepareForSave(edit(state, op, now, mintId), now);
}

function edit(state: VaultState, op: Op, now: number, mintId: () => string): VaultState {
  if (op.kind === 'add') return addOne(state, op, mintId(), now);
  if (op.kind === 'receive') throw new Error('receive is not an edit');
  if (op.kind === 'reorder') {
    const ids = state.entries
      .map((e, i) => ({ id: e.id, key: op.keys[i % op.keys.length] ?? 0, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((x) => x.id);
    return reorderEntries(state, ids, now);
  }
  const entry = state.entries[op.pick % Math.max(1, state.entries.length)];
  if (entry === undefined) return state;
  switch (op.kind) {
    case 'names':
      return updateEntry(
        state,
        entry.id,
        { issuer: ISSUERS[op.issuer] ?? '', account: ACCOUNTS[op.account] ?? '' },
        now,
      );
    case 'tags':
      return updateEntry(state, entry.id, { tags: TAG_LISTS[op.tags] ?? [] }, now);
    case 'icon':
      return updateEntry(state, entry.id, { icon: ICON_CHOICES[op.icon] ?? null }, now);
    case 'customIcon':
      return setEntryCustomIcon(state, entry.id, IMAGES[op.image] as IconImageInput, now);
    case 'favourite':
      return updateEntry(state, entry.id, { favourite: !entry.favourite }, now);
    case 'notes':
      return updateEntry(state, entry.id, { notes: NOTES[op.notes] ?? '' }, now);
    case 'adoptConflict': {
      const text = entry.conflictNotes[op.which % Math.max(1, entry.conflictNotes.length)];
      return text === undefined ? state : updateEntry(state, entry.id, { notes: text }, now);
    }
    case 'counter':
      return entry.type === 'hotp' ? setEntryCounter(state, entry.id, (entry.counter ?? 0) + op.by, now) : state;
    case 'delete':
      return removeEntry(state, entry.id, now);
  }
}

/** The base every replica starts from: `history.base` added at T0 by minter 0. */
export function baseState(history: Pick<History, 'base'>): VaultState {
  let state: VaultState = EMPTY_CONTENTS;
  history.base.forEach((op, n) => {
    state = addOne(state, op, entryId(0, n), T0);
  });
  return prepareForSave(state, T0);
}

/** Runs a history: every replica from the base, the steps in order. */
export function runHistory(history: History): Outcome {
  const base = baseState(history);
  const states: VaultState[] = Array.from({ length: history.replicas }, () => base);
  const clocks = history.skews.map((skew) => T0 + skew);
  const minted = Array.from({ length: history.replicas }, () => 0);
  const created = new Set(base.entries.map((e) => e.id));
  const deleted = new Set<string>();
  const seen: VaultState[] = [base];
  const problems: string[] = [];
  const counters = Array.from({ length: history.replicas }, () => new Map<string, number>());

  for (const step of history.steps) {
    const r = step.replica;
    const now = Math.max(0, (clocks[r] ?? T0) + step.tick);
    clocks[r] = now;
    const before = states[r] as VaultState;
    let after: VaultState;
    if (step.op.kind === 'receive') {
      const other = states[step.op.from] as VaultState;
      after = prepareForSave(mergeVaultStates(before, other), now);
      after.entries.forEach(validateEntry);
    } else {
      after = applyOp(before, step.op, now, () => {
        const n = minted[r] ?? 0;
        minted[r] = n + 1;
        const id = entryId(r + 1, n);
        created.add(id);
        return id;
      });
      if (step.op.kind === 'delete') {
        for (const e of before.entries) if (!after.entries.some((x) => x.id === e.id)) deleted.add(e.id);
      }
    }
    for (const e of after.entries) {
      if (e.counter === null) continue;
      const mine = counters[r] as Map<string, number>;
      const last = mine.get(e.id);
      if (last !== undefined && e.counter < last)
        problems.push(`replica ${r}: counter of ${e.id} went ${last} → ${e.counter}`);
      mine.set(e.id, e.counter);
    }
    states[r] = after;
    seen.push(after);
  }
  return { states, seen, created, deleted, problems };
}

/** The merge of several states, left to right. */
export function mergeAll(states: readonly VaultState[]): VaultState {
  return states.reduce((acc, s) => mergeVaultStates(acc, s));
}

// ---------------------------------------------------------------------------------------------
// Equality

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Why two entries differ (the first difference found), or null when they are equal in everything. */
export function entryDifference(a: VaultEntry, b: VaultEntry): string | null {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const x = (a as unknown as Record<string, unknown>)[key];
    const y = (b as unknown as Record<string, unknown>)[key];
    if (x instanceof Uint8Array || y instanceof Uint8Array) {
      if (!(x instanceof Uint8Array && y instanceof Uint8Array && sameBytes(x, y)))
        return `${a.id}.${key}: bytes differ`;
    } else if (key === 'changed') {
      // Compared part by part: the key order of the object is not part of the state.
      const cx = x as Record<string, number>;
      const cy = y as Record<string, number>;
      const parts = new Set([...Object.keys(cx), ...Object.keys(cy)]);
      for (const p of parts) if (cx[p] !== cy[p]) return `${a.id}.changed.${p}: ${cx[p]} ≠ ${cy[p]}`;
    } else if (!sameJson(x, y)) {
      return `${a.id}.${key}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`;
    }
  }
  return null;
}

/**
 * Why two states differ, or null when they are equal in everything: every entry field (the secret
 * by its bytes), tombstones and icons (their bytes too). The order of entries and tombstones in
 * their lists is not part of a vault's state (the reader sorts them); `mergeVaultStates`'s own
 * output order is checked separately.
 */
export function stateDifference(a: VaultState, b: VaultState): string | null {
  const bEntries = new Map(b.entries.map((e) => [e.id, e]));
  if (a.entries.length !== b.entries.length || bEntries.size !== b.entries.length) {
    return `entry ids differ: ${ids(a.entries)} vs ${ids(b.entries)}`;
  }
  for (const e of a.entries) {
    const other = bEntries.get(e.id);
    if (other === undefined) return `entry ids differ: ${ids(a.entries)} vs ${ids(b.entries)}`;
    const why = entryDifference(e, other);
    if (why !== null) return why;
  }
  const tombstones = (list: readonly Tombstone[]): string =>
    JSON.stringify([...list].map((t) => [t.id, t.deletedAt]).sort());
  if (tombstones(a.tombstones) !== tombstones(b.tombstones)) {
    return `tombstones differ: ${tombstones(a.tombstones)} vs ${tombstones(b.tombstones)}`;
  }
  if (a.icons.size !== b.icons.size) return `icons differ: ${[...a.icons.keys()]} vs ${[...b.icons.keys()]}`;
  for (const [id, icon] of a.icons) {
    const other: StoredIcon | undefined = b.icons.get(id);
    if (
      other === undefined ||
      other.id !== icon.id ||
      other.mime !== icon.mime ||
      !sameBytes(other.bytes, icon.bytes)
    ) {
      return `icon ${id} differs`;
    }
  }
  return null;
}

export function stateEquals(a: VaultState, b: VaultState): boolean {
  return stateDifference(a, b) === null;
}

function ids(entries: readonly VaultEntry[]): string {
  return entries.map((e) => e.id.slice(-4)).join(',');
}

/** A deep copy (secrets and icon bytes copied too), to show later that an input was not changed. */
export function snapshot(state: VaultState): VaultState {
  return {
    entries: state.entries.map((e) => ({ ...e, secret: e.secret.slice() })),
    tombstones: state.tombstones.map((t) => ({ ...t })),
    icons: new Map([...state.icons].map(([id, icon]) => [id, { ...icon, bytes: icon.bytes.slice() }])),
  };
}
