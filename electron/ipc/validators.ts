// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One validator per invoke channel: the raw payload from the renderer is `unknown` until it passes
 * here. Checks shapes, lengths, enums and id formats only; business rules (digits range, base32)
 * belong to the services, which name the field themselves.
 */
import { checkSettingsPatch } from '../services/settings';
import type {
  CodePreviewInput,
  EntryPatch,
  InvokeChannel,
  NewEntryInput,
  OtpAlgorithm,
  OtpType,
  RequestOf,
  SettingsPatch,
} from './contract';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type Validators = { readonly [C in InvokeChannel]: (raw: unknown) => Validation<RequestOf<C>> };

/** Upper bounds that stop a hostile renderer from sending megabytes into a KDF or a parser. */
export const LIMITS = Object.freeze({
  password: 1024,
  text: 256,
  notes: 4096,
  secret: 1024,
  uri: 4096,
  /** The vault's own bound on the number of entries (ENTRY_LIMITS.maxEntries). */
  entries: 10_000,
});

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const OTP_TYPES: readonly OtpType[] = ['totp', 'hotp', 'steam'];
const ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

const valid = <T>(value: T): Validation<T> => ({ ok: true, value });
const invalid = (message: string): Validation<never> => ({ ok: false, message });

function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** Rejects keys the contract does not define, so nothing unexpected reaches a service. */
function onlyKeys(raw: Record<string, unknown>, allowed: readonly string[]): string | null {
  for (const key of Object.keys(raw)) if (!allowed.includes(key)) return `Unexpected field '${key}'`;
  return null;
}

function str(raw: Record<string, unknown>, key: string, max: number, required: boolean): string | undefined | Error {
  const v = raw[key];
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string') return new Error(`'${key}' must be text`);
  if (v.length > max) return new Error(`'${key}' is longer than ${max} characters`);
  return v;
}

function int(raw: Record<string, unknown>, key: string): number | undefined | Error {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return new Error(`'${key}' must be a whole number`);
  return v;
}

function bool(raw: Record<string, unknown>, key: string): boolean | undefined | Error {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') return new Error(`'${key}' must be true or false`);
  return v;
}

function nullableStr(raw: Record<string, unknown>, key: string, max: number): string | null | undefined | Error {
  return raw[key] === null ? null : str(raw, key, max, false);
}

function noPayload(raw: unknown): Validation<null> {
  return raw === null || raw === undefined ? valid(null) : invalid('This request takes no data');
}

function entryId(raw: unknown): Validation<{ id: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['id']);
  if (extra) return invalid(extra);
  return typeof raw.id === 'string' && UUID_RE.test(raw.id)
    ? valid({ id: raw.id })
    : invalid("'id' is not an entry id");
}

function passwordPayload(raw: unknown): Validation<{ password: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['password']);
  if (extra) return invalid(extra);
  const password = str(raw, 'password', LIMITS.password, true);
  return password instanceof Error ? invalid(password.message) : valid({ password: password as string });
}

/** Collects optional fields into an object without writing `undefined` (exactOptionalPropertyTypes). */
function collect<T extends object>(fields: Record<string, unknown>): Validation<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) return invalid(value.message);
    if (value !== undefined) out[key] = value;
  }
  return valid(out as T);
}

function newEntry(raw: unknown): Validation<NewEntryInput> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, [
    'type',
    'issuer',
    'account',
    'secret',
    'algorithm',
    'digits',
    'period',
    'counter',
    'group',
    'notes',
    'favourite',
  ]);
  if (extra) return invalid(extra);
  if (!OTP_TYPES.includes(raw.type as OtpType)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !ALGORITHMS.includes(raw.algorithm as OtpAlgorithm)) {
    return invalid("'algorithm' must be SHA1, SHA256 or SHA512");
  }
  return collect<NewEntryInput>({
    type: raw.type,
    issuer: str(raw, 'issuer', LIMITS.text, true),
    account: str(raw, 'account', LIMITS.text, true),
    secret: str(raw, 'secret', LIMITS.secret, true),
    algorithm: raw.algorithm,
    digits: int(raw, 'digits'),
    period: int(raw, 'period'),
    counter: int(raw, 'counter'),
    group: nullableStr(raw, 'group', LIMITS.text),
    notes: str(raw, 'notes', LIMITS.notes, false),
    favourite: bool(raw, 'favourite'),
  });
}

/** The OTP parameters of the add form's live preview: no names, no notes. */
function previewInput(raw: unknown): Validation<CodePreviewInput> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['type', 'secret', 'algorithm', 'digits', 'period', 'counter']);
  if (extra) return invalid(extra);
  if (!OTP_TYPES.includes(raw.type as OtpType)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !ALGORITHMS.includes(raw.algorithm as OtpAlgorithm)) {
    return invalid("'algorithm' must be SHA1, SHA256 or SHA512");
  }
  return collect<CodePreviewInput>({
    type: raw.type,
    secret: str(raw, 'secret', LIMITS.secret, true),
    algorithm: raw.algorithm,
    digits: int(raw, 'digits'),
    period: int(raw, 'period'),
    counter: int(raw, 'counter'),
  });
}

/** A display order: entry ids, each once. Whether they are all the entries is the service's check. */
function entryIds(raw: unknown): Validation<{ ids: readonly string[] }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['ids']);
  if (extra) return invalid(extra);
  const ids = raw.ids;
  if (!Array.isArray(ids) || ids.length > LIMITS.entries) return invalid("'ids' must be a list of entry ids");
  if (!ids.every((id): id is string => typeof id === 'string' && UUID_RE.test(id))) {
    return invalid("'ids' holds something that is not an entry id");
  }
  if (new Set(ids).size !== ids.length) return invalid("'ids' lists an entry twice");
  return valid({ ids: [...ids] });
}

function settingsPatch(raw: unknown): Validation<SettingsPatch> {
  const checked = checkSettingsPatch(raw);
  return checked.ok ? valid(checked.value) : invalid(checked.message);
}

function patch(raw: unknown): Validation<EntryPatch> {
  if (!isRecord(raw)) return invalid("'patch' must be an object");
  const extra = onlyKeys(raw, ['issuer', 'account', 'group', 'notes', 'favourite']);
  if (extra) return invalid(extra);
  return collect<EntryPatch>({
    issuer: str(raw, 'issuer', LIMITS.text, false),
    account: str(raw, 'account', LIMITS.text, false),
    group: nullableStr(raw, 'group', LIMITS.text),
    notes: str(raw, 'notes', LIMITS.notes, false),
    favourite: bool(raw, 'favourite'),
  });
}

export const validators: Validators = {
  'vault:status': noPayload,
  'vault:create': passwordPayload,
  'vault:unlock': passwordPayload,
  'vault:lock': noPayload,
  'vault:use-previous': noPayload,
  'vault:change-password': (raw) => {
    if (!isRecord(raw)) return invalid('Expected an object');
    const extra = onlyKeys(raw, ['current', 'next']);
    if (extra) return invalid(extra);
    const current = str(raw, 'current', LIMITS.password, true);
    const next = str(raw, 'next', LIMITS.password, true);
    if (current instanceof Error) return invalid(current.message);
    if (next instanceof Error) return invalid(next.message);
    return valid({ current: current as string, next: next as string });
  },
  'entries:list': noPayload,
  'entries:add': newEntry,
  'entries:add-uri': (raw) => {
    if (!isRecord(raw)) return invalid('Expected an object');
    const extra = onlyKeys(raw, ['uri']);
    if (extra) return invalid(extra);
    const uri = str(raw, 'uri', LIMITS.uri, true);
    return uri instanceof Error ? invalid(uri.message) : valid({ uri: uri as string });
  },
  'entries:update': (raw) => {
    if (!isRecord(raw)) return invalid('Expected an object');
    const extra = onlyKeys(raw, ['id', 'patch']);
    if (extra) return invalid(extra);
    const id = entryId({ id: raw.id });
    if (!id.ok) return id;
    const p = patch(raw.patch);
    return p.ok ? valid({ id: id.value.id, patch: p.value }) : p;
  },
  'entries:remove': entryId,
  'entries:undo-remove': entryId,
  'entries:reorder': entryIds,
  'codes:current': noPayload,
  'codes:copy': entryId,
  'codes:next-hotp': entryId,
  'codes:preview': previewInput,
  'settings:get': noPayload,
  'settings:update': settingsPatch,
  'app:activity': noPayload,
};
