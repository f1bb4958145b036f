// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Keeps the open vault in step with its file and its folder. Another process (the CLI) or a sync
 * tool (another computer's save) may replace the vault while the app holds it open: the file's
 * state is merged into the session, both when the file is seen to change and before each of our
 * writes (so a write never loses it). If the password was changed there, our key no longer opens
 * the file, so the app locks and asks for the new password.
 *
 * Conflict copies a sync tool leaves beside the vault are absorbed (conflict-absorber.ts) after
 * unlock and whenever the folder changes: a watch of the folder (fs.watch, else a poll of the
 * folder every few seconds), debounced so a burst of sync writes gives one run. Each copy is
 * reported to the window once per unlock; one saved under another password waits for it
 * (`mergeCopy`, asked once by the window).
 */
import { unwatchFile, watch, watchFile } from 'node:fs';
import path from 'node:path';
import type { ConflictCopiesReport } from '../domain';
import { resolveVaultFile, VaultError, type UnlockedVault } from '../vault';
import { absorbConflictCopies, absorbConflictCopy, type AbsorbDeps, type AbsorbResult } from './conflict-absorber';
import { NotFoundError } from './errors';
import type { VaultService } from './vault-service';

/** Calls `onChange` when the file at `path` may have changed; returns a stop function. */
export type WatchFile = (path: string, onChange: () => void) => () => void;

/** Calls `onChange` when something in `folder` may have changed (a file made, renamed, removed); returns a stop function. */
export type WatchFolder = (folder: string, onChange: () => void) => () => void;

/** The timers the folder's debounce runs on (injected in tests). */
export interface SyncTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface VaultSyncDeps {
  readonly vault: Pick<VaultService, 'open' | 'isUnlocked' | 'lock'>;
  readonly vaultPath: string;
  /** Default: a cheap stat poll, which survives the atomic renames of every save. */
  readonly watchFile?: WatchFile | undefined;
  /** Default: fs.watch on the folder, else a poll of the folder (watchFolderOrPoll). */
  readonly watchFolder?: WatchFolder | undefined;
  readonly timers?: SyncTimers | undefined;
  /** Quiet time after the last change in the folder before one run; default 1 s. */
  readonly folderDebounceMs?: number | undefined;
  /** The backups folder in force: merged conflict copies move there. Absent: copies are left alone. */
  readonly backupsFolder?: (() => string) | undefined;
  /** Absorber options for tests (the pause between two looks at a file, the move). */
  readonly absorb?: Pick<AbsorbDeps, 'settleMs' | 'wait' | 'rename' | 'now'> | undefined;
  /** The entries were reloaded from the file or merged from a copy: tell the window, reschedule the codes. */
  readonly changed: () => void;
  /** A conflict copy was merged and the vault saved: a backup is due. */
  readonly saved?: (() => void) | undefined;
  /** Conflict copies were found: tell the window (each copy once per unlock). */
  readonly copiesFound?: ((report: ConflictCopiesReport) => void) | undefined;
}

export interface VaultSync {
  /** Reloads if the file changed under us; true when something changed (or the vault locked). */
  syncWithDisk(): Promise<boolean>;
  /** The open vault, first brought up to date with the file (writes must not lose a CLI change). */
  openFresh(): Promise<UnlockedVault>;
  /** Looks for conflict copies now and absorbs them; what was found (null when locked or not set up). */
  absorbCopies(): Promise<ConflictCopiesReport | null>;
  /**
   * Merges the copy `file` (a name the window was told needs a password) with its own password.
   * @throws NotFoundError when no such copy waits; VaultError `wrong-password-or-tampered` for a wrong password.
   */
  mergeCopy(file: string, password: string): Promise<ConflictCopiesReport>;
  /** Starts following the file and its folder (the vault was unlocked), and absorbs copies found there. */
  watch(): void;
  /** Stops following them (the vault is locking). */
  unwatch(): void;
  /** Settles when no folder run is pending or running (tests). */
  idle(): Promise<void>;
}

function pollFile(path: string, onChange: () => void): () => void {
  const listener = (): void => onChange();
  watchFile(path, { interval: 2000, persistent: false }, listener);
  return () => unwatchFile(path, listener);
}

/** How often the folder is polled when it cannot be watched. */
const FOLDER_POLL_MS = 3000;

/**
 * fs.watch on the folder (not keeping the process alive); when the platform or the file system
 * cannot watch it (fs.watch throws, or reports an error later), a stat poll of the folder, whose
 * time changes when a file is made, renamed or removed in it.
 */
export function watchFolderOrPoll(folder: string, onChange: () => void): () => void {
  let stop: () => void = () => undefined;
  const poll = (): void => {
    const listener = (): void => onChange();
    watchFile(folder, { interval: FOLDER_POLL_MS, persistent: false }, listener);
    stop = () => unwatchFile(folder, listener);
  };
  try {
    const watcher = watch(folder, { persistent: false }, () => onChange());
    watcher.on('error', () => {
      watcher.close();
      poll();
    });
    stop = () => watcher.close();
  } catch {
    poll();
  }
  return () => stop();
}

const realTimers: SyncTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The part of an absorber result the window is told about. */
function reportOf(result: AbsorbResult): ConflictCopiesReport {
  return {
    merged: result.merged.map(({ file, tool, device, passwordFromCopy }) => ({ file, tool, device, passwordFromCopy })),
    needPassword: [...result.needPassword],
    otherVaults: [...result.otherVaults],
    failed: result.failed.map(({ file, message }) => ({ file, message })),
  };
}

const isEmptyReport = (r: ConflictCopiesReport): boolean =>
  r.merged.length + r.needPassword.length + r.otherVaults.length + r.failed.length === 0;

export function createVaultSync(deps: VaultSyncDeps): VaultSync {
  const { vault } = deps;
  const timers = deps.timers ?? realTimers;
  let stopWatching: (() => void) | null = null;
  let stopFolder: (() => void) | null = null;
  /** Bumped by each watch and unwatch: a folder found after the vault locked is not watched. */
  let session = 0;
  let debounce: unknown = null;
  /** Absorbing runs one at a time; a change during a run asks for one more. */
  let running: Promise<void> = Promise.resolve();
  let pending = false;
  /** Files already told to the window this unlock (needing a password, another vault, failed). */
  const told = new Set<string>();
  /** Copies waiting for their password, as of the last run. */
  let waitingForPassword = new Set<string>();

  async function syncWithDisk(): Promise<boolean> {
    if (!vault.isUnlocked()) return false;
    try {
      if (!(await vault.open().reloadIfChangedOnDisk())) return false;
    } catch (error) {
      if (error instanceof VaultError && error.kind !== 'io') {
        await vault.lock('changed-on-disk');
        return true;
      }
      throw error;
    }
    deps.changed();
    return true;
  }

  function absorbDeps(open: UnlockedVault, backupsFolder: string): AbsorbDeps {
    return { ...deps.absorb, vault: open, backupsFolder };
  }

  /** After a run: the window hears of new entries, a save, and each copy once. */
  function afterRun(result: AbsorbResult, tell: boolean): ConflictCopiesReport {
    // A copy saved later under another password brings that password: the status says so too.
    if (result.changed || result.merged.some((m) => m.passwordFromCopy)) deps.changed();
    if (result.merged.length > 0) deps.saved?.();
    for (const m of result.merged) waitingForPassword.delete(m.file);
    const report = reportOf(result);
    if (!tell) return report;
    const fresh = (file: string, kind: string): boolean => {
      const key = `${kind}\u0000${file}`;
      if (told.has(key)) return false;
      told.add(key);
      return true;
    };
    // A merged copy that could not be moved stays, and is merged again (changing nothing) next time.
    const stuck = new Set(result.merged.filter((m) => m.movedTo === null).map((m) => m.file));
    const news: ConflictCopiesReport = {
      merged: report.merged.filter((m) => !stuck.has(m.file) || fresh(m.file, 'merged')),
      needPassword: report.needPassword.filter((f) => fresh(f, 'password')),
      otherVaults: report.otherVaults.filter((f) => fresh(f, 'other')),
      failed: report.failed.filter((f) => fresh(f.file, `failed:${f.message}`)),
    };
    if (!isEmptyReport(news)) deps.copiesFound?.(news);
    return report;
  }

  /** One run of the absorber over the folder (nothing when locked or without a backups folder). */
  async function absorbRun(): Promise<ConflictCopiesReport | null> {
    if (!vault.isUnlocked() || !deps.backupsFolder) return null;
    const result = await absorbConflictCopies(absorbDeps(vault.open(), deps.backupsFolder()));
    if (!vault.isUnlocked()) return null;
    waitingForPassword = new Set(result.needPassword);
    return afterRun(result, true);
  }

  /** Runs `work` after the runs before it; never two at once. */
  function serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = running.then(work);
    running = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** The folder changed (or the vault was just unlocked): one run, or one more after the current one. */
  function requestRun(): void {
    if (pending) return;
    pending = true;
    void serialised(async () => {
      pending = false;
      // A run reads the vault file's latest state first (a sync may have replaced it too).
      await syncWithDisk().catch(() => false);
      await absorbRun();
    }).catch(() => undefined);
  }

  function folderChanged(): void {
    if (debounce !== null) timers.clearTimeout(debounce);
    debounce = timers.setTimeout(() => {
      debounce = null;
      requestRun();
    }, deps.folderDebounceMs ?? 1000);
  }

  async function watchFolderOf(mine: number): Promise<void> {
    const folder = path.dirname(await resolveVaultFile(deps.vaultPath));
    if (mine !== session) return;
    stopFolder = (deps.watchFolder ?? watchFolderOrPoll)(folder, folderChanged);
  }

  return {
    syncWithDisk,
    async openFresh() {
      await syncWithDisk();
      return vault.open();
    },
    absorbCopies: () => serialised(absorbRun),
    async mergeCopy(file, password) {
      const open = vault.open();
      if (!deps.backupsFolder || !waitingForPassword.has(file)) throw new NotFoundError('That copy of the vault');
      const backups = deps.backupsFolder;
      const result = await serialised(() => absorbConflictCopy(absorbDeps(open, backups()), file, password));
      const report = afterRun(result, false);
      if (isEmptyReport(report)) throw new NotFoundError('That copy of the vault');
      return report;
    },
    watch() {
      const mine = ++session;
      told.clear();
      waitingForPassword = new Set();
      // From the watcher, an I/O failure (file briefly missing, disk gone) is retried on the next
      // change or write; it must not surface as an unhandled rejection.
      stopWatching = (deps.watchFile ?? pollFile)(deps.vaultPath, () => void syncWithDisk().catch(() => false));
      void watchFolderOf(mine).catch(() => undefined);
      requestRun();
    },
    unwatch() {
      session++;
      stopWatching?.();
      stopWatching = null;
      stopFolder?.();
      stopFolder = null;
      if (debounce !== null) timers.clearTimeout(debounce);
      debounce = null;
      waitingForPassword = new Set();
    },
    async idle() {
      // A run may ask for another (a change during it); settle until none is queued.
      for (;;) {
        const current = running;
        await current;
        if (current === running && !pending) return;
      }
    },
  };
}
