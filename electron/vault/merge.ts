// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The state-based merge of two copies of one vault (issue #18: one vault in a folder that
 * Syncthing, Dropbox or Nextcloud keeps in step on several computers). Pure: no clock, no I/O, no
 * randomness; it never changes its inputs. docs/dev/sync-merge.md explains each rule and why.
 *
 * Per entry id:
 * - tombstoned in either copy → gone (tombstones: the union, per id the later `deletedAt`);
 * - in one copy only → kept as it is;
 * - in both → part by part: each part of `changed` (names, tags, icon, favourite, notes, sortOrder)
 *   is last-writer-wins by its change time, a tie broken by the greater canonical JSON of the two
 *   values; `changed` is per part the later time; the HOTP counter is the higher one; `updatedAt`
 *   the later one; `notesSuperseded` the union; `conflictNotes` the two copies' conflict notes and
 *   both notes texts, less the winning notes, the empty text and any text whose digest is in the
 *   merged `notesSuperseded` (so a copy that is merely behind adds no conflict note).
 * - The parts no one edits (type, algorithm, digits, period, secret, createdAt) agree in copies of
 *   one vault. Should they not (a damaged copy), the copy whose immutable tuple has the greater
 *   canonical JSON (the secret as lower-case hex) wins, with its counter; with equal tuples the
 *   higher counter wins. Either way, deterministically.
 * Custom icons: the union by id (both copies hold the same bytes under one id, the SHA-256 of them;
 * were they ever different, the greater (mime, bytes) wins), keeping only those a merged entry uses.
 *
 * Canonical JSON, for the tie-breaks: object keys sorted by UTF-16 code units, no white space,
 * strings and numbers as `JSON.stringify` writes them; two canonical texts compare by UTF-16 code
 * units (JavaScript's `<`). Equal values have equal canonical JSON, so a tie between two different
 * values always has one winner, the same on every computer.
 *
 * Bounds (record-limits.ts), which the reader enforces and so every writer keeps: beyond
 * MAX_TOMBSTONES the oldest tombstones go (their entries are still left out of this merge); beyond
 * MAX_NOTES_SUPERSEDED the smallest digests go (after the conflict notes were sorted out with all
 * of them); beyond MAX_CONFLICT_NOTES the greatest texts are kept. The vault-wide caps (accounts,
 * icon bytes) are the caller's to check: a merge never drops an account to meet them.
 *
 * The merge is commutative, associative and, for the states the vault produces, idempotent (the
 * tests in test/electron/vault/merge-laws.test.ts prove it over random edit histories); the bounds
 * above are the one place the laws can bend, and only for a vault already past them. Merged entries
 * are frozen and sorted as the vault sorts them; their secrets are views into either input's
 * bytes, which the next save copies into its new payload.
 */
import type { EntryId } from '../domain';
import {
  ENTRY_CHANGE_PARTS,
  type EntryChangeTimes,
  type StoredIcon,
  type Tombstone,
  type VaultContents,
  type VaultEntry,
} from './entry';
import { notesDigest } from './notes-digest';
import { freezeEntry, sortEntries } from './payload';
import { MAX_CONFLICT_NOTES, MAX_NOTES_SUPERSEDED, MAX_TOMBSTONES } from './record-limits';

/** What one copy of a vault holds that two copies can disagree on: its entries, tombstones and icons. */
export type VaultState = VaultContents;

/** What a merge changed relative to the copy it was merged into. */
export interface MergeReport {
  /** Entries the merged state has and `a` had not. */
  readonly added: number;
  /** Entries both have that differ in anything (names, notes, counter, change times, …). */
  readonly changed: number;
  /** Entries `a` had and the merged state has not (deleted on the other copy). */
  readonly removed: number;
  /** Conflict notes the merged state has that `a` had not (for the same entry). */
  readonly conflictNotes: number;
  /** True when the merged state equals `a` in everything, tombstones and icons too: no save needed. */
  readonly unchanged: boolean;
}

/**
 * JSON with object keys sorted (UTF-16 code units) and no white space. Takes what entry parts are
 * made of: null, booleans, finite numbers, strings, arrays and plain objects (undefined members are
 * left out, as JSON.stringify does).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}

/** Merges two copies of a vault; see the module comment for the rules. */
export function mergeVaultStates(a: VaultState, b: VaultState): VaultState {
  const gone = new Set([...a.tombstones, ...b.tombstones].map((t) => t.id));
  const tombstones = mergeTombstones(a.tombstones, b.tombstones);
  const fromA = entriesById(a.entries);
  const fromB = entriesById(b.entries);
  const merged: VaultEntry[] = [];
  for (const [id, entryA] of fromA) {
    if (gone.has(id)) continue;
    const entryB = fromB.get(id);
    merged.push(entryB === undefined ? frozen(entryA) : mergeEntry(entryA, entryB));
  }
  for (const [id, entryB] of fromB) {
    if (!gone.has(id) && !fromA.has(id)) merged.push(frozen(entryB));
  }
  const entries = Object.freeze(sortEntries(merged));
  return { entries, tombstones, icons: mergeIcons(a.icons, b.icons, entries) };
}

/** What `merged` (a merge into `a`) changed relative to `a`. */
export function mergeReport(a: VaultState, merged: VaultState): MergeReport {
  const before = new Map(a.entries.map((e) => [e.id, e]));
  const afterIds = new Set<EntryId>();
  let added = 0;
  let changed = 0;
  let conflictNotes = 0;
  for (const entry of merged.entries) {
    afterIds.add(entry.id);
    const old = before.get(entry.id);
    if (old === undefined) added++;
    else if (!deepEqual(old, entry)) changed++;
    if (entry.conflictNotes.length > 0) {
      const known = new Set(old?.conflictNotes ?? []);
      conflictNotes += entry.conflictNotes.filter((text) => !known.has(text)).length;
    }
  }
  const removed = a.entries.filter((e) => !afterIds.has(e.id)).length;
  const unchanged =
    added === 0 &&
    changed === 0 &&
    removed === 0 &&
    sameTombstones(a.tombstones, merged.tombstones) &&
    sameIcons(a.icons, merged.icons);
  return { added, changed, removed, conflictNotes, unchanged };
}

/** One entry per id; should a copy ever repeat an id, its entries are merged like two copies'. */
function entriesById(entries: readonly VaultEntry[]): Map<EntryId, VaultEntry> {
  const byId = new Map<EntryId, VaultEntry>();
  for (const entry of entries) {
    const seen = byId.get(entry.id);
    byId.set(entry.id, seen === undefined ? entry : mergeEntry(seen, entry));
  }
  return byId;
}

function mergeTombstones(a: readonly Tombstone[], b: readonly Tombstone[]): readonly Tombstone[] {
  const byId = new Map<EntryId, Tombstone>();
  for (const t of [...a, ...b]) {
    const seen = byId.get(t.id);
    if (seen === undefined || t.deletedAt > seen.deletedAt) byId.set(t.id, t);
  }
  let kept = [...byId.values()];
  if (kept.length > MAX_TOMBSTONES) {
    kept.sort((x, y) => y.deletedAt - x.deletedAt || compareText(y.id, x.id));
    kept = kept.slice(0, MAX_TOMBSTONES);
  }
  const sorted = kept.sort((x, y) => compareText(x.id, y.id));
  return Object.freeze(
    sorted.map((t) => (Object.isFrozen(t) ? t : Object.freeze({ id: t.id, deletedAt: t.deletedAt }))),
  );
}

function mergeIcons(
  a: ReadonlyMap<string, StoredIcon>,
  b: ReadonlyMap<string, StoredIcon>,
  entries: readonly VaultEntry[],
): ReadonlyMap<string, StoredIcon> {
  const used = new Set<string>();
  for (const e of entries) if (e.icon?.kind === 'custom') used.add(e.icon.id);
  const icons = new Map<string, StoredIcon>();
  for (const id of [...used].sort(compareText)) {
    const x = a.get(id);
    const y = b.get(id);
    const icon = x === undefined ? y : y === undefined ? x : compareIcons(x, y) >= 0 ? x : y;
    if (icon !== undefined) icons.set(id, icon);
  }
  return icons;
}

/** The entry itself when already frozen (the vault's always are), else a frozen copy: inputs stay as given. */
function frozen(entry: VaultEntry): VaultEntry {
  return Object.isFrozen(entry) ? entry : freezeEntry({ ...entry });
}

/** Two copies of one entry (same id) made one. */
function mergeEntry(a: VaultEntry, b: VaultEntry): VaultEntry {
  if (a === b) return frozen(a);
  const order = compareImmutable(a, b);
  const fixed = order >= 0 ? a : b;
  const counter =
    order === 0 && a.counter !== null && b.counter !== null ? Math.max(a.counter, b.counter) : fixed.counter;
  const names = lastWriter(a, b, 'names', (e) => [e.issuer, e.account]);
  const tags = lastWriter(a, b, 'tags', (e) => e.tags);
  const icon = lastWriter(a, b, 'icon', (e) => e.icon);
  const favourite = lastWriter(a, b, 'favourite', (e) => e.favourite);
  const notes = lastWriter(a, b, 'notes', (e) => e.notes);
  const sortOrder = lastWriter(a, b, 'sortOrder', (e) => e.sortOrder);
  const superseded = unionSorted(a.notesSuperseded, b.notesSuperseded);
  const notesSuperseded =
    superseded.length > MAX_NOTES_SUPERSEDED ? Object.freeze(superseded.slice(-MAX_NOTES_SUPERSEDED)) : superseded;
  return freezeEntry({
    id: a.id,
    type: fixed.type,
    algorithm: fixed.algorithm,
    digits: fixed.digits,
    period: fixed.period,
    secret: fixed.secret,
    createdAt: fixed.createdAt,
    counter,
    issuer: names.issuer,
    account: names.account,
    tags: tags.tags,
    icon: icon.icon,
    favourite: favourite.favourite,
    notes: notes.notes,
    sortOrder: sortOrder.sortOrder,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    changed: laterTimes(a.changed, b.changed),
    conflictNotes: mergeConflictNotes(a, b, notes.notes, superseded),
    notesSuperseded,
  });
}

/**
 * The copy whose `part` wins: the later change time, else the greater canonical JSON of the value
 * (`a` when the values are equal, which gives the same value).
 */
function lastWriter(
  a: VaultEntry,
  b: VaultEntry,
  part: keyof EntryChangeTimes,
  value: (e: VaultEntry) => unknown,
): VaultEntry {
  const ta = a.changed[part];
  const tb = b.changed[part];
  if (ta !== tb) return ta > tb ? a : b;
  const va = value(a);
  const vb = value(b);
  if (deepEqual(va, vb)) return a;
  return compareText(canonicalJson(va), canonicalJson(vb)) >= 0 ? a : b;
}

function laterTimes(a: EntryChangeTimes, b: EntryChangeTimes): EntryChangeTimes {
  if (a === b) return a;
  const times: Record<string, number> = {};
  for (const part of ENTRY_CHANGE_PARTS) times[part] = Math.max(a[part], b[part]);
  return Object.freeze(times as unknown as EntryChangeTimes);
}

/**
 * (a's and b's conflict notes ∪ both notes) − the winning notes − '' − texts the merged entry has
 * superseded, sorted (the greatest MAX_CONFLICT_NOTES of them). A text superseded on either copy was seen and replaced there: a copy still
 * holding it is behind, not in conflict.
 */
function mergeConflictNotes(
  a: VaultEntry,
  b: VaultEntry,
  winner: string,
  superseded: readonly string[],
): readonly string[] {
  if (a.conflictNotes.length === 0 && b.conflictNotes.length === 0 && a.notes === b.notes) return EMPTY;
  const candidates = new Set([...a.conflictNotes, ...b.conflictNotes, a.notes, b.notes]);
  candidates.delete(winner);
  candidates.delete('');
  if (candidates.size === 0) return EMPTY;
  const seen = new Set(superseded);
  const kept = [...candidates].filter((text) => !seen.has(notesDigest(text)));
  if (kept.length === 0) return EMPTY;
  kept.sort(compareText);
  return Object.freeze(kept.length > MAX_CONFLICT_NOTES ? kept.slice(-MAX_CONFLICT_NOTES) : kept);
}

const EMPTY: readonly string[] = Object.freeze([]);

/** The sorted union of two sorted sets of text; one of them when that is already the union. */
function unionSorted(a: readonly string[], b: readonly string[]): readonly string[] {
  if (a === b || b.length === 0) return a;
  if (a.length === 0) return b;
  const union = [...new Set([...a, ...b])].sort(compareText);
  if (union.length === a.length && union.every((x, i) => x === a[i])) return a;
  if (union.length === b.length && union.every((x, i) => x === b[i])) return b;
  return Object.freeze(union);
}

/**
 * Orders two copies by their immutable parts (type, algorithm, digits, period, secret, createdAt):
 * 0 when they agree, else the sign of comparing the canonical JSON of the two tuples.
 */
function compareImmutable(a: VaultEntry, b: VaultEntry): number {
  if (
    a.type === b.type &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    a.period === b.period &&
    a.createdAt === b.createdAt &&
    sameBytes(a.secret, b.secret)
  ) {
    return 0;
  }
  return compareText(canonicalJson(immutableTuple(a)), canonicalJson(immutableTuple(b)));
}

function immutableTuple(e: VaultEntry): Record<string, unknown> {
  return {
    type: e.type,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    secret: Buffer.from(e.secret.buffer, e.secret.byteOffset, e.secret.byteLength).toString('hex'),
    createdAt: e.createdAt,
  };
}

function compareIcons(a: StoredIcon, b: StoredIcon): number {
  const byMime = compareText(a.mime, b.mime);
  if (byMime !== 0) return byMime;
  return Buffer.compare(
    Buffer.from(a.bytes.buffer, a.bytes.byteOffset, a.bytes.byteLength),
    Buffer.from(b.bytes.buffer, b.bytes.byteOffset, b.bytes.byteLength),
  );
}

/** Compares by UTF-16 code units, as `<` does (never by locale). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameTombstones(a: readonly Tombstone[], b: readonly Tombstone[]): boolean {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((t) => [t.id, t.deletedAt]));
  return b.every((t) => byId.get(t.id) === t.deletedAt);
}

function sameIcons(a: ReadonlyMap<string, StoredIcon>, b: ReadonlyMap<string, StoredIcon>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, icon] of b) {
    const other = a.get(id);
    if (other === undefined || other.mime !== icon.mime || !sameBytes(other.bytes, icon.bytes)) return false;
  }
  return true;
}

/** Structural equality of entry data: plain values, arrays, objects and bytes (by content). */
function deepEqual(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x instanceof Uint8Array || y instanceof Uint8Array) {
    return x instanceof Uint8Array && y instanceof Uint8Array && sameBytes(x, y);
  }
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const rx = x as Record<string, unknown>;
  const ry = y as Record<string, unknown>;
  const keys = Object.keys(rx);
  if (keys.length !== Object.keys(ry).length) return false;
  return keys.every((key) => Object.hasOwn(ry, key) && deepEqual(rx[key], ry[key]));
}
