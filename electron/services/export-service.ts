// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exports from the desktop app (`exports:*`): files in Tessera's, Aegis's, 2FAS's, Bitwarden's,
 * Ente Auth's, KeePassXC's and the otpauth-list formats (export-formats.ts), and QR codes (export-qr.ts: Google Authenticator transfer codes,
 * one code per account). Exports are the only way a secret leaves the main process, so an open
 * vault is not enough: each export needs the master password entered again within the last five
 * minutes. That entry may name a selection of accounts (one account: its QR code or file); the
 * session then exports those alone, in the order given. The QR text never leaves main: only its
 * PNG. The formats themselves are electron/export's, shared with the CLI.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import path from 'node:path';
import type { Clock, EntryId, ExportFileFormat, ExportQrKind, ExportQrView, ExportSaveResult } from '../domain';
import {
  exportEntries,
  formatCarriesPictures,
  type BackupVaultOptions,
  type ExportEntry,
  type ShownPicture,
} from '../export';
import type { StoredIcon } from '../vault/entry';
import { VaultError } from '../vault';
import type { DesktopPorts } from './desktop-ports';
import { FileWriteError, InvalidEntryError, NothingToExportError, PasswordRequiredError } from './errors';
import {
  checkExportPassword,
  defaultExportName,
  exportedCount,
  FILE_FORMATS,
  fileWarnings,
  writeExportFile,
} from './export-formats';
import { exportQrView } from './export-qr';

/** How long one entry of the master password allows exports. */
export const EXPORT_AUTH_SECONDS = 300;

/** An account as an export reads it: its id (to pick a selection) and what the formats write. */
export type ExportableEntry = ExportEntry & { readonly id: EntryId };

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
  readonly entries: () => readonly ExportableEntry[];
  /** KDF and parameters for a Tessera backup file: as strong as the vault's own. */
  readonly backupOptions: () => BackupVaultOptions;
  /**
   * The vault's custom icons (`UnlockedVault.icons()`), so a Tessera backup and an Aegis file carry
   * them; without it, exports carry no icon.
   */
  readonly vaultIcons?: () => ReadonlyMap<string, StoredIcon>;
  /**
   * The picture the lists show for an account (the icon resolver's), so an Aegis file also carries
   * bundled and pack icons; without it, Aegis gets custom icons only.
   */
  readonly shownPicture?: ShownPicture;
  readonly randomBytes?: (n: number) => Uint8Array;
}

export interface ExportService {
  /**
   * Checks the master password; exports are allowed for EXPORT_AUTH_SECONDS after. With `ids`, the
   * exports of this session hold those accounts only, in that order.
   */
  authorize(password: string, ids?: readonly EntryId[]): Promise<{ validForSeconds: number }>;
  /** Shows the save dialog and writes the file; encrypted formats need `exportPassword`. */
  save(format: ExportFileFormat, exportPassword?: string): Promise<ExportSaveResult>;
  /** One QR code of an export, as a PNG data URL. */
  qr(kind: ExportQrKind, index: number): Promise<ExportQrView>;
  /** Ends the authorisation at once (export window closed, vault locking). */
  end(): void;
}

const NO_ACCOUNTS = 'There are no accounts to export.';
const NONE_CHOSEN = 'Choose at least one account to export.';
const CHOSEN_GONE =
  'One of the chosen accounts is no longer in the vault (it may have been deleted). Choose the accounts again.';
const NONE_FITS = 'None of the accounts can be saved in this format. Choose another format.';

/**
 * Secrets copied out of the vault, so a save meanwhile (which replaces the vault's buffers) cannot
 * touch them; each with the picture of its icon where `format` carries one (export-entries.ts).
 */
function copyEntries(
  deps: ExportServiceDeps,
  entries: readonly ExportableEntry[],
  format: ExportFileFormat | null,
): ExportableEntry[] {
  const icons = format === null ? new Map<string, StoredIcon>() : (deps.vaultIcons?.() ?? new Map());
  const pictures = format !== null && formatCarriesPictures(format) ? deps.shownPicture : undefined;
  return exportEntries(entries, icons, pictures);
}

function wipeEntries(entries: readonly ExportEntry[]): void {
  for (const e of entries) e.secret.fill(0);
}

/** The authorisation that one entry of the master password gives. */
interface Authorization {
  /** Until when exports are allowed (clock milliseconds), or null when they are not. */
  until: number | null;
  /** Seeds the transfer codes' batch id for one authorisation. */
  batchSeed: Uint8Array | null;
  /** Bumped by `end()`: an authorisation finishing after a lock must not count. */
  epoch: number;
  /** The accounts chosen, in order; null for every account. */
  ids: readonly EntryId[] | null;
}

/**
 * The accounts of the session: all of them, or the chosen ones in the order chosen (one deleted
 * since the authorisation is left out).
 */
function selected(entries: readonly ExportableEntry[], ids: readonly EntryId[] | null): ExportableEntry[] {
  if (ids === null) return [...entries];
  const byId = new Map(entries.map((e) => [e.id, e]));
  return ids.map((id) => byId.get(id)).filter((e): e is ExportableEntry => e !== undefined);
}

/** The selection must name accounts the user sees, each once; nothing is checked for "every account". */
function checkSelection(entries: readonly ExportableEntry[], ids: readonly EntryId[] | undefined): void {
  if (ids === undefined) return;
  if (ids.length === 0) throw new InvalidEntryError('ids', NONE_CHOSEN);
  const known = new Set(entries.map((e) => e.id));
  if (!ids.every((id) => known.has(id)) || new Set(ids).size !== ids.length) {
    throw new InvalidEntryError('ids', CHOSEN_GONE);
  }
}

export function createExportService(deps: ExportServiceDeps): ExportService {
  const random = deps.randomBytes ?? nodeRandomBytes;
  const auth: Authorization = { until: null, batchSeed: null, epoch: 0, ids: null };

  function end(): void {
    auth.epoch++;
    auth.until = null;
    auth.batchSeed = null;
    auth.ids = null;
  }

  /** The session's accounts now (a copy of the chosen ones from the vault's current list). */
  const sessionEntries = (): ExportableEntry[] => selected(deps.entries(), auth.ids);

  function requireAuthorized(): Uint8Array {
    if (auth.until === null || auth.batchSeed === null || deps.clock.now() >= auth.until) {
      end();
      throw new PasswordRequiredError();
    }
    return auth.batchSeed;
  }

  async function save(format: ExportFileFormat, exportPassword?: string): Promise<ExportSaveResult> {
    requireAuthorized();
    const password = checkExportPassword(format, exportPassword);
    const shown = sessionEntries();
    if (shown.length === 0) throw new NothingToExportError(NO_ACCOUNTS);
    if (exportedCount(format, shown) === 0) throw new NothingToExportError(NONE_FITS);
    const file = await chooseFile(deps, format);
    if (file === null) return { status: 'cancelled' };
    // The dialog may have stayed open through a lock or past the time limit: check again.
    requireAuthorized();
    const entries = copyEntries(deps, sessionEntries(), format);
    try {
      await writeExportFile(format, entries, file, password, deps.backupOptions);
      const count = exportedCount(format, entries);
      return { status: 'saved', path: file, count, warnings: fileWarnings(format, entries) };
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

  return {
    async authorize(password, ids) {
      // A new attempt replaces any earlier authorisation: a wrong password leaves none.
      end();
      const started = auth.epoch;
      checkSelection(deps.entries(), ids);
      await deps.verifyPassword(password);
      if (auth.epoch !== started) throw new PasswordRequiredError();
      // Checked again after the KDF run: an account may have been deleted meanwhile.
      checkSelection(deps.entries(), ids);
      auth.until = deps.clock.now() + EXPORT_AUTH_SECONDS * 1000;
      auth.batchSeed = Uint8Array.from(random(4));
      auth.ids = ids === undefined ? null : [...ids];
      return { validForSeconds: EXPORT_AUTH_SECONDS };
    },
    save,
    async qr(kind: ExportQrKind, index: number): Promise<ExportQrView> {
      const seed = requireAuthorized();
      const entries = copyEntries(deps, sessionEntries(), null);
      try {
        if (entries.length === 0) throw new NothingToExportError(NO_ACCOUNTS);
        return await exportQrView(kind, entries, index, seed);
      } finally {
        wipeEntries(entries);
      }
    },
    end,
  };
}

/** The save dialog for `format`: the chosen file (never the vault itself), or null when cancelled. */
async function chooseFile(deps: ExportServiceDeps, format: ExportFileFormat): Promise<string | null> {
  const spec = FILE_FORMATS[format];
  const chosen = await deps.desktop.pickSavePath({
    title: spec.title,
    defaultName: defaultExportName(format, deps.clock.now()),
    filters: [spec.filter],
  });
  if (chosen === null) return null;
  const file = path.resolve(chosen);
  if (file === path.resolve(deps.vaultPath)) {
    throw new InvalidEntryError('path', 'That is your vault file. Choose another name for the export.');
  }
  return file;
}
