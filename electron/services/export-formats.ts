// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The export file formats as the desktop app offers them: how each appears in the save dialog,
 * whether it takes a password, what it cannot carry (said as warnings), and how it is written.
 * The formats themselves are electron/export's, shared with the CLI; export-service.ts decides
 * when an export is allowed.
 */
import { MIN_PASSWORD_LENGTH, missingCaseError, type ExportFileFormat } from '../domain';
import {
  exportAegisEncrypted,
  exportAegisPlain,
  exportLabel,
  exportUriList,
  writeTesseraBackup,
  type BackupVaultOptions,
  type ExportEntry,
} from '../export';
import type { FileFilter } from './desktop-ports';
import { ExportPasswordError } from './errors';
import { writePrivateFile } from '../vault';

/** How each file format is offered in the save dialog and whether it takes a password. */
export interface FileFormatSpec {
  readonly title: string;
  readonly baseName: string;
  readonly filter: FileFilter;
  readonly encrypted: boolean;
}

const JSON_FILTER: FileFilter = { name: 'Aegis vault (JSON)', extensions: ['json'] };

export const FILE_FORMATS: Readonly<Record<ExportFileFormat, FileFormatSpec>> = {
  tessera: {
    title: 'Save a Tessera backup',
    baseName: 'tessera-backup',
    filter: { name: 'Tessera backup', extensions: ['tessera'] },
    encrypted: true,
  },
  aegis: { title: 'Save an encrypted Aegis vault', baseName: 'aegis-export', filter: JSON_FILTER, encrypted: true },
  'aegis-plain': {
    title: 'Save an unencrypted Aegis vault',
    baseName: 'aegis-export-plain',
    filter: JSON_FILTER,
    encrypted: false,
  },
  'uri-list': {
    title: 'Save otpauth:// links',
    baseName: 'otpauth-links',
    filter: { name: 'Text file', extensions: ['txt'] },
    encrypted: false,
  },
};

export const STEAM_LINK = 'few apps other than Tessera read Steam Guard accounts from otpauth:// links';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `tessera-backup-2024-01-31.tessera`: the user's local date, as they would name it. */
export function defaultExportName(format: ExportFileFormat, now: number): string {
  const d = new Date(now);
  const spec = FILE_FORMATS[format];
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${spec.baseName}-${date}.${spec.filter.extensions[0] ?? 'txt'}`;
}

/** The export password the format needs, or null for a plain format; refuses anything else. */
export function checkExportPassword(format: ExportFileFormat, password: string | undefined): string | null {
  if (!FILE_FORMATS[format].encrypted) {
    // A password for a plain file means the caller believes it is encrypted: say it is not.
    if (password !== undefined && password !== '') {
      throw new ExportPasswordError('This format is not encrypted and takes no password. Nothing was saved.');
    }
    return null;
  }
  if (password === undefined || password === '') {
    throw new ExportPasswordError('Choose a password for the encrypted export.');
  }
  if (format === 'tessera' && password.length < MIN_PASSWORD_LENGTH) {
    throw new ExportPasswordError(`Choose a backup password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return password;
}

/** The label a warning or a QR title uses; never empty. */
export function labelOf(entry: ExportEntry, index: number): string {
  return exportLabel(entry) || `Account ${index + 1}`;
}

/** Entries a list of `otpauth://` links cannot carry faithfully. */
function linkWarnings(entries: readonly ExportEntry[]): string[] {
  const warnings = entries.flatMap((e, i) => (e.type === 'steam' ? [`${labelOf(e, i)}: ${STEAM_LINK}`] : []));
  const extras = entries.filter((e) => (e.group ?? '') !== '' || (e.notes ?? '') !== '' || e.favourite === true);
  if (extras.length > 0) {
    const who = extras.length === 1 ? '1 account loses its' : `${extras.length} accounts lose their`;
    warnings.push(`Groups, notes and favourites are not part of otpauth:// links: ${who} here.`);
  }
  return warnings;
}

/** What the saved file leaves out, for the user. */
export function fileWarnings(format: ExportFileFormat, entries: readonly ExportEntry[]): string[] {
  switch (format) {
    case 'tessera':
    case 'aegis':
    case 'aegis-plain':
      return []; // each carries every field Tessera has
    case 'uri-list':
      return linkWarnings(entries);
    default:
      throw missingCaseError(format);
  }
}

/** Writes the export's bytes through the private-file writer (never as a JS string), then wipes them. */
async function writeText(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writePrivateFile(file, bytes, { createFolder: true });
  } finally {
    bytes.fill(0);
  }
}

/** Writes `entries` to `file` in `format`; `password` is checkExportPassword's answer. */
export async function writeExportFile(
  format: ExportFileFormat,
  entries: readonly ExportEntry[],
  file: string,
  password: string | null,
  backupOptions: () => BackupVaultOptions,
): Promise<void> {
  switch (format) {
    case 'tessera':
      // The save dialog already asked before replacing a file.
      return writeTesseraBackup(entries, file, password ?? '', { ...backupOptions(), overwrite: true });
    case 'aegis':
      return writeText(file, await exportAegisEncrypted(entries, password ?? ''));
    case 'aegis-plain':
      return writeText(file, exportAegisPlain(entries));
    case 'uri-list':
      return writeText(file, exportUriList(entries));
    default:
      throw missingCaseError(format);
  }
}
