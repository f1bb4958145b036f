// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import dialog's requests to main: read a source, send a file's password, commit, close. Each
 * runs one at a time, shows what main is doing, and drops answers that come after the dialog
 * closed (telling main to wipe whatever it staged for them). Reading and password checks can be
 * stopped (Cancel); adding cannot.
 */
import type { ImportFormatId, ImportStep } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { useCodesStore } from '../codes/codes-store';
import { useEntriesStore } from '../codes/entries-store';
import { showToast } from '../shared/toast-store';
import { isVaultUnlocked } from '../shared/vault-store';
import { tickedKeys } from './import-selection';
import { useImportStore } from './import-store';
import { outcomeText } from './import-text';

/** main's bound on an imported file (LIMITS.fileBytes); larger files are refused before reading. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

/** Files read from one drop; more is surely a mistake. */
export const MAX_DROPPED_FILES = 20;

/** main's bound on a pasted link list (LIMITS.pastedText). */
export const MAX_LINK_CHARS = 64 * 1024;

/** main's bound on a file name (LIMITS.fileName); the name is only a hint of the format. */
const MAX_NAME_CHARS = 1024;

const importFailed = (message: string): Result<never> => ({ ok: false, error: { code: 'import-failed', message } });

/** A fresh dialog on the source choice. */
export function openImport(): void {
  useImportStore.getState().reset();
}

/** Closes the dialog: main wipes the staged accounts and any file awaiting its password. */
export function closeImport(): void {
  useImportStore.getState().reset();
  void api().imports.cancel();
}

/**
 * Cancel while main reads a source or tries a password: main stops the work at once (its worker is
 * ended), nothing is imported, and the dialog says so, back on the source choice. The answer of the
 * stopped request is dropped.
 */
export function stopImport(): void {
  const store = useImportStore.getState();
  if (store.busy === null || !store.cancellable) return;
  store.stopped();
  void api().imports.cancel();
}

/**
 * When the dialog went away without its own close (e.g. the global shortcut took the window to the
 * search field), main is still told to wipe what it staged.
 */
export function abandonImport(): void {
  const { phase, busy, error } = useImportStore.getState();
  if (phase.kind === 'sources' && busy === null && error === null) return;
  closeImport();
}

/**
 * Sends one request; ignored while another runs. `label` says what main is doing meanwhile;
 * `file` is the dropped file being read, kept to read again as another format if main does not
 * recognise it.
 */
export async function runImport(
  label: string,
  request: () => Promise<Result<ImportStep>>,
  file: File | null = null,
): Promise<void> {
  const store = useImportStore.getState();
  if (store.busy !== null) return;
  const generation = store.generation;
  store.setBusy(label, true);
  const result = await request();
  const now = useImportStore.getState();
  if (now.generation !== generation) {
    if (result.ok && result.value.step !== 'cancelled' && isVaultUnlocked()) void api().imports.cancel();
    return;
  }
  if (result.ok) now.applyStep(result.value);
  else now.fail(result.error, file);
}

/** The format chosen for export files, or none (main detects it). */
function chosenFormat(): ImportFormatId | undefined {
  return useImportStore.getState().format ?? undefined;
}

/** The open dialog; an export file chosen there is read as the chosen format, if any. */
export function openFiles(): Promise<void> {
  const format = chosenFormat();
  return runImport('Reading the file…', () =>
    format === undefined ? api().imports.openFiles() : api().imports.openFiles(format),
  );
}

/**
 * After main did not recognise a file: reads it again as the chosen format. A dropped file is read
 * from the drop; a picked one is picked again in the open dialog.
 */
export function retryAsFormat(): Promise<void> {
  const { retryFile } = useImportStore.getState();
  return retryFile ? readFiles([retryFile]) : openFiles();
}
export const scanScreen = (): Promise<void> => runImport('Scanning the screen…', () => api().imports.scanScreen());
export const pasteImage = (): Promise<void> => runImport('Reading the clipboard…', () => api().imports.paste());

/** A pasted otpauth:// or otpauth-migration:// link (or several, one a line). */
export function readLinks(text: string): Promise<void> {
  if (text.length > MAX_LINK_CHARS) {
    useImportStore.getState().fail('That text is too long to be a link. Paste one link at a time.');
    return Promise.resolve();
  }
  return runImport('Reading the link…', () => api().imports.readText(text));
}

/** The password of the encrypted export that main holds. */
export const sendFilePassword = (password: string): Promise<void> =>
  runImport('Checking the password…', () => api().imports.filePassword(password));

/** Reads one dropped file (as `format`, if chosen); its bytes are wiped here once main has its copy. */
async function readOneFile(file: File, format: ImportFormatId | undefined): Promise<Result<ImportStep>> {
  if (file.size > MAX_IMPORT_FILE_BYTES) {
    return importFailed(`“${file.name}” is larger than 50 MB, too large to be an export or a QR code image.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    return importFailed(`“${file.name}” could not be read. Drop a file, not a folder.`);
  }
  try {
    const name = file.name.slice(0, MAX_NAME_CHARS);
    return await (format === undefined
      ? api().imports.readFile(name, bytes)
      : api().imports.readFile(name, bytes, format));
  } finally {
    // An export file holds secrets: keep no copy in the renderer.
    bytes.fill(0);
  }
}

/** Dropped files, one after the other; stops at an error or a password prompt. */
export async function readFiles(files: readonly File[]): Promise<void> {
  if (files.length > MAX_DROPPED_FILES) {
    useImportStore.getState().fail(`Drop at most ${MAX_DROPPED_FILES} files at once.`);
    return;
  }
  const format = chosenFormat();
  const generation = useImportStore.getState().generation;
  for (const file of files) {
    await runImport(`Reading “${file.name}”…`, () => readOneFile(file, format), file);
    const state = useImportStore.getState();
    // Stopped, closed, failed, busy elsewhere or asking for a password: the other files wait.
    if (state.generation !== generation || state.error !== null || state.busy !== null) return;
    if (state.phase.kind === 'password') return;
  }
}

/** Main pushes the changed entries too; asking as well keeps the list right if a push is missed. */
async function refreshVault(): Promise<void> {
  const [entries, codes] = await Promise.all([api().entries.list(), api().codes.current()]);
  if (!isVaultUnlocked()) return;
  if (entries.ok) useEntriesStore.getState().replace(entries.value);
  if (codes.ok) useCodesStore.getState().replace(codes.value);
}

/**
 * Adds the ticked candidates (or restores the backup in the chosen mode). True when done: the caller
 * closes the dialog and the toast says what happened; on failure the error shows and the review stays.
 */
export async function commitImport(): Promise<boolean> {
  const store = useImportStore.getState();
  if (store.busy !== null || store.phase.kind !== 'review') return false;
  const review = store.phase.review;
  const keys = tickedKeys(review, store.ticked);
  if (keys.length === 0) return false;
  const mode = review.kind === 'backup' ? store.mode : 'merge';
  const generation = store.generation;
  store.setBusy(review.kind === 'backup' ? 'Restoring the backup…' : 'Adding the accounts…');
  const result = await api().imports.commit(keys, mode);
  if (!result.ok) {
    if (useImportStore.getState().generation === generation) useImportStore.getState().fail(result.error);
    return false;
  }
  if (!isVaultUnlocked()) return false;
  // The unticked candidates' secrets are still staged in main: wipe them too.
  closeImport();
  showToast(outcomeText(result.value, review.kind, mode));
  void refreshVault();
  return true;
}
