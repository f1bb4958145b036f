// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The plaintext payload (docs/vault-format.md §6):
 *
 *   u32le metaLen ‖ meta (UTF-8 JSON, no secrets) ‖ secret table (raw secret bytes)
 *
 * Secrets never become JavaScript strings: each entry's `secret` is a `subarray` view into the one
 * plaintext buffer, which `lock()` wipes as a whole.
 */
import { ENTRY_LIMITS, OTP_ALGORITHMS, OTP_TYPES, type OtpAlgorithm, type OtpType } from '../domain';
import type { VaultEntry } from './entry';
import { corrupt, EntryValidationError } from './errors';
import { parseJsonBytes, readArray, readEnum, readInt, readObject, readString } from './json-fields';
import { validateEntry } from './validate';

/** The meta JSON keys of one entry, in the order they are written. */
const ENTRY_KEYS = [
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

/** A decoded payload: entries whose secrets are views into `buffer`. */
export interface DecodedPayload {
  readonly buffer: Uint8Array;
  readonly entries: readonly VaultEntry[];
}

/**
 * Builds the plaintext for `entries`, copying each secret into the secret table, and returns it
 * with entries re-pointed at their copies (so the new buffer can become the session's store).
 */
export function encodePayload(entries: readonly VaultEntry[]): DecodedPayload {
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
  const metaBytes = new TextEncoder().encode(JSON.stringify({ entries: meta }));
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
  return { buffer, entries: Object.freeze(placed) };
}

/**
 * Parses a plaintext buffer (which the result keeps, as the secrets' home). Any structural or
 * validation failure is `corrupt`, naming the entry and field; the caller wipes the buffer then.
 * `metaLen` may be at most the plaintext length − 4; the secret table is everything after meta.
 */
export function decodePayload(buffer: Uint8Array): DecodedPayload {
  if (buffer.length < 4) throw corrupt('payload too short');
  const metaLen = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength).getUint32(0, true);
  if (metaLen > buffer.length - 4) throw corrupt('payload metadata length out of range');
  const tableStart = 4 + metaLen;
  const table = buffer.subarray(tableStart);
  const root = readObject(parseJsonBytes(buffer.subarray(4, tableStart), 'payload metadata'), 'payload', ['entries']);
  const items = readArray(root.entries, 'payload entries', ENTRY_LIMITS.maxEntries);
  const seen = new Set<string>();
  const entries = items.map((item, i) => {
    const where = `entry ${i + 1}`;
    const r = readObject(item, where, ENTRY_KEYS);
    const secretOffset = readInt(r.secretOffset, `${where} secretOffset`, 0, table.length);
    const secretLength = readInt(r.secretLength, `${where} secretLength`, 0, table.length - secretOffset);
    const entry = freezeEntry({
      id: readString(r.id, `${where} id`, 36),
      type: readEnum<OtpType>(r.type, `${where} type`, OTP_TYPES),
      issuer: readString(r.issuer, `${where} issuer`, ENTRY_LIMITS.nameMaxLength),
      account: readString(r.account, `${where} account`, ENTRY_LIMITS.nameMaxLength),
      algorithm: readEnum<OtpAlgorithm>(r.algorithm, `${where} algorithm`, OTP_ALGORITHMS),
      digits: readInt(r.digits, `${where} digits`, 0, 100),
      period: r.period === null ? null : readInt(r.period, `${where} period`, 0, Number.MAX_SAFE_INTEGER),
      counter: r.counter === null ? null : readInt(r.counter, `${where} counter`, 0, Number.MAX_SAFE_INTEGER),
      group: r.group === null ? null : readString(r.group, `${where} group`, ENTRY_LIMITS.groupMaxLength),
      favourite: readBoolean(r.favourite, `${where} favourite`),
      notes: readString(r.notes, `${where} notes`, ENTRY_LIMITS.notesMaxLength),
      sortOrder: readInt(r.sortOrder, `${where} sortOrder`, 0, Number.MAX_SAFE_INTEGER),
      createdAt: readInt(r.createdAt, `${where} createdAt`, 0, Number.MAX_SAFE_INTEGER),
      updatedAt: readInt(r.updatedAt, `${where} updatedAt`, 0, Number.MAX_SAFE_INTEGER),
      secret: table.subarray(secretOffset, secretOffset + secretLength),
    });
    try {
      validateEntry(entry);
    } catch (error) {
      if (error instanceof EntryValidationError) throw corrupt(`${where} has an invalid '${error.field}'`, error);
      throw error;
    }
    if (seen.has(entry.id)) throw corrupt(`${where} repeats an id`);
    seen.add(entry.id);
    return { entry, secretOffset, secretLength };
  });
  checkSecretRanges(entries, table.length);
  return { buffer, entries: Object.freeze(sortEntries(entries.map((e) => e.entry))) };
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
