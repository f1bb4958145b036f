// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exports from the desktop app (`exports:*`): files in Tessera's, Aegis's and the otpauth-list
 * formats, and QR codes (Google Authenticator transfer codes, one code per account). Exports are
 * the only way a secret leaves the main process, so each needs the master password entered again
 * within the last five minutes (ARCHITECTURE.md §1). The QR text never leaves main: only its PNG.
 * The formats themselves are electron/export's, shared with the CLI.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import path from 'node:path';
import {
  MIN_PASSWORD_LENGTH,
  missingCaseError,
  type Clock,
  type ExportFileFormat,
  type ExportQrKind,
  type ExportQrView,
  type ExportSaveResult,
} from '../domain';
import {
  entryUris,
  exportAegisEncrypted,
  exportAegisPlain,
  exportLabel,
  exportMigration,
  exportUriList,
  qrPng,
  writeTesseraBackup,
  type BackupVaultOptions,
  type ExportEntry,
} from '../export';
import { VaultError } from '../vault';
import { writeFileAtomic } from './atomic-write';
import type { DesktopPorts, FileFilter } from './desktop-ports';
import {
  ExportPasswordError,
  FileWriteError,
  InvalidEntryError,
  NothingToExportError,
  PasswordRequiredError,
} from './errors';

/** How long one entry of the master password allows exports. */
export const EXPORT_AUTH_SECONDS = 300;

export interface ExportServiceDeps {
  readonly clock: Clock;
  readonly desktop: Pick<DesktopPorts, 'pickSavePath'>;
  /** The vault file: an export never replaces it. */
  readonly vaultPath: string;
  /**
   * Checks the master password (a full KDF run).
   * @throws VaultError `wrong-password-or-tampered`; VaultLockedError when locked.
   */
  readonly verifyPassword: (password: string) => Promise<void>;
  /** The accounts the user sees (deletions within their undo time left out); throws when locked. */
  readonly entries: () => readonly ExportEntry[];
  /** KDF and parameters for a Tessera backup file: as strong as the vault's own. */
  readonly backupOptions: () => BackupVaultOptions;
  readonly randomBytes?: (n: number) => Uint8Array;
}

export interface ExportService {
  /** Checks the master password; exports are allowed for EXPORT_AUTH_SECONDS after. */
  authorize(password: string): Promise<{ validForSeconds: number }>;
  /** Shows the save dialog and writes the file; encrypted formats need `exportPassword`. */
  save(format: ExportFileFormat, exportPassword?: string): Promise<ExportSaveResult>;
  /** One QR code of an export, as a PNG data URL. */
  qr(kind: ExportQrKind, index: number): Promise<ExportQrView>;
  /** Ends the authorisation at once (export window closed, vault locking). */
  end(): void;
}

/** How each file format is offered in the save dialog and whether it takes a password. */
interface FileFormatSpec {
  readonly title: string;
  readonly baseName: string;
  readonly filter: FileFilter;
  readonly encrypted: boolean;
}

const JSON_FILTER: FileFilter = { name: 'Aegis vault (JSON)', extensions: ['json'] };

const FILE_FORMATS: Readonly<Record<ExportFileFormat, FileFormatSpec>> = {
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

const NO_ACCOUNTS = 'There are no accounts to export.';
const STEAM_LINK = 'few apps other than Tessera read Steam Guard accounts from otpauth:// links';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `tessera-backup-2024-01-31.tessera`: the user's local date, as they would name it. */
export function defaultExportName(format: ExportFileFormat, now: number): string {
  const d = new Date(now);
  const spec = FILE_FORMATS[format];
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${spec.baseName}-${date}.${spec.filter.extensions[0] ?? 'txt'}`;
}

/** The export password the format needs, or null for a plain format; refuses anything else. */
function checkExportPassword(format: ExportFileFormat, password: string | undefined): string | null {
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
function labelOf(entry: ExportEntry, index: number): string {
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

function fileWarnings(format: ExportFileFormat, entries: readonly ExportEntry[]): string[] {
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

/** Secrets copied out of the vault, so a save meanwhile (which replaces the vault's buffers) cannot touch them. */
function copyEntries(entries: readonly ExportEntry[]): ExportEntry[] {
  return entries.map((e) => ({ ...e, secret: Uint8Array.from(e.secret) }));
}

function wipeEntries(entries: readonly ExportEntry[]): void {
  for (const e of entries) e.secret.fill(0);
}

/** Writes UTF-8 export bytes through the atomic 0600 writer, then wipes them. */
async function writeText(file: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFileAtomic(file, new TextDecoder().decode(bytes));
  } finally {
    bytes.fill(0);
  }
}

/** One QR code's content before it is drawn. `text` holds secrets and stays in main. */
interface QrPlan {
  readonly count: number;
  readonly title: string;
  readonly accounts: readonly string[];
  readonly text: string;
  readonly warnings: readonly string[];
}

function checkIndex(index: number, count: number): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= count) {
    throw new InvalidEntryError('index', `There is no QR code ${index + 1}: this export has ${count}.`);
  }
}

/** Transfer code `index`; the batch id comes from `seed`, so every code of one export belongs to one batch. */
function migrationPlan(entries: readonly ExportEntry[], index: number, seed: Uint8Array): QrPlan {
  const result = exportMigration(entries, () => Uint8Array.from(seed));
  const warnings = result.warnings.map((w) => `${w.label || `Account ${w.index + 1}`}: ${w.reason}`);
  if (result.uris.length === 0) {
    throw new NothingToExportError(
      'None of your accounts can travel in a Google Authenticator transfer code. Show one QR code per account instead.',
    );
  }
  const count = result.uris.length;
  checkIndex(index, count);
  return {
    count,
    title: `Transfer code ${index + 1} of ${count}`,
    accounts: (result.carried[index] ?? []).map((i) => labelOf(entries[i] as ExportEntry, i)),
    text: result.uris[index] ?? '',
    warnings,
  };
}

function entryPlan(entries: readonly ExportEntry[], index: number): QrPlan {
  checkIndex(index, entries.length);
  const entry = entries[index] as ExportEntry;
  const label = labelOf(entry, index);
  return {
    count: entries.length,
    title: label,
    accounts: [label],
    text: entryUris([entry])[0] ?? '',
    warnings: entry.type === 'steam' ? [`${label}: ${STEAM_LINK}`] : [],
  };
}

function qrPlan(kind: ExportQrKind, entries: readonly ExportEntry[], index: number, seed: Uint8Array): QrPlan {
  switch (kind) {
    case 'migration':
      return migrationPlan(entries, index, seed);
    case 'entry':
      return entryPlan(entries, index);
    default:
      throw missingCaseError(kind);
  }
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const random = deps.randomBytes ?? nodeRandomBytes;
  let authorizedUntil: number | null = null;
  /** Seeds the transfer codes' batch id for one authorisation. */
  let batchSeed: Uint8Array | null = null;
  /** Bumped by `end()`: an authorisation finishing after a lock must not count. */
  let epoch = 0;

  function end(): void {
    epoch++;
    authorizedUntil = null;
    batchSeed = null;
  }

  function requireAuthorized(): Uint8Array {
    if (authorizedUntil === null || batchSeed === null || deps.clock.now() >= authorizedUntil) {
      end();
      throw new PasswordRequiredError();
    }
    return batchSeed;
  }

  async function write(
    format: ExportFileFormat,
    entries: readonly ExportEntry[],
    file: string,
    password: string | null,
  ): Promise<void> {
    switch (format) {
      case 'tessera':
        // The save dialog already asked before replacing a file.
        return writeTesseraBackup(entries, file, password ?? '', { ...deps.backupOptions(), overwrite: true });
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

  async function save(format: ExportFileFormat, exportPassword?: string): Promise<ExportSaveResult> {
    requireAuthorized();
    const password = checkExportPassword(format, exportPassword);
    if (deps.entries().length === 0) throw new NothingToExportError(NO_ACCOUNTS);
    const spec = FILE_FORMATS[format];
    const chosen = await deps.desktop.pickSavePath({
      title: spec.title,
      defaultName: defaultExportName(format, deps.clock.now()),
      filters: [spec.filter],
    });
    if (chosen === null) return { status: 'cancelled' };
    const file = path.resolve(chosen);
    if (file === path.resolve(deps.vaultPath)) {
      throw new InvalidEntryError('path', 'That is your vault file. Choose another name for the export.');
    }
    // The dialog may have stayed open through a lock or past the time limit: check again.
    requireAuthorized();
    const entries = copyEntries(deps.entries());
    try {
      await write(format, entries, file, password);
      return { status: 'saved', path: file, count: entries.length, warnings: fileWarnings(format, entries) };
    } catch (error) {
      if (error instanceof VaultError) throw error;
      const code = (error as NodeJS.ErrnoException | null)?.code ?? 'error';
      throw new FileWriteError(`Cannot save ${path.basename(file)} there (${code}). Choose another folder.`, {
        cause: error,
      });
    } finally {
      wipeEntries(entries);
    }
  }

  async function qr(kind: ExportQrKind, index: number): Promise<ExportQrView> {
    const seed = requireAuthorized();
    const entries = copyEntries(deps.entries());
    try {
      if (entries.length === 0) throw new NothingToExportError(NO_ACCOUNTS);
      const plan = qrPlan(kind, entries, index, seed);
      const png = await qrPng(plan.text);
      const image = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
      png.fill(0);
      return { index, count: plan.count, title: plan.title, accounts: plan.accounts, image, warnings: plan.warnings };
    } finally {
      wipeEntries(entries);
    }
  }

  return {
    async authorize(password) {
      // A new attempt replaces any earlier authorisation: a wrong password leaves none.
      end();
      const started = epoch;
      await deps.verifyPassword(password);
      if (epoch !== started) throw new PasswordRequiredError();
      authorizedUntil = deps.clock.now() + EXPORT_AUTH_SECONDS * 1000;
      batchSeed = Uint8Array.from(random(4));
      return { validForSeconds: EXPORT_AUTH_SECONDS };
    },
    save,
    qr,
    end,
  };
}
