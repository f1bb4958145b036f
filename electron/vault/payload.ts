// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The plaintext payload (docs/vault-format.md §6):
 *
 *   u32le metaLen ‖ meta (UTF-8 JSON, no secrets) ‖ secret table (raw secret bytes)
 *
 * Secrets never become JavaScript strings: each entry's `secret` is a `subarray` view into the one
 * plaintext buffer, which `lock()` wipes as a whole.
 */
import {
  ENTRY_LIMITS,
  ICON_LIMITS,
  normaliseTag,
  OTP_ALGORITHMS,
  OTP_TYPES,
  type IconChoice,
  type OtpAlgorithm,
  type OtpType,
} from '../domain';
import {
  ENTRY_CHANGE_PARTS,
  type EntryChangeTimes,
  type IconMime,
  type StoredIcon,
  type Tombstone,
  type VaultContents,
  type VaultEntry,
} from './entry';
import { corrupt, EntryValidationError } from './errors';
import { parseJsonBytes, readArray, readEnum, readInt, readObject, readString, toBase64 } from './json-fields';
import { MAX_CONFLICT_NOTES, MAX_NOTES_SUPERSEDED, MAX_TOMBSTONES } from './record-limits';
import { ICON_ID_RE, ICON_MIMES, iconIdOf, iconsTotalProblem, storedIconProblem } from './stored-icons';
import { isEntryId, validateEntry } from './validate';

/** The meta JSON keys of one entry in format 2, in the order they are written. */
const ENTRY_KEYS = [
  'id',
  'type',
  'issuer',
  'account',
  'algorithm',
  'digits',
  'period',
  'counter',
  'tags',
  'icon',
  'favourite',
  'notes',
  'conflictNotes',
  'notesSuperseded',
  'sortOrder',
  'createdAt',
  'updatedAt',
  'changed',
  'secretOffset',
  'secretLength',
] as const;

/** The meta JSON keys of one entry in format 1. */
const ENTRY_KEYS_V1 = [
  'id',
  'type',
  'issuer',
  'account',
  'algorithm',
  'digits',
  'period',
  'counter',
  'group',
  'favourite',
  'notes',
  'sortOrder',
  'createdAt',
  'updatedAt',
  'secretOffset',
  'secretLength',
] as const;

/** A format 1 group was at most this long (it becomes a tag, cut to ENTRY_LIMITS.tagMaxLength). */
const V1_GROUP_MAX_LENGTH = 128;

/** The longest base64 text of one stored icon. */
const ICON_BASE64_MAX_LENGTH = Math.ceil(ICON_LIMITS.storedMaxBytes / 3) * 4;

/** A decoded payload: the contents, with entries' secrets as views into `buffer`. */
export interface DecodedPayload extends VaultContents {
  readonly buffer: Uint8Array;
}

const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Builds the format 2 plaintext for `contents`, copying each secret into the secret table, and
 * returns it with entries re-pointed at their copies (so the new buffer can become the session's
 * store). Entries are written in display order, tombstones and icons by id.
 */
export function encodePayload(contents: VaultContents): DecodedPayload {
  const entries = sortEntries(contents.entries);
  const tombstones = [...contents.tombstones].sort(byId);
  const icons = [...contents.icons.values()].sort(byId);
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
      tags: e.tags,
      icon:
        e.icon === null ? null : e.icon.kind === 'letter' ? { kind: 'letter' } : { kind: e.icon.kind, id: e.icon.id },
      favourite: e.favourite,
      notes: e.notes,
      conflictNotes: e.conflictNotes,
      notesSuperseded: e.notesSuperseded,
      sortOrder: e.sortOrder,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
      changed: Object.fromEntries(ENTRY_CHANGE_PARTS.map((part) => [part, e.changed[part]])),
      secretOffset: offset,
      secretLength: e.secret.length,
    };
    offset += e.secret.length;
    return record;
  });
  const metaBytes = new TextEncoder().encode(
    JSON.stringify({
      entries: meta,
      tombstones: tombstones.map((t) => ({ id: t.id, deletedAt: t.deletedAt })),
      icons: icons.map((i) => ({ id: i.id, mime: i.mime, data: toBase64(i.bytes) })),
    }),
  );
  const tableStart = 4 + metaBytes.length;
  const buffer = new Uint8Array(tableStart + offset);
  new DataView(buffer.buffer).setUint32(0, metaBytes.length, true);
  buffer.set(metaBytes, 4);
  const placed = entries.map((e, i) => {
    const m = meta[i];
    if (!m) throw new Error('unreachable');
    buffer.set(e.secret, tableStart + m.secretOffset);
    return freezeEntry({
      ...e,
      secret: buffer.subarray(tableStart + m.secretOffset, tableStart + m.secretOffset + m.secretLength),
    });
  });
  return {
    buffer,
    entries: Object.freeze(placed),
    tombstones: Object.freeze(tombstones),
    icons: new Map(icons.map((i) => [i.id, i])),
  };
}

/**
 * Parses a plaintext buffer of container format `formatVersion` (1 or 2), which the result keeps
 * as the secrets' home. Any structural or validation failure is `corrupt`, naming the entry and
 * field; the caller wipes the buffer then. `metaLen` may be at most the plaintext length − 4; the
 * secret table is everything after meta. A format 1 payload reads as format 2 (docs/vault-format.md
 * §6): its group becomes the one tag, every change time is its `updatedAt`.
 */
export function decodePayload(buffer: Uint8Array, formatVersion: number): DecodedPayload {
  if (formatVersion !== 1 && formatVersion !== 2) throw new RangeError(`No payload reader for format ${formatVersion}`);
  const v1 = formatVersion === 1;
  if (buffer.length < 4) throw corrupt('payload too short');
  const metaLen = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength).getUint32(0, true);
  if (metaLen > buffer.length - 4) throw corrupt('payload metadata length out of range');
  const tableStart = 4 + metaLen;
  const table = buffer.subarray(tableStart);
  const root = readObject(
    parseJsonBytes(buffer.subarray(4, tableStart), 'payload metadata'),
    'payload',
    v1 ? ['entries'] : ['entries', 'tombstones', 'icons'],
  );
  const items = readArray(root.entries, 'payload entries', ENTRY_LIMITS.maxEntries);
  const icons = v1 ? new Map<string, StoredIcon>() : readIcons(root.icons);
  const seen = new Set<string>();
  const entries = items.map((item, i) => {
    const where = `entry ${i + 1}`;
    const r = readObject(item, where, v1 ? ENTRY_KEYS_V1 : ENTRY_KEYS);
    const secretOffset = readInt(r.secretOffset, `${where} secretOffset`, 0, table.length);
    const secretLength = readInt(r.secretLength, `${where} secretLength`, 0, table.length - secretOffset);
    const updatedAt = readInt(r.updatedAt, `${where} updatedAt`, 0, Number.MAX_SAFE_INTEGER);
    const notes = readString(r.notes, `${where} notes`, ENTRY_LIMITS.notesMaxLength);
    const entry = freezeEntry({
      id: readString(r.id, `${where} id`, 36),
      type: readEnum<OtpType>(r.type, `${where} type`, OTP_TYPES),
      issuer: readString(r.issuer, `${where} issuer`, ENTRY_LIMITS.nameMaxLength),
      account: readString(r.account, `${where} account`, ENTRY_LIMITS.nameMaxLength),
      algorithm: readEnum<OtpAlgorithm>(r.algorithm, `${where} algorithm`, OTP_ALGORITHMS),
      digits: readInt(r.digits, `${where} digits`, 0, 100),
      period: r.period === null ? null : readInt(r.period, `${where} period`, 0, Number.MAX_SAFE_INTEGER),
      counter: r.counter === null ? null : readInt(r.counter, `${where} counter`, 0, Number.MAX_SAFE_INTEGER),
      favourite: readBoolean(r.favourite, `${where} favourite`),
      notes,
      sortOrder: readInt(r.sortOrder, `${where} sortOrder`, 0, Number.MAX_SAFE_INTEGER),
      createdAt: readInt(r.createdAt, `${where} createdAt`, 0, Number.MAX_SAFE_INTEGER),
      updatedAt,
      secret: table.subarray(secretOffset, secretOffset + secretLength),
      ...(v1
        ? {
            tags: Object.freeze(tagsOfGroup(r.group, `${where} group`)),
            icon: null,
            conflictNotes: Object.freeze([]),
            notesSuperseded: Object.freeze([]),
            changed: Object.freeze(changeTimesAt(updatedAt)),
          }
        : {
            tags: Object.freeze(readStrings(r.tags, `${where} tags`, ENTRY_LIMITS.maxTags, ENTRY_LIMITS.tagMaxLength)),
            icon: readIconChoice(r.icon, `${where} icon`),
            conflictNotes: Object.freeze(
              readStrings(r.conflictNotes, `${where} conflictNotes`, MAX_CONFLICT_NOTES, ENTRY_LIMITS.notesMaxLength),
            ),
            notesSuperseded: Object.freeze(
              readStrings(r.notesSuperseded, `${where} notesSuperseded`, MAX_NOTES_SUPERSEDED, 16),
            ),
            changed: readChangeTimes(r.changed, `${where} changed`),
          }),
    });
    try {
      validateEntry(entry);
    } catch (error) {
      if (error instanceof EntryValidationError) throw corrupt(`${where} has an invalid '${error.field}'`, error);
      throw error;
    }
    if (entry.icon?.kind === 'custom' && !icons.has(entry.icon.id))
      throw corrupt(`${where}'s custom icon is not in the vault`);
    if (seen.has(entry.id)) throw corrupt(`${where} repeats an id`);
    seen.add(entry.id);
    return { entry, secretOffset, secretLength };
  });
  checkSecretRanges(entries, table.length);
  const tombstones = v1 ? [] : readTombstones(root.tombstones, seen);
  return {
    buffer,
    entries: Object.freeze(sortEntries(entries.map((e) => e.entry))),
    tombstones: Object.freeze(tombstones),
    icons,
  };
}

/** Change times with every part at `at` (a format 1 entry's are its `updatedAt`). */
export function changeTimesAt(at: number): EntryChangeTimes {
  return { names: at, tags: at, icon: at, favourite: at, notes: at, sortOrder: at };
}

/** A format 1 `group` (null or ≤ 128 units) as the tags it becomes: none, or the group as one tag. */
function tagsOfGroup(value: unknown, where: string): string[] {
  if (value === null) return [];
  const group = normaliseTag(readString(value, where, V1_GROUP_MAX_LENGTH));
  if (group.length <= ENTRY_LIMITS.tagMaxLength) return group === '' ? [] : [group];
  // Cut to the tag length without splitting a surrogate pair.
  let cut = group.slice(0, ENTRY_LIMITS.tagMaxLength);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return [normaliseTag(cut)];
}

/** A list of at most `maxItems` strings, each at most `maxLength` units (their rules: validateEntry). */
function readStrings(value: unknown, where: string, maxItems: number, maxLength: number): string[] {
  return readArray(value, where, maxItems).map((item, i) => readString(item, `${where} ${i + 1}`, maxLength));
}

/** An icon choice: null, {kind:'letter'}, {kind:'bundled', id} or {kind:'custom', id} (ids: validateEntry). */
function readIconChoice(value: unknown, where: string): IconChoice | null {
  if (value === null) return null;
  const loose = readObject(value, where, ['kind'], ['id']);
  const kind = readEnum(loose.kind, `${where} kind`, ['letter', 'bundled', 'custom'] as const);
  if (kind === 'letter') {
    readObject(value, where, ['kind']);
    return Object.freeze({ kind });
  }
  const r = readObject(value, where, ['kind', 'id']);
  return Object.freeze({ kind, id: readString(r.id, `${where} id`, 64) });
}

function readChangeTimes(value: unknown, where: string): EntryChangeTimes {
  const r = readObject(value, where, ENTRY_CHANGE_PARTS);
  return Object.freeze(
    Object.fromEntries(
      ENTRY_CHANGE_PARTS.map((part) => [part, readInt(r[part], `${where}.${part}`, 0, Number.MAX_SAFE_INTEGER)]),
    ) as unknown as EntryChangeTimes,
  );
}

/** The stored icons: unique ids, each the SHA-256 of its bytes; allowed types; each and all within bounds. */
function readIcons(value: unknown): Map<string, StoredIcon> {
  const icons = new Map<string, StoredIcon>();
  readArray(value, 'payload icons', ENTRY_LIMITS.maxEntries).forEach((item, i) => {
    const where = `icon ${i + 1}`;
    const r = readObject(item, where, ['id', 'mime', 'data']);
    const id = readString(r.id, `${where} id`, 64);
    if (!ICON_ID_RE.test(id)) throw corrupt(`${where} id is not a SHA-256 in hex`);
    const mime = readEnum<IconMime>(r.mime, `${where} mime`, ICON_MIMES);
    const data = readString(r.data, `${where} data`, ICON_BASE64_MAX_LENGTH);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(data)) throw corrupt(`${where} data is not base64`);
    const decoded = Buffer.from(data, 'base64');
    if (decoded.toString('base64') !== data) throw corrupt(`${where} data is not canonical base64`);
    const bytes = new Uint8Array(decoded);
    const problem = storedIconProblem(mime, bytes);
    if (problem !== null) throw corrupt(`${where} is not a valid icon (${problem})`);
    if (iconIdOf(bytes) !== id) throw corrupt(`${where}'s bytes do not match its id`);
    if (icons.has(id)) throw corrupt(`${where} repeats an id`);
    icons.set(id, Object.freeze({ id, mime, bytes }));
  });
  if (iconsTotalProblem(icons) !== null) throw corrupt('the icons together are larger than Tessera allows');
  return icons;
}

/** Tombstones: unique entry ids, none of them an entry's. */
function readTombstones(value: unknown, entryIds: ReadonlySet<string>): Tombstone[] {
  const seen = new Set<string>();
  return readArray(value, 'payload tombstones', MAX_TOMBSTONES).map((item, i) => {
    const where = `tombstone ${i + 1}`;
    const r = readObject(item, where, ['id', 'deletedAt']);
    const id = readString(r.id, `${where} id`, 36);
    if (!isEntryId(id)) throw corrupt(`${where} id is not an entry id`);
    if (seen.has(id)) throw corrupt(`${where} repeats an id`);
    if (entryIds.has(id)) throw corrupt(`${where} is of an entry that is still there`);
    seen.add(id);
    return Object.freeze({ id, deletedAt: readInt(r.deletedAt, `${where} deletedAt`, 0, Number.MAX_SAFE_INTEGER) });
  });
}

/**
 * The secret ranges must tile the table exactly, in any order: no two overlap (one byte would be
 * two accounts' secret) and no byte is left over (a writer hiding data, or a damaged table). That
 * is what Tessera writes (secrets back to back), so nothing legitimate is refused.
 */
function checkSecretRanges(
  ranges: readonly { readonly secretOffset: number; readonly secretLength: number }[],
  tableLength: number,
): void {
  const order = ranges.map((r, i) => ({ ...r, i })).sort((a, b) => a.secretOffset - b.secretOffset);
  let next = 0;
  for (const r of order) {
    if (r.secretOffset < next) throw corrupt(`entry ${r.i + 1}'s secret overlaps another entry's`);
    if (r.secretOffset > next) throw corrupt('secret table bytes are not used by any entry');
    next = r.secretOffset + r.secretLength;
  }
  if (next !== tableLength) throw corrupt('secret table bytes are not used by any entry');
}

function readBoolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw corrupt(`${where} is not true or false`);
  return value;
}

/** Entries are handed out frozen: callers cannot edit the session's state behind its back. */
export function freezeEntry(entry: VaultEntry): VaultEntry {
  return Object.freeze(entry);
}

/** Stable order: sortOrder, then creation time, then id. */
export function sortEntries(entries: readonly VaultEntry[]): VaultEntry[] {
  return [...entries].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}
