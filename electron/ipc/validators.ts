// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One validator per invoke channel: the raw payload from the renderer is `unknown` until it passes
 * here. Checks shapes, lengths, enums and id formats only; business rules (digits range, base32)
 * belong to the services, which name the field themselves.
 */
import {
  ENTRY_LIMITS,
  isExportFileFormat,
  isExportQrKind,
  isImportFormatId,
  isOtpAlgorithm,
  isOtpType,
  isRestoreMode,
  type CodePreviewInput,
  type EntryPatch,
  type ExportFileFormat,
  type ExportQrKind,
  type ImportFormatId,
  type NewEntryInput,
  type RestoreMode,
  type SettingsPatch,
} from '../domain';
import { checkSettingsPatch } from '../services/settings';
import type { InvokeChannel, RequestOf } from './contract';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type Validators = { readonly [C in InvokeChannel]: (raw: unknown) => Validation<RequestOf<C>> };

/**
 * Upper bounds that stop a hostile renderer from sending megabytes into a KDF or a parser. What the
 * vault also bounds comes from its table (ENTRY_LIMITS), so a value the vault stores always passes;
 * the rest is the wire's own.
 */
export const LIMITS = Object.freeze({
  password: 1024,
  /** Issuer, account and group (the group's shorter bound is the entry validator's, which names the field). */
  text: ENTRY_LIMITS.nameMaxLength,
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
});

const KEY_RE = /^[a-z0-9-]{1,16}$/;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

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
  if (!isOtpType(raw.type)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !isOtpAlgorithm(raw.algorithm)) {
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
  if (!isOtpType(raw.type)) return invalid("'type' must be totp, hotp or steam");
  if (raw.algorithm !== undefined && !isOtpAlgorithm(raw.algorithm)) {
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
  if (!checked.ok) return invalid(checked.message);
  // Another backup folder is chosen in main's folder dialog, never named by the renderer.
  if (checked.value.backupFolder !== undefined && checked.value.backupFolder !== '') {
    return invalid("'backupFolder' can only be reset; choose a folder with the folder dialog");
  }
  // Only a measured offset may become the correction (`clock:use-corrected`), never a number from the renderer.
  if (checked.value.clockCorrection !== undefined) {
    return invalid("'clockCorrection' is set with “Use the corrected time”, not as a setting");
  }
  return valid(checked.value);
}

/** A format id from the importers' list, nothing else (default-deny); undefined when absent. */
function importFormat(raw: Record<string, unknown>): ImportFormatId | undefined | Error {
  const format = raw.format;
  if (format === undefined) return undefined;
  return isImportFormatId(format) ? format : new Error("'format' is not a format Tessera reads");
}

function openFilesPayload(raw: unknown): Validation<{ format: ImportFormatId } | null> {
  if (raw === null || raw === undefined) return valid(null);
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['format']);
  if (extra) return invalid(extra);
  const format = importFormat(raw);
  if (format === undefined) return invalid("'format' is missing");
  return format instanceof Error ? invalid(format.message) : valid({ format });
}

function droppedFile(raw: unknown): Validation<{ name: string; bytes: Uint8Array; format?: ImportFormatId }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['name', 'bytes', 'format']);
  if (extra) return invalid(extra);
  const name = str(raw, 'name', LIMITS.fileName, true);
  if (name instanceof Error) return invalid(name.message);
  if (!(raw.bytes instanceof Uint8Array)) return invalid("'bytes' must be the file's bytes");
  if (raw.bytes.byteLength > LIMITS.fileBytes) {
    return invalid(`The file is larger than ${LIMITS.fileBytes / 1024 / 1024} MiB`);
  }
  const format = importFormat(raw);
  if (format instanceof Error) return invalid(format.message);
  return valid(
    format === undefined
      ? { name: name as string, bytes: raw.bytes }
      : { name: name as string, bytes: raw.bytes, format },
  );
}

function pastedText(raw: unknown): Validation<{ text: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['text']);
  if (extra) return invalid(extra);
  const text = str(raw, 'text', LIMITS.pastedText, true);
  return text instanceof Error ? invalid(text.message) : valid({ text: text as string });
}

function commitPayload(raw: unknown): Validation<{ keys: readonly string[]; mode: RestoreMode }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['keys', 'mode']);
  if (extra) return invalid(extra);
  const keys = raw.keys;
  if (!Array.isArray(keys) || keys.length > LIMITS.entries) return invalid("'keys' must be a list of review keys");
  if (!keys.every((k): k is string => typeof k === 'string' && KEY_RE.test(k))) {
    return invalid("'keys' holds something that is not a review key");
  }
  if (new Set(keys).size !== keys.length) return invalid("'keys' lists a candidate twice");
  if (!isRestoreMode(raw.mode)) return invalid("'mode' must be merge or replace");
  return valid({ keys: [...keys], mode: raw.mode });
}

function exportSave(raw: unknown): Validation<{ format: ExportFileFormat; exportPassword?: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['format', 'exportPassword']);
  if (extra) return invalid(extra);
  const format = raw.format;
  if (!isExportFileFormat(format)) return invalid("'format' must be tessera, aegis, aegis-plain or uri-list");
  const exportPassword = str(raw, 'exportPassword', LIMITS.password, false);
  if (exportPassword instanceof Error) return invalid(exportPassword.message);
  return valid(exportPassword === undefined ? { format } : { format, exportPassword });
}

function exportQr(raw: unknown): Validation<{ kind: ExportQrKind; index: number }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['kind', 'index']);
  if (extra) return invalid(extra);
  const kind = raw.kind;
  if (!isExportQrKind(kind)) return invalid("'kind' must be migration or entry");
  const index = raw.index;
  if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= LIMITS.entries) {
    return invalid("'index' must be a whole number from 0");
  }
  return valid({ kind, index });
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
  'imports:open-files': openFilesPayload,
  'imports:read-file': droppedFile,
  'imports:paste': noPayload,
  'imports:scan-screen': noPayload,
  'imports:read-text': pastedText,
  'imports:file-password': passwordPayload,
  'imports:codes': noPayload,
  'imports:commit': commitPayload,
  'imports:cancel': noPayload,
  'imports:formats': noPayload,
  'exports:authorize': passwordPayload,
  'exports:save': exportSave,
  'exports:qr': exportQr,
  'exports:end': noPayload,
  'backups:status': noPayload,
  'backups:choose-folder': noPayload,
  'backups:use-default-folder': noPayload,
  'backups:run-now': noPayload,
  'clock:status': noPayload,
  'clock:check': noPayload,
  'clock:use-corrected': noPayload,
  'clock:use-system': noPayload,
};
