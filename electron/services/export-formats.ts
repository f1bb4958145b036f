// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The export file formats as the desktop app offers them: how each appears in the save dialog,
 * whether it takes a password, what it cannot carry (said as warnings), and how it is written.
 * The formats themselves are electron/export's; the CLI uses the warnings, counts and bytes here too.
 * export-service.ts decides when an export is allowed.
 */
import { ENTRY_LIMITS, MIN_PASSWORD_LENGTH, missingCaseError, type ExportFileFormat } from '../domain';
import {
  bitwardenWarnings,
  enteWarnings,
  exportAegisEncrypted,
  exportAegisPlain,
  exportBitwarden,
  exportEnte,
  exportKeePass,
  exportLabel,
  exportTwoFasEncrypted,
  exportTwoFasPlain,
  exportUriList,
  twoFasLosses,
  twoFasProblem,
  twoFasWarnings,
  writeTesseraBackup,
  type BackupVaultOptions,
  type ExportEntry,
  type ExportWarning,
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
const TWO_FAS_FILTER: FileFilter = { name: '2FAS backup', extensions: ['2fas'] };

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
  '2fas': {
    title: 'Save an encrypted 2FAS backup',
    baseName: '2fas-backup',
    filter: TWO_FAS_FILTER,
    encrypted: true,
  },
  '2fas-plain': {
    title: 'Save an unencrypted 2FAS backup',
    baseName: '2fas-backup-plain',
    filter: TWO_FAS_FILTER,
    encrypted: false,
  },
  bitwarden: {
    title: 'Save a Bitwarden export (unencrypted JSON)',
    baseName: 'bitwarden-export',
    filter: { name: 'Bitwarden export (JSON)', extensions: ['json'] },
    encrypted: false,
  },
  ente: {
    title: 'Save an Ente Auth export (unencrypted text)',
    baseName: 'ente-auth-codes',
    filter: { name: 'Text file', extensions: ['txt'] },
    encrypted: false,
  },
  keepass: {
    title: 'Save a KeePassXC database',
    baseName: 'tessera-keepass',
    filter: { name: 'KeePass database', extensions: ['kdbx'] },
    encrypted: true,
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

/** "N accounts lose their" / "1 account loses its": the subject of a warning about several entries. */
function losers(count: number): string {
  return count === 1 ? '1 account loses its' : `${count} accounts lose their`;
}

/** Entries a list of `otpauth://` links cannot carry faithfully. */
function linkWarnings(entries: readonly ExportEntry[]): string[] {
  const warnings = entries.flatMap((e, i) => (e.type === 'steam' ? [`${labelOf(e, i)}: ${STEAM_LINK}`] : []));
  const extras = entries.filter(
    (e) => (e.tags ?? []).length > 0 || (e.notes ?? '') !== '' || e.favourite === true || e.iconImage !== undefined,
  );
  if (extras.length > 0) {
    warnings.push(`Tags, notes, favourites and icons are not part of otpauth:// links: ${losers(extras.length)} here.`);
  }
  return warnings;
}

/** How many accounts have more than one tag: the formats that keep one folder or group per account. */
const severalTags = (entries: readonly ExportEntry[]): number =>
  entries.filter((e) => (e.tags ?? []).length > 1).length;

/** "2FAS keeps one group per account: the first tag is used (3 accounts have more)." */
function firstTagWarning(app: string, kind: string, entries: readonly ExportEntry[]): string[] {
  const count = severalTags(entries);
  if (count === 0) return [];
  const who = count === 1 ? '1 account has more' : `${count} accounts have more`;
  return [`${app} keeps one ${kind} per account: the first tag is used (${who}).`];
}

/** How many accounts have a custom or bundled icon picture the format leaves out. */
function iconWarning(app: string, entries: readonly ExportEntry[]): string[] {
  const count = entries.filter((e) => e.iconImage !== undefined && e.icon?.kind === 'custom').length;
  if (count === 0) return [];
  return [`${app} does not take icons from a file: ${losers(count)} custom icon here.`];
}

/** The warnings of an exporter, as lines for the user: "Issuer (account): reason". */
function perEntry(entries: readonly ExportEntry[], warnings: readonly ExportWarning[]): string[] {
  return warnings.map((w) => `${labelOf(entries[w.index] as ExportEntry, w.index)}: ${w.reason}`);
}

/** What a 2FAS backup leaves out or shows differently (docs/formats.md §3). */
function twoFasFileWarnings(entries: readonly ExportEntry[]): string[] {
  const warnings = perEntry(entries, twoFasWarnings(entries));
  warnings.push(
    ...firstTagWarning(
      '2FAS',
      'group',
      entries.filter((e) => twoFasProblem(e) === null),
    ),
  );
  const { metadata, unnamed } = twoFasLosses(entries);
  if (metadata > 0) warnings.push(`Notes and favourites are not part of a 2FAS backup: ${losers(metadata)} here.`);
  if (unnamed > 0) {
    const who = unnamed === 1 ? '1 account without an issuer is' : `${unnamed} accounts without an issuer are`;
    warnings.push(`2FAS names every account after its service: ${who} named after the account name.`);
  }
  return warnings;
}

/**
 * A tag KeePass would read differently: split into several at a `,` or `;` (KeePass 2, KeePassXC)
 * or `:` (KeePassXC, keepassxreboot/keepassxc src/core/Entry.cpp), or taken for the favourite mark.
 */
export function keePassTagProblem(tag: string): string | null {
  if (/[,;:]/.test(tag)) return `KeePassXC splits the tag “${tag}” into several at its commas, semicolons and colons`;
  if (/^favou?rite$/i.test(tag)) return `KeePassXC takes the tag “${tag}” for its favourite mark`;
  return null;
}

/**
 * What KeePassXC shows differently (its `Totp::parseSettings` and `generateTotp`): it makes a
 * time-based code from any otpauth:// link, bounds the period to 60 seconds, and cannot compute
 * 10-digit codes (10^10 does not fit its 32-bit modulus).
 */
export function keepassWarnings(entries: readonly ExportEntry[]): ExportWarning[] {
  return entries.flatMap((e, index) => {
    const label = exportLabel(e);
    const reasons: string[] = [];
    if (e.type === 'hotp') {
      reasons.push(
        'KeePassXC makes only time-based codes: the otpauth:// link, counter included, is kept in the entry, ' +
          'but the codes KeePassXC shows for it are wrong',
      );
    }
    if (e.type === 'totp' && (e.period ?? ENTRY_LIMITS.defaultPeriod) > 60) {
      reasons.push(`KeePassXC uses periods of at most 60 seconds and would show wrong codes for ${e.period} s`);
    }
    if (e.type !== 'steam' && e.digits > 9) {
      reasons.push(`KeePassXC cannot compute ${e.digits}-digit codes correctly`);
    }
    for (const tag of e.tags ?? []) {
      const problem = keePassTagProblem(tag);
      if (problem !== null) reasons.push(problem);
    }
    return reasons.map((reason) => ({ index, label, reason }));
  });
}

/** What the saved file leaves out, for the user. */
export function fileWarnings(format: ExportFileFormat, entries: readonly ExportEntry[]): string[] {
  switch (format) {
    case 'tessera':
    case 'aegis':
    case 'aegis-plain':
      return []; // each carries every field Tessera has: tags (Aegis's groups) and icons included
    case '2fas':
    case '2fas-plain':
      return [...twoFasFileWarnings(entries), ...iconWarning('2FAS', entries)];
    case 'bitwarden':
      return [
        ...perEntry(entries, bitwardenWarnings(entries)),
        ...firstTagWarning('Bitwarden', 'folder', entries),
        ...iconWarning('Bitwarden', entries),
      ];
    case 'ente':
      return [...perEntry(entries, enteWarnings(entries)), ...iconWarning('Ente Auth', entries)];
    case 'keepass':
      return [...perEntry(entries, keepassWarnings(entries)), ...iconWarning('KeePassXC', entries)];
    case 'uri-list':
      return linkWarnings(entries);
    default:
      throw missingCaseError(format);
  }
}

/** How many of `entries` the file holds: all, except the accounts a 2FAS backup cannot hold. */
export function exportedCount(format: ExportFileFormat, entries: readonly ExportEntry[]): number {
  return format === '2fas' || format === '2fas-plain'
    ? entries.filter((e) => twoFasProblem(e) === null).length
    : entries.length;
}

/** Writes the export's bytes through the private-file writer (never as a JS string), then wipes them. */
async function writeText(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writePrivateFile(file, bytes, { createFolder: true });
  } finally {
    bytes.fill(0);
  }
}

/** The formats written as one file of bytes (a Tessera backup is written through the vault). */
export type ByteExportFormat = Exclude<ExportFileFormat, 'tessera'>;

/** The file's bytes in `format` (the app's and the CLI's); `password` is the export password of the encrypted formats. */
export async function exportFileBytes(
  format: ByteExportFormat,
  entries: readonly ExportEntry[],
  password: string,
): Promise<Uint8Array> {
  switch (format) {
    case 'aegis':
      return exportAegisEncrypted(entries, password);
    case 'aegis-plain':
      return exportAegisPlain(entries);
    case '2fas':
      return exportTwoFasEncrypted(entries, password);
    case '2fas-plain':
      return exportTwoFasPlain(entries);
    case 'bitwarden':
      return exportBitwarden(entries);
    case 'ente':
      return exportEnte(entries);
    case 'keepass':
      return exportKeePass(entries, password);
    case 'uri-list':
      return exportUriList(entries);
    default:
      throw missingCaseError(format);
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
  if (format === 'tessera') {
    // The save dialog already asked before replacing a file.
    return writeTesseraBackup(entries, file, password ?? '', { ...backupOptions(), overwrite: true });
  }
  return writeText(file, await exportFileBytes(format, entries, password ?? ''));
}
