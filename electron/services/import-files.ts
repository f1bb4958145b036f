// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export files of other apps and Tessera backups, read for the import review: either the accounts
 * they hold, or the need for their password (the file is then kept, locked, until the user types
 * it or the import ends). A Tessera backup is recognised by the vault file's magic and opened
 * in memory; its errors are told in words about a backup, not about "the vault".
 */
import { detectFormat, ImportError, importFile, importFormat, type ImportFormatId } from '../import';
import { UnknownFileFormatError } from './errors';
import type { ImportedEntry, ImportNotice, SkippedEntry } from '../import';
import { checkBackupBytes, isTesseraBackup, readBackupBytes } from '../export/tessera-backup';
import { VaultError, type Kdf } from '../vault';
import type { NamedFile } from './import-sources';

/** What the password step names a Tessera backup. */
export const BACKUP_FORMAT_NAME = 'Tessera backup';

/** An encrypted file waiting for its password. Whoever keeps it wipes its bytes when the import ends. */
export interface LockedFile extends NamedFile {
  readonly kind: 'export' | 'backup';
  /** The detected format of an export (so the password attempt does not detect again). */
  readonly format: ImportFormatId | undefined;
  /** "Aegis", "Tessera backup": shown on the password step. */
  readonly formatName: string;
}

/** What reading a file gives. Secrets in `entries` are fresh bytes owned by the caller. */
export type FileOutcome =
  | {
      readonly kind: 'accounts' | 'backup';
      readonly name: string;
      /** The format's name ("Aegis", "Tessera backup"). */
      readonly title: string;
      /** The format read; null for a Tessera backup. */
      readonly format: ImportFormatId | null;
      /** Which variant of the format was read (ImportResult.variant); null when the reader did not say. */
      readonly variant: string | null;
      readonly entries: ImportedEntry[];
      readonly skipped: SkippedEntry[];
      /** Accounts imported with something left out (an icon Tessera will not use). */
      readonly notices?: readonly ImportNotice[];
    }
  | { readonly kind: 'password'; readonly file: LockedFile; readonly wrongPassword: boolean };

/**
 * Reads an export or a backup without a password: its accounts, or a password step for an
 * encrypted one (a backup's structure is checked first, so a damaged one is refused at once).
 * `format` reads an export as that format instead of detecting it (a backup is still recognised by
 * its signature).
 * @throws UnknownFileFormatError when no importer recognises the file (the window then offers the
 *   format choice); ImportError for a file that cannot be imported (damaged, unsupported).
 */
export async function readExportFile(file: NamedFile, format?: ImportFormatId): Promise<FileOutcome> {
  if (isTesseraBackup(file.bytes)) {
    try {
      checkBackupBytes(file.bytes);
    } catch (error) {
      throw backupError(error);
    }
    return {
      kind: 'password',
      file: { ...file, kind: 'backup', format: undefined, formatName: BACKUP_FORMAT_NAME },
      wrongPassword: false,
    };
  }
  try {
    return accounts(file.name, await importFile(file.bytes, { fileName: file.name, format }));
  } catch (error) {
    if (error instanceof ImportError && error.kind === 'unknown-format') {
      throw new UnknownFileFormatError(file.name);
    }
    if (!(error instanceof ImportError && error.kind === 'password-required')) throw error;
    const found = format ?? detectFormat(file.bytes, file.name)?.format;
    const formatName = found ? importFormat(found).name : 'Encrypted file';
    return { kind: 'password', file: { ...file, kind: 'export', format: found, formatName }, wrongPassword: false };
  }
}

/**
 * Opens an encrypted file with `password`: its accounts, or the password step again when the
 * password is wrong. `kdf` is the Argon2id of a backup (default: the shared worker).
 * @throws ImportError for a file that opens but cannot be imported.
 */
export async function unlockExportFile(file: LockedFile, password: string, kdf?: Kdf): Promise<FileOutcome> {
  const wrong: FileOutcome = { kind: 'password', file, wrongPassword: true };
  if (password === '') return wrong;
  if (file.kind === 'backup') {
    try {
      const entries = await readBackupBytes(file.bytes, password, kdf ? { kdf } : {});
      return {
        kind: 'backup',
        name: file.name,
        title: BACKUP_FORMAT_NAME,
        format: null,
        variant: null,
        entries,
        skipped: [],
      };
    } catch (error) {
      if (error instanceof VaultError && error.kind === 'wrong-password-or-tampered') return wrong;
      throw backupError(error);
    }
  }
  try {
    return accounts(file.name, await importFile(file.bytes, { fileName: file.name, format: file.format, password }));
  } catch (error) {
    if (error instanceof ImportError && (error.kind === 'wrong-password' || error.kind === 'password-required')) {
      return wrong;
    }
    throw error;
  }
}

function accounts(name: string, result: Awaited<ReturnType<typeof importFile>>): FileOutcome {
  return {
    kind: 'accounts',
    name,
    title: importFormat(result.format).name,
    format: result.format,
    variant: result.variant,
    entries: result.entries,
    skipped: result.skipped,
    notices: result.notices ?? [],
  };
}

/** A backup that cannot be read, in words about a backup (the vault's own messages speak of "the vault"). */
function backupError(error: unknown): unknown {
  if (!(error instanceof VaultError)) return error;
  switch (error.kind) {
    case 'unsupported-version':
      return new ImportError(
        'unsupported',
        'This backup was made by a newer version of Tessera. Update Tessera to restore it.',
        { cause: error },
      );
    case 'payload-tampered':
      return new ImportError(
        'corrupt',
        'The password is right, but the backup was modified after it was saved. Restore another backup.',
        { cause: error },
      );
    case 'corrupt':
      if (error.reason === 'kdf-work-exceeded') {
        return new ImportError(
          'too-large',
          'This backup asks for more password work than Tessera ever writes: it is damaged or was made to slow ' +
            'Tessera down. Nothing was tried with your password; restore another backup.',
          { cause: error },
        );
      }
      return new ImportError('corrupt', 'This Tessera backup is damaged and cannot be read.', { cause: error });
    default:
      return error;
  }
}
