// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The file requests of the import service: files chosen in the open dialog, a file dropped on the
 * window, and the password of an encrypted one. Images of QR codes go on to the QR review
 * (import-qr-flow.ts); an export of another app, or a Tessera backup, is read in the runner and
 * starts a new review, or the password step, whose file stays in main until the import ends.
 */
import type { ImportStep } from '../domain';
import { ImportError, type ImportFormatId } from '../import';
import type { FileOutcome } from './import-files';
import { readOutcome, unlockOutcome, type ImportJob } from './import-jobs';
import { addImageFiles, type ImportFlowDeps } from './import-qr-flow';
import { CANCELLED } from './import-requests';
import { fileReview } from './import-review';
import {
  baseName,
  checkFileSize,
  IMPORT_FILE_FILTERS,
  isImage,
  readPickedFiles,
  type NamedFile,
} from './import-sources';
import { ImportClosedError } from './errors';

/** A file read: its review (replacing the previous one), or the password step. */
function applyFile(deps: ImportFlowDeps, outcome: FileOutcome, start: number): ImportStep {
  if (deps.requests.stale(start, outcome.kind === 'password' ? [] : outcome.entries)) return CANCELLED;
  if (outcome.kind === 'password') return deps.staging.askPassword(outcome.file, outcome.wrongPassword);
  return deps.staging.showReview(fileReview(outcome.kind, outcome));
}

/** An export or backup read without a password, in the runner. */
async function readFileJob(
  deps: ImportFlowDeps,
  file: NamedFile,
  format: ImportFormatId | undefined,
  start: number,
): Promise<FileOutcome> {
  const job: ImportJob = { kind: 'read-file', name: file.name, bytes: file.bytes, format: format ?? null };
  return readOutcome(await deps.requests.work(job, file.name, start), file);
}

/**
 * Images go to the QR review; a single other file is an export (read as `format` when given) or a
 * backup. Wipes the files' bytes after.
 */
async function route(
  deps: ImportFlowDeps,
  files: readonly NamedFile[],
  start: number,
  format?: ImportFormatId,
): Promise<ImportStep> {
  try {
    if (files.every((f) => isImage(f.bytes))) return await addImageFiles(deps, files, start);
    const [file] = files;
    if (!file || files.length > 1) {
      throw new ImportError(
        'unsupported',
        'Choose one export file at a time, or only images of QR codes. Several images can be added together.',
      );
    }
    return applyFile(deps, await readFileJob(deps, file, format, start), start);
  } finally {
    // The runner may have moved a file's bytes away: then nothing is left here to wipe.
    const kept = deps.staging.pending()?.bytes;
    for (const f of files) if (f.bytes !== kept && f.bytes.byteLength > 0) f.bytes.fill(0);
  }
}

/**
 * The open dialog: images of QR codes (added to the QR review) or one export file, read as
 * `format` when the user chose one (after the detection failed, or up front).
 */
export function openPickedFiles(deps: ImportFlowDeps, format?: ImportFormatId): Promise<ImportStep> {
  return deps.requests.step(async () => {
    const start = deps.requests.begin();
    const paths = await deps.desktop.pickFiles({ title: 'Import accounts', filters: IMPORT_FILE_FILTERS });
    if (!paths || paths.length === 0) return CANCELLED;
    return route(deps, await readPickedFiles(paths), start, format);
  });
}

/** A file dropped on the window; its name is a hint only, the bytes (or the chosen `format`) decide. */
export function readDroppedFile(
  deps: ImportFlowDeps,
  name: string,
  bytes: Uint8Array,
  format?: ImportFormatId,
): Promise<ImportStep> {
  return deps.requests.step(async () => {
    const start = deps.requests.begin();
    checkFileSize(name, bytes);
    return route(deps, [{ name: baseName(name), bytes }], start, format);
  });
}

/** The password of the encrypted file waiting for one. */
export function unlockPendingFile(deps: ImportFlowDeps, password: string): Promise<ImportStep> {
  return deps.requests.step(async () => {
    const start = deps.requests.begin();
    const file = deps.staging.pending();
    if (!file) throw new ImportClosedError();
    const job: ImportJob = { kind: 'unlock-file', file, password };
    return applyFile(deps, unlockOutcome(await deps.requests.work(job, file.name, start), file), start);
  });
}
