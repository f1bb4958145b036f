// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * In-app importing behind the `imports:*` channels: one review at a time, holding the accounts found
 * (with their secrets) in main until the user adds the ticked ones or closes it.
 *
 * - QR sources (image files, the clipboard's screenshot, the screens, pasted links) add to an open
 *   QR review, so the parts of a Google Authenticator export can come from several scans; the
 *   batch tracker names the parts still missing, and a code seen twice counts once.
 * - An export file of another app, or a Tessera backup, starts a new review (the previous one's
 *   secrets are wiped). Encrypted files ask for their password; the file's bytes stay in main
 *   until the review ends.
 * - Adding is one all-or-nothing `add` on the vault brought up to date with the file. A restore
 *   that replaces the accounts adds first and removes the old ones after, so a failure never
 *   leaves the vault emptier.
 * - Everything done with a file's bytes or a file's password (recognising and parsing it, its own
 *   key derivation, a backup's Argon2id, a BMP's pixels) runs in the import runner: in the app, a
 *   worker thread with a capped heap (import-runner.ts). Main only orchestrates, so the window's
 *   codes, copies and locking go on while a large file is read.
 * - Cancel (`cancel()`, also on lock) stops the work running for a request at once (the worker is
 *   terminated); that request answers `cancelled` and nothing it found is kept.
 * - Closing, adding and locking wipe every staged secret and kept file. Nothing is logged.
 *
 * This module composes the parts: the request queue (import-requests.ts), what is staged
 * (import-staging.ts), the QR and file requests (import-qr-flow.ts, import-file-flow.ts) and the
 * commit (import-commit.ts).
 */
import type { ImportCode, ImportFormatInfo, ImportOutcome, ImportStep, RestoreMode } from '../domain';
import { IMPORT_FORMATS, type ImportFormatId } from '../import';
import { createQrDecodeWorker } from '../import/qr';
import type { Kdf, UnlockedVault, VaultEntry } from '../vault';
import type { DesktopPorts } from './desktop-ports';
import { commitTicked, type ImportCommitDeps } from './import-commit';
import { openPickedFiles, readDroppedFile, unlockPendingFile } from './import-file-flow';
import { pasteClipboard, readLinks, scanScreens, type ImportFlowDeps } from './import-qr-flow';
import { createImportRequests } from './import-requests';
import { candidateCodes } from './import-review';
import { defaultImportRunner, type ImportRunner } from './import-runner';
import type { QrDecoder } from './import-sources';
import { createImportStaging } from './import-staging';

export { SOURCE_NAMES } from './import-qr-flow';

export interface ImportServiceDeps {
  readonly desktop: DesktopPorts;
  /** Wall-clock milliseconds, for the preview codes. */
  readonly now: () => number;
  /** The accounts the user sees (deletions in their undo time left out). @throws VaultLockedError. */
  readonly shownEntries: () => readonly VaultEntry[];
  /** The open vault, first brought up to date with the file (a CLI change is not lost). */
  readonly openFresh: () => Promise<UnlockedVault>;
  /** After accounts were added or removed: tell the renderer, reschedule the codes. */
  readonly changed: () => void;
  /**
   * Argon2id for Tessera backups. Given one (a test's fast fake), the default runner reads files on
   * this thread with it (a function cannot be sent to a worker); without, the import worker runs its own.
   */
  readonly kdf?: Kdf | undefined;
  /** Default: a QR worker thread of this service's own. */
  readonly decoder?: (QrDecoder & { close(): Promise<void> }) | undefined;
  /** Where file jobs run; default: the import worker (see `kdf`). */
  readonly runner?: ImportRunner | undefined;
}

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService(deps: ImportServiceDeps) {
  const decoder = deps.decoder ?? createQrDecodeWorker();
  const runner = deps.runner ?? defaultImportRunner(deps.kdf);
  const shownEntries = (): readonly VaultEntry[] => deps.shownEntries();
  const requests = createImportRequests({ shownEntries, runner });
  const staging = createImportStaging(shownEntries);
  const flow: ImportFlowDeps = { desktop: deps.desktop, decoder, requests, staging };
  const restore: ImportCommitDeps = {
    requests,
    staging,
    openFresh: () => deps.openFresh(),
    changed: () => deps.changed(),
  };

  /** Stops the work of a request in progress and wipes every staged secret and kept file. */
  function end(): void {
    requests.stop();
    staging.wipe();
  }

  return {
    /**
     * The open dialog: images of QR codes (added to the QR review) or one export file, read as
     * `format` when the user chose one (after the detection failed, or up front).
     */
    openFiles(format?: ImportFormatId): Promise<ImportStep> {
      return openPickedFiles(flow, format);
    },
    /** A file dropped on the window; its name is a hint only, the bytes (or the chosen `format`) decide. */
    readFile(name: string, bytes: Uint8Array, format?: ImportFormatId): Promise<ImportStep> {
      return readDroppedFile(flow, name, bytes, format);
    },
    /** The formats of other apps' exports, from the importer registry, as the import dialog lists them. */
    formats(): ImportFormatInfo[] {
      return IMPORT_FORMATS.map((f) => ({ id: f.id, name: f.name }));
    },
    /** The clipboard: a copied screenshot, else copied account links. */
    paste(): Promise<ImportStep> {
      return pasteClipboard(flow);
    },
    /** Every display, captured at native resolution; [] (the sharing prompt closed) is a cancel. */
    scanScreen(): Promise<ImportStep> {
      return scanScreens(flow);
    },
    /** Pasted `otpauth://` / `otpauth-migration://` links, one or more. */
    readText(text: string): Promise<ImportStep> {
      return readLinks(flow, text);
    },
    /** The password of the encrypted file waiting for one. */
    filePassword(password: string): Promise<ImportStep> {
      return unlockPendingFile(flow, password);
    },
    /** Each candidate's current code (HOTP: at its stored counter); never a secret. */
    codes(): ImportCode[] {
      const review = staging.review();
      return review ? candidateCodes(review, deps.now()) : [];
    },
    /** Adds the ticked candidates in one save and ends the review; a failure adds nothing and keeps it. */
    commit(keys: readonly string[], mode: RestoreMode): Promise<ImportOutcome> {
      return commitTicked(restore, keys, mode);
    },
    /**
     * Ends the import: stops the work of a request in progress (it answers `cancelled` and keeps
     * nothing), ends the review or the password step, and wipes every staged secret and kept file.
     */
    cancel(): void {
      end();
    },
    /** On quit: stops any work and ends the QR and import workers. */
    async close(): Promise<void> {
      end();
      await Promise.all([decoder.close(), runner.close()]);
    },
  };
}
