// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Automatic backups in the desktop app (`backups:*`): while the vault is open and automatic
 * backups are on, each change is followed (after a quiet time) by a verified copy of the encrypted
 * vault file in the backup folder (electron/export/backups.ts; never plaintext). A pending backup is
 * written before the vault locks. The status is read from the folder itself, so it shows the newest
 * backup that still verifies, whether the vault is open or not, and after a restart.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { SETTINGS_LIMITS, type BackupStatus, type Clock, type Settings } from '../domain';
import {
  BackupError,
  createAutoBackup,
  defaultBackupDir,
  newestGoodBackup,
  writeBackup,
  type BackupScheduler,
  type BackupSource,
} from '../export';
import type { UnlockedVault } from '../vault';
import type { DesktopPorts } from './desktop-ports';
import type { SettingsService } from './settings-service';

export interface BackupServiceDeps {
  readonly vaultPath: string;
  readonly clock: Clock;
  readonly settings: Pick<SettingsService, 'current' | 'update' | 'onChange'>;
  readonly desktop: Pick<DesktopPorts, 'pickFolder'>;
  /** The open vault; throws VaultLockedError when locked. */
  readonly vault: () => BackupSource & Pick<UnlockedVault, 'checkCopy'>;
  /** Tells the renderer (`backups:changed`). */
  readonly emit: (status: BackupStatus) => void;
  /** Quiet time after the last change; default 5 s (BACKUP_DEFAULTS). */
  readonly debounceMs?: number;
  readonly randomBytes?: (n: number) => Uint8Array;
}

export interface BackupService {
  status(): Promise<BackupStatus>;
  /** The vault was unlocked: back up after each change from now on (when automatic backups are on). */
  start(): void;
  /** The vault's entries (or its password) changed and were saved. */
  changed(): void;
  /**
   * The vault is locking: writes a pending backup first (`flush`; not when the file on disk can no
   * longer be read with our key), then stops.
   */
  stop(options: { readonly flush: boolean }): Promise<void>;
  /** The folder dialog; the chosen folder must be writable. Unlocked only. */
  chooseFolder(): Promise<BackupStatus>;
  /** Back to the default, `backups` in this computer's data folder. Unlocked only. */
  useDefaultFolder(): Promise<BackupStatus>;
  /** Writes and verifies a backup now, whether automatic backups are on or not. Unlocked only. */
  runNow(): Promise<BackupStatus>;
}

/** A failure as the settings screen shows it: the backup layer's messages name a folder, never content. */
function failureMessage(error: unknown): string {
  if (error instanceof BackupError) return error.message;
  return 'The backup could not be written. It will be tried again after the next change.';
}

const backupSettingsChanged = (a: Settings, b: Settings): boolean =>
  a.autoBackup !== b.autoBackup || a.backupKeep !== b.backupKeep || a.backupFolder !== b.backupFolder;

/**
 * Creates `dir` if needed and writes and removes a probe file in it.
 * @throws BackupError `io` when either fails.
 */
async function checkWritable(dir: string, random: (n: number) => Uint8Array): Promise<void> {
  const probe = path.join(dir, `.tessera-write-test-${Buffer.from(random(8)).toString('hex')}`);
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const handle = await open(probe, 'wx', 0o600);
    await handle.close();
    await rm(probe, { force: true });
  } catch (cause) {
    throw new BackupError('io', `Tessera cannot write to ${dir}. Choose another folder.`, { cause });
  }
}

/** One backup service's dependencies and state, shared by the helpers below. */
interface Backups {
  readonly deps: BackupServiceDeps;
  readonly random: (n: number) => Uint8Array;
  readonly defaultDir: string;
  /** True while the vault is open: automatic backups run only then. */
  active: boolean;
  scheduler: BackupScheduler | null;
  /** Schedulers replaced by a settings change, finishing their pending backup. */
  retiring: Promise<void>;
  lastError: string | null;
}

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const b: Backups = {
    deps,
    random: deps.randomBytes ?? nodeRandomBytes,
    defaultDir: defaultBackupDir(deps.vaultPath),
    active: false,
    scheduler: null,
    retiring: Promise.resolve(),
    lastError: null,
  };

  deps.settings.onChange((view, previous) => {
    if (backupSettingsChanged(previous, view.settings)) reconfigure(b, previous, view.settings);
  });

  return {
    status: () => status(b),
    start() {
      b.active = true;
      b.scheduler = makeScheduler(b);
      announce(b);
    },
    changed() {
      b.scheduler?.changed();
    },
    async stop({ flush }) {
      // First, so a settings change during the flush does not start a scheduler for a locked vault.
      b.active = false;
      const current = b.scheduler;
      b.scheduler = null;
      if (current) {
        if (flush) await current.flush();
        current.dispose();
      }
      await b.retiring;
    },
    chooseFolder: () => chooseFolder(b),
    async useDefaultFolder() {
      deps.vault();
      await deps.settings.update({ backupFolder: '' });
      return status(b);
    },
    async runNow() {
      await backupNow(b);
      return status(b);
    },
  };
}

const folderOf = (b: Backups, s: Settings): string => s.backupFolder || b.defaultDir;

async function status(b: Backups): Promise<BackupStatus> {
  const s = b.deps.settings.current();
  const folder = folderOf(b, s);
  const newest = await newestGoodBackup(folder);
  return {
    enabled: s.autoBackup,
    folder,
    defaultFolder: s.backupFolder === '',
    keep: s.backupKeep,
    lastVerified: newest ? { file: newest.file, time: newest.time } : null,
    lastError: b.lastError,
  };
}

function announce(b: Backups): void {
  void status(b).then(b.deps.emit, () => undefined);
}

function succeeded(b: Backups): void {
  b.lastError = null;
  announce(b);
}

function failed(b: Backups, error: unknown): void {
  b.lastError = failureMessage(error);
  announce(b);
}

/** A backup counts only once it opens: decrypted with the session's key (no KDF run), then wiped. */
async function reopen(b: Backups, file: string): Promise<void> {
  await b.deps.vault().checkCopy(await readFile(file));
}

/** A scheduler for the open vault with the settings in force, or null when automatic backups are off. */
function makeScheduler(b: Backups): BackupScheduler | null {
  const s = b.deps.settings.current();
  if (!s.autoBackup) return null;
  return createAutoBackup({
    vault: b.deps.vault(),
    verify: (file) => reopen(b, file),
    clock: b.deps.clock,
    dir: folderOf(b, s),
    keep: s.backupKeep,
    debounceMs: b.deps.debounceMs,
    onBackup: () => succeeded(b),
    onError: (error) => failed(b, error),
  });
}

/** New folder, count or switch: the old scheduler finishes its pending backup where it was headed. */
function reconfigure(b: Backups, previous: Settings, next: Settings): void {
  if (next.backupFolder !== previous.backupFolder) b.lastError = null;
  const old = b.scheduler;
  b.scheduler = b.active ? makeScheduler(b) : null;
  // A new folder (or backups just turned on) starts with a backup of the vault as it is.
  if (next.backupFolder !== previous.backupFolder || !previous.autoBackup) b.scheduler?.changed();
  if (old) {
    b.retiring = b.retiring.then(async () => {
      await old.flush();
      old.dispose();
    });
  }
  announce(b);
}

/** A backup outside the debounce: through the scheduler when there is one, so runs never overlap. */
async function backupNow(b: Backups): Promise<void> {
  const vault = b.deps.vault();
  await b.retiring;
  if (b.scheduler) {
    b.scheduler.changed();
    await b.scheduler.flush();
    if (b.lastError !== null) throw new BackupError('io', b.lastError);
    return;
  }
  const s = b.deps.settings.current();
  try {
    await writeBackup({
      vault,
      dir: folderOf(b, s),
      now: b.deps.clock.now(),
      keep: s.backupKeep,
      verify: (file) => reopen(b, file),
    });
  } catch (error) {
    failed(b, error);
    throw error instanceof BackupError ? error : new BackupError('io', failureMessage(error), { cause: error });
  }
  succeeded(b);
}

/** The folder dialog; the chosen folder must be writable. */
async function chooseFolder(b: Backups): Promise<BackupStatus> {
  const { deps } = b;
  deps.vault();
  const chosen = await deps.desktop.pickFolder({
    title: 'Choose a folder for automatic backups',
    defaultPath: folderOf(b, deps.settings.current()),
  });
  if (chosen === null) return status(b);
  const dir = path.resolve(chosen);
  if (dir.length > SETTINGS_LIMITS.backupFolderMax) {
    throw new BackupError('io', 'That folder path is too long. Choose another folder.');
  }
  await checkWritable(dir, b.random);
  await deps.settings.update({ backupFolder: dir === path.resolve(b.defaultDir) ? '' : dir });
  return status(b);
}
