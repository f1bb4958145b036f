// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The validators of the payloads that bring accounts in and take them out (validators.ts lists them
 * by channel): a format to read a file as, a dropped file, pasted text, the candidates to add, and
 * an export's authorisation (with its selection), format and QR code. Shapes, lengths and enums only.
 */
import {
  EXPORT_FILE_FORMATS,
  isExportFileFormat,
  isExportQrKind,
  isImportFormatId,
  isRestoreMode,
  type ExportFileFormat,
  type ExportQrKind,
  type ImportFormatId,
  type RestoreMode,
} from '../domain';
import {
  entryIdList,
  invalid,
  isRecord,
  KEY_RE,
  LIMITS,
  onlyKeys,
  str,
  valid,
  type Validation,
} from './payload-fields';

/** A format id from the importers' list, nothing else (default-deny); undefined when absent. */
function importFormat(raw: Record<string, unknown>): ImportFormatId | undefined | Error {
  const format = raw.format;
  if (format === undefined) return undefined;
  return isImportFormatId(format) ? format : new Error("'format' is not a format Tessera reads");
}

export function openFilesPayload(raw: unknown): Validation<{ format: ImportFormatId } | null> {
  if (raw === null || raw === undefined) return valid(null);
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['format']);
  if (extra) return invalid(extra);
  const format = importFormat(raw);
  if (format === undefined) return invalid("'format' is missing");
  return format instanceof Error ? invalid(format.message) : valid({ format });
}

export function droppedFile(raw: unknown): Validation<{ name: string; bytes: Uint8Array; format?: ImportFormatId }> {
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

export function pastedText(raw: unknown): Validation<{ text: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['text']);
  if (extra) return invalid(extra);
  const text = str(raw, 'text', LIMITS.pastedText, true);
  return text instanceof Error ? invalid(text.message) : valid({ text: text as string });
}

export function commitPayload(raw: unknown): Validation<{ keys: readonly string[]; mode: RestoreMode }> {
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

/** The master password and, for a selection, the accounts to export (at least one); neither is quoted back. */
export function exportAuthorize(raw: unknown): Validation<{ password: string; ids?: readonly string[] }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['password', 'ids']);
  if (extra) return invalid(extra);
  const password = str(raw, 'password', LIMITS.password, true);
  if (password instanceof Error) return invalid(password.message);
  const ids = entryIdList(raw, 'ids', 1);
  if (ids instanceof Error) return invalid(ids.message);
  return valid(ids === undefined ? { password: password as string } : { password: password as string, ids });
}

export function exportSave(raw: unknown): Validation<{ format: ExportFileFormat; exportPassword?: string }> {
  if (!isRecord(raw)) return invalid('Expected an object');
  const extra = onlyKeys(raw, ['format', 'exportPassword']);
  if (extra) return invalid(extra);
  const format = raw.format;
  if (!isExportFileFormat(format)) return invalid(`'format' must be one of ${EXPORT_FILE_FORMATS.join(', ')}`);
  const exportPassword = str(raw, 'exportPassword', LIMITS.password, false);
  if (exportPassword instanceof Error) return invalid(exportPassword.message);
  return valid(exportPassword === undefined ? { format } : { format, exportPassword });
}

export function exportQr(raw: unknown): Validation<{ kind: ExportQrKind; index: number }> {
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
