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
 */
import type { ImportCode, ImportFormatInfo, ImportOutcome, ImportStep, RestoreMode } from '../domain';
import { IMPORT_FORMATS, ImportError, toNewVaultEntry, type ImportedEntry, type ImportFormatId } from '../import';
import { collectQrCodes, createQrDecodeWorker, decodeImage, sniffImageFormat, type QrScan } from '../import/qr';
import { planRestore } from '../export/restore';
import { codeSnapshot } from '../otp';
import type { Kdf, UnlockedVault, VaultEntry } from '../vault';
import { isCancelled, WorkerError } from '../workers/worker-pool';
import type { DesktopPorts } from './desktop-ports';
import { ImportClosedError, InvalidEntryError } from './errors';
import type { FileOutcome, LockedFile } from './import-files';
import { imageOutcome, readOutcome, unlockOutcome, type ImportJob, type ImportJobReply } from './import-jobs';
import {
  addQrScan,
  fileReview,
  newQrReview,
  toImportReview,
  wipeReview,
  type ReviewState,
  type ScanKind,
  type StagedCandidate,
} from './import-review';
import { defaultImportRunner, describeWorkerFailure, type ImportRunner } from './import-runner';
import {
  baseName,
  checkFileSize,
  hasAccountLink,
  IMPORT_FILE_FILTERS,
  isImage,
  linkScan,
  readPickedFiles,
  scanDesktopImages,
  scanImageFiles,
  type ImageFileDecoder,
  type NamedFile,
  type QrDecoder,
} from './import-sources';

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

/** The names QR reviews give their sources. */
export const SOURCE_NAMES = Object.freeze({ clipboard: 'Clipboard', pastedLink: 'Pasted link' });

const CANCELLED: ImportStep = Object.freeze({ step: 'cancelled' });

export type ImportService = ReturnType<typeof createImportService>;

export function createImportService(deps: ImportServiceDeps) {
  const decoder = deps.decoder ?? createQrDecodeWorker();
  const runner = deps.runner ?? defaultImportRunner(deps.kdf);
  let review: ReviewState | null = null;
  /** An encrypted file waiting for its password (never at the same time as a review). */
  let pending: LockedFile | null = null;
  /** Bumped by cancel and lock: a request still running when it changes drops what it found. */
  let epoch = 0;
  /** Requests run one after another: two scans never interleave their updates. */
  let queue: Promise<unknown> = Promise.resolve();
  /** Stops the runner's job of the request in progress (Cancel, lock, quit). */
  let running: AbortController | null = null;

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** A request whose work Cancel stopped answers `cancelled` (or says the vault locked, when that was why). */
  function step(task: () => Promise<ImportStep>): Promise<ImportStep> {
    return serial(async () => {
      try {
        return await task();
      } catch (error) {
        if (!isCancelled(error)) throw error;
        deps.shownEntries();
        return CANCELLED;
      }
    });
  }

  /**
   * Runs one job of the request that began at `start` in the runner, where Cancel can stop it (a
   * Cancel that came first, while a file was still being picked or loaded, stops it before it
   * starts); a worker failure is told in words about the file.
   */
  async function work(job: ImportJob, fileName: string, start: number): Promise<ImportJobReply> {
    if (start !== epoch) throw new WorkerError('cancelled', 'The import was cancelled before its job started.');
    const controller = new AbortController();
    running = controller;
    try {
      return await runner.run(job, controller.signal);
    } catch (error) {
      throw describeWorkerFailure(error, fileName);
    } finally {
      if (running === controller) running = null;
    }
  }

  /** An export or backup read without a password, in the runner. */
  async function readFileJob(file: NamedFile, format: ImportFormatId | undefined, start: number): Promise<FileOutcome> {
    const job: ImportJob = { kind: 'read-file', name: file.name, bytes: file.bytes, format: format ?? null };
    return readOutcome(await work(job, file.name, start), file);
  }

  /** BMP is decoded by JavaScript (bmp-ts): in the runner. libvips decodes the rest off the event loop already. */
  function imageDecoder(start: number): ImageFileDecoder {
    return async (file) => {
      if (sniffImageFormat(file.bytes) !== 'bmp') return decodeImage(file.bytes);
      const job: ImportJob = { kind: 'decode-bmp', name: file.name, bytes: file.bytes };
      return imageOutcome(await work(job, file.name, start), file.name);
    };
  }

  function wipeAll(): void {
    if (review) wipeReview(review);
    pending?.bytes.fill(0);
    review = null;
    pending = null;
  }

  function view(): ImportStep {
    if (!review) throw new ImportClosedError();
    return { step: 'review', review: toImportReview(review, deps.shownEntries()) };
  }

  function passwordStep(wrongPassword: boolean): ImportStep {
    if (!pending) throw new ImportClosedError();
    return { step: 'password', fileName: pending.name, formatName: pending.formatName, wrongPassword };
  }

  /** A request that started before a cancel or lock: drop its finds (and say locked if it is). */
  function stale(start: number, found: readonly ImportedEntry[] = []): boolean {
    if (start === epoch) return false;
    for (const e of found) e.secret.fill(0);
    deps.shownEntries(); // throws VaultLockedError when the lock was the reason
    return true;
  }

  /** Adds QR scans to the open QR review, or starts one (wiping a file review). */
  function addScans(kind: ScanKind, scans: readonly QrScan[], sources: number, start: number): ImportStep {
    if (stale(start)) return CANCELLED;
    if (!review?.qr) {
      wipeAll();
      review = newQrReview();
    }
    const found = collectQrCodes(scans, review.batches, review.seenTexts);
    addQrScan(review, found, { kind, sources, codes: found.codeCount });
    return view();
  }

  /** A file read: its review (replacing the previous one), or the password step. */
  function applyFile(outcome: FileOutcome, start: number): ImportStep {
    if (stale(start, outcome.kind === 'password' ? [] : outcome.entries)) return CANCELLED;
    if (outcome.kind === 'password') {
      if (outcome.file !== pending) wipeAll();
      pending = outcome.file;
      return passwordStep(outcome.wrongPassword);
    }
    wipeAll();
    review = fileReview(outcome.kind, outcome);
    return view();
  }

  /**
   * Images go to the QR review; a single other file is an export (read as `format` when given) or a
   * backup. Wipes the files' bytes after.
   */
  async function route(files: readonly NamedFile[], start: number, format?: ImportFormatId): Promise<ImportStep> {
    try {
      if (files.every((f) => isImage(f.bytes))) {
        return addScans('image', await scanImageFiles(decoder, files, imageDecoder(start)), files.length, start);
      }
      const [file] = files;
      if (!file || files.length > 1) {
        throw new ImportError(
          'unsupported',
          'Choose one export file at a time, or only images of QR codes. Several images can be added together.',
        );
      }
      return applyFile(await readFileJob(file, format, start), start);
    } finally {
      // The runner may have moved a file's bytes away: then nothing is left here to wipe.
      for (const f of files) if (f.bytes !== pending?.bytes && f.bytes.byteLength > 0) f.bytes.fill(0);
    }
  }

  function addLinks(text: string, start: number): ImportStep {
    const scan = linkScan(text, SOURCE_NAMES.pastedLink);
    if (scan.codes.length === 0) {
      throw new ImportError('unknown-format', 'Paste an otpauth:// or otpauth-migration:// link to add its accounts.');
    }
    return addScans('link', [scan], scan.codes.length, start);
  }

  /** Checks the commit request against the review; returns the ticked candidates in review order. */
  function ticked(r: ReviewState, keys: readonly string[], mode: RestoreMode): StagedCandidate[] {
    if (mode === 'replace' && r.kind !== 'backup') {
      throw new InvalidEntryError('mode', 'Only a Tessera backup can replace the accounts in the vault.');
    }
    if (keys.length === 0) throw new InvalidEntryError('keys', 'Tick at least one account to add.');
    const wanted = new Set(keys);
    const chosen = r.candidates.filter((c) => wanted.has(c.key));
    if (chosen.length !== wanted.size) {
      throw new InvalidEntryError('keys', 'An account you ticked is not in this review any more. Import it again.');
    }
    return chosen;
  }

  async function commit(keys: readonly string[], mode: RestoreMode): Promise<ImportOutcome> {
    deps.shownEntries();
    const r = review;
    if (!r) throw new ImportClosedError();
    const chosen = ticked(r, keys, mode).map((c) => c.entry);
    const start = epoch;
    const v = await deps.openFresh();
    if (start !== epoch || review !== r) throw new ImportClosedError();
    // A backup: merge adds what the vault lacks; replace adds the ticked accounts (each once) and
    // then removes every account the vault held before.
    const plan = r.kind === 'backup' ? planRestore(chosen, v.entries(), mode) : { add: chosen, remove: [] };
    if (plan.add.length === 0 && plan.remove.length === 0) {
      throw new InvalidEntryError('keys', 'Every account you ticked is already in the vault.');
    }
    const input = plan.add.map(toNewVaultEntry);
    try {
      if (input.length > 0) await v.add(input);
    } finally {
      for (const e of input) e.secret.fill(0);
    }
    if (review === r) wipeAll();
    try {
      if (plan.remove.length > 0) await v.removeMany(plan.remove);
    } finally {
      deps.changed();
    }
    return { added: input.length, removed: plan.remove.length };
  }

  return {
    /**
     * The open dialog: images of QR codes (added to the QR review) or one export file, read as
     * `format` when the user chose one (after the detection failed, or up front).
     */
    openFiles(format?: ImportFormatId): Promise<ImportStep> {
      return step(async () => {
        deps.shownEntries();
        const start = epoch;
        const paths = await deps.desktop.pickFiles({ title: 'Import accounts', filters: IMPORT_FILE_FILTERS });
        if (!paths || paths.length === 0) return CANCELLED;
        return route(await readPickedFiles(paths), start, format);
      });
    },
    /** A file dropped on the window; its name is a hint only, the bytes (or the chosen `format`) decide. */
    readFile(name: string, bytes: Uint8Array, format?: ImportFormatId): Promise<ImportStep> {
      return step(async () => {
        deps.shownEntries();
        checkFileSize(name, bytes);
        return route([{ name: baseName(name), bytes }], epoch, format);
      });
    },
    /** The formats of other apps' exports, from the importer registry, as the import dialog lists them. */
    formats(): ImportFormatInfo[] {
      return IMPORT_FORMATS.map((f) => ({ id: f.id, name: f.name }));
    },
    /** The clipboard: a copied screenshot, else copied account links. */
    paste(): Promise<ImportStep> {
      return serial(async () => {
        deps.shownEntries();
        const start = epoch;
        const image = await deps.desktop.readClipboardImage();
        if (image) {
          const scans = await scanDesktopImages(decoder, [{ source: SOURCE_NAMES.clipboard, image }]);
          return addScans('image', scans, 1, start);
        }
        const text = await deps.desktop.readClipboardText();
        if (hasAccountLink(text)) return addLinks(text, start);
        throw new ImportError(
          'unknown-format',
          'The clipboard holds no picture of a QR code. Copy a screenshot of the QR code (for example with Print Screen) and paste again.',
        );
      });
    },
    /** Every display, captured at native resolution; [] (the sharing prompt closed) is a cancel. */
    scanScreen(): Promise<ImportStep> {
      return serial(async () => {
        deps.shownEntries();
        const start = epoch;
        const screens = await deps.desktop.captureScreens();
        if (screens.length === 0) return CANCELLED;
        const scans = await scanDesktopImages(
          decoder,
          screens.map((s) => ({ source: s.name, image: s.image })),
        );
        return addScans('screen', scans, screens.length, start);
      });
    },
    /** Pasted `otpauth://` / `otpauth-migration://` links, one or more. */
    readText(text: string): Promise<ImportStep> {
      return serial(async () => {
        deps.shownEntries();
        return addLinks(text, epoch);
      });
    },
    /** The password of the encrypted file waiting for one. */
    filePassword(password: string): Promise<ImportStep> {
      return step(async () => {
        deps.shownEntries();
        const file = pending;
        if (!file) throw new ImportClosedError();
        const start = epoch;
        const job: ImportJob = { kind: 'unlock-file', file, password };
        return applyFile(unlockOutcome(await work(job, file.name, start), file), start);
      });
    },
    /** Each candidate's current code (HOTP: at its stored counter); never a secret. */
    codes(): ImportCode[] {
      if (!review) return [];
      const now = deps.now();
      return review.candidates.map((c) => {
        const snapshot = codeSnapshot({ ...c.entry, id: c.key }, now, { nextWithinMs: 0 });
        return { key: c.key, code: snapshot.code, validUntil: snapshot.validUntil };
      });
    },
    /** Adds the ticked candidates in one save and ends the review; a failure adds nothing and keeps it. */
    commit(keys: readonly string[], mode: RestoreMode): Promise<ImportOutcome> {
      return serial(() => commit(keys, mode));
    },
    /**
     * Ends the import: stops the work of a request in progress (it answers `cancelled` and keeps
     * nothing), ends the review or the password step, and wipes every staged secret and kept file.
     */
    cancel(): void {
      epoch++;
      running?.abort();
      wipeAll();
    },
    /** On quit: stops any work and ends the QR and import workers. */
    async close(): Promise<void> {
      epoch++;
      running?.abort();
      wipeAll();
      await Promise.all([decoder.close(), runner.close()]);
    },
  };
}
