// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What every IPC validator is built from (validators.ts): the `Validation` a validator answers,
 * the wire's upper bounds, and readers of one field of a payload from the renderer, which stays
 * `unknown` until it passes. Each reader checks a type and a length, and names the field.
 */
import { BUNDLED_ICON_ID_RE, ENTRY_LIMITS, QUICK_UNLOCK_LIMITS, type IconChoice } from '../domain';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/**
 * Upper bounds that stop a hostile renderer from sending megabytes into a KDF or a parser. What the
 * vault also bounds comes from its table (ENTRY_LIMITS), so a value the vault stores always passes;
 * the rest is the wire's own.
 */
export const LIMITS = Object.freeze({
  password: 1024,
  /** Issuer and account. */
  text: ENTRY_LIMITS.nameMaxLength,
  /**
   * A list of tags as typed, before its normal form drops repeats and empties: the vault's number
   * of tags with room for those, each as long as a name (the entry validator applies the tag
   * rules, domain/tags.ts, and names the field).
   */
  tags: ENTRY_LIMITS.maxTags * 5,
  tag: ENTRY_LIMITS.nameMaxLength,
  /** A bundled icon's id ("github"). */
  iconId: 128,
  notes: ENTRY_LIMITS.notesMaxLength,
  /** Secret text (base32). */
  secret: ENTRY_LIMITS.secretTextMaxLength,
  uri: ENTRY_LIMITS.uriMaxLength,
  /** The vault's own bound on the number of entries. */
  entries: ENTRY_LIMITS.maxEntries,
  fileName: 1024,
  /** A dropped file: the importers' own bound (MAX_IMPORT_BYTES); images are checked again by size. */
  fileBytes: 50 * 1024 * 1024,
  /** A pasted link list (a migration link of 10 accounts is ~1 KB). */
  pastedText: 64 * 1024,
  /** Review keys ("c17"). */
  key: 16,
  /** A typed recovery key: 44 characters as written (9 groups of 4), with room for spaces. */
  recoveryKey: 200,
  /** A quick-unlock PIN: only bounded here; its shape is the quick-unlock service's to judge. */
  pin: QUICK_UNLOCK_LIMITS.pinMaxLength,
});

/** Review keys ("c17"). */
export const KEY_RE = /^[a-z0-9-]{1,16}$/;

/** Entry ids: random (version 4) UUIDs. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
export const invalid = (message: string): Validation<never> => ({ ok: false, message });

export function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Rejects keys the contract does not define, so nothing unexpected reaches a service. */
export function onlyKeys(raw: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) return `Unexpected field '${key}'`;
  return null;
}

export function str(
  raw: Record<string, unknown>,
  key: string,
  max: number,
  required: boolean,
): string | undefined | Error {
  const v = raw[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') return new Error(`'${key}' must be text`);
  if (v.length > max) return new Error(`'${key}' is longer than ${max} characters`);
  return v;
}

export function int(raw: Record<string, unknown>, key: string): number | undefined | Error {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return new Error(`'${key}' must be a whole number`);
  return v;
}

export function bool(raw: Record<string, unknown>, key: string): boolean | undefined | Error {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') return new Error(`'${key}' must be true or false`);
  return v;
}

/**
 * A list of distinct entry ids, at most as many as a vault holds (and at least `min`); undefined
 * when absent. Ids are never quoted back.
 */
export function entryIdList(raw: Record<string, unknown>, key: string, min = 0): readonly string[] | undefined | Error {
  const ids = raw[key];
  if (ids === undefined) return undefined;
  if (!Array.isArray(ids) || ids.length > LIMITS.entries) return new Error(`'${key}' must be a list of entry ids`);
  if (ids.length < min) return new Error(`'${key}' must list at least ${min} ${min === 1 ? 'entry' : 'entries'}`);
  if (!ids.every((id): id is string => typeof id === 'string' && UUID_RE.test(id))) {
    return new Error(`'${key}' holds something that is not an entry id`);
  }
  if (new Set(ids).size !== ids.length) return new Error(`'${key}' lists an entry twice`);
  return [...ids];
}

/** A list of texts (tags as typed), each at most `max` characters; undefined when absent. */
export function strList(
  raw: Record<string, unknown>,
  key: string,
  maxItems: number,
  max: number,
): readonly string[] | undefined | Error {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length > maxItems)
    return new Error(`'${key}' must be a list of at most ${maxItems} texts`);
  if (!v.every((t): t is string => typeof t === 'string')) return new Error(`'${key}' must hold only text`);
  if (v.some((t) => t.length > max)) return new Error(`'${key}' holds a text longer than ${max} characters`);
  return [...v];
}

/** A custom icon's id: the SHA-256 of its bytes, lower-case hex. */
export const CUSTOM_ICON_ID_RE = /^[0-9a-f]{64}$/;

/**
 * An icon choice (domain/icons.ts `IconChoice`), or null for automatic; undefined when absent.
 * Only the shape: whether the bundled set or the vault has that icon is the service's to check.
 */
export function iconChoice(raw: Record<string, unknown>, key: string): IconChoice | null | undefined | Error {
  const v = raw[key];
  if (v === undefined || v === null) return v;
  const bad = new Error(`'${key}' must be null or an icon choice ({kind: letter | bundled | custom})`);
  if (!isRecord(v)) return bad;
  switch (v['kind']) {
    case 'letter':
      return onlyKeys(v, ['kind']) === null ? { kind: 'letter' } : bad;
    case 'bundled': {
      const id = v['id'];
      if (onlyKeys(v, ['kind', 'id']) !== null || typeof id !== 'string') return bad;
      if (id.length > LIMITS.iconId || !BUNDLED_ICON_ID_RE.test(id)) return new Error(`'${key}.id' is not an icon id`);
      return { kind: 'bundled', id };
    }
    case 'custom': {
      const id = v['id'];
      if (onlyKeys(v, ['kind', 'id']) !== null || typeof id !== 'string') return bad;
      if (!CUSTOM_ICON_ID_RE.test(id)) return new Error(`'${key}.id' is not an icon id`);
      return { kind: 'custom', id };
    }
    default:
      return bad;
  }
}

export function nullableStr(raw: Record<string, unknown>, key: string, max: number): string | null | undefined | Error {
  return raw[key] === null ? null : str(raw, key, max, false);
}

/** A required field that is text of at most `max` characters, or null; never quoted back. */
export function requiredNullableStr(raw: Record<string, unknown>, key: string, max: number): string | null | Error {
  if (!Object.prototype.hasOwnProperty.call(raw, key)) return new Error(`'${key}' is missing`);
  return raw[key] === null ? null : (str(raw, key, max, true) as string | Error);
}

export function noPayload(raw: unknown): Validation<null> {
  return raw === null || raw === undefined ? valid(null) : invalid('This request takes no data');
}

/** Collects optional fields into an object without writing `undefined` (exactOptionalPropertyTypes). */
export function collect<T extends object>(fields: Record<string, unknown>): Validation<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) return invalid(value.message);
    if (value !== undefined) out[key] = value;
  }
  return valid(out as T);
}

export function passwordPayload(raw: unknown): Validation<{ password: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['password']);
  if (extra) return invalid(extra);
  const password = str(raw, 'password', LIMITS.password, true);
  return password instanceof Error ? invalid(password.message) : valid({ password: password as string });
}
