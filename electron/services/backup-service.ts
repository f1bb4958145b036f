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
import type { BackupStatus, Clock, Settings } from '../domain';
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
import { SETTINGS_LIMITS } from './settings';
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
  /** Back to `backups` beside the vault. Unlocked only. */
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

export function createBackupService(deps: BackupServiceDeps): BackupService {
  const random = deps.randomBytes ?? nodeRandomBytes;
  const defaultDir = defaultBackupDir(deps.vaultPath);
  let active = false;
  let scheduler: BackupScheduler | null = null;
  /** Schedulers replaced by a settings change, finishing their pending backup. */
  let retiring: Promise<void> = Promise.resolve();
  let lastError: string | null = null;

  const folderOf = (s: Settings): string => s.backupFolder || defaultDir;

  async function status(): Promise<BackupStatus> {
    const s = deps.settings.current();
    const folder = folderOf(s);
    const newest = await newestGoodBackup(folder);
    return {
      enabled: s.autoBackup,
      folder,
      defaultFolder: s.backupFolder === '',
      keep: s.backupKeep,
      lastVerified: newest ? { file: newest.file, time: newest.time } : null,
      lastError,
    };
  }

  function announce(): void {
    void status().then(deps.emit, () => undefined);
  }

  function succeeded(): void {
    lastError = null;
    announce();
  }

  function failed(error: unknown): void {
    lastError = failureMessage(error);
    announce();
  }

  /** A scheduler for the open vault with the settings in force, or null when automatic backups are off. */
  /** A backup counts only once it opens: decrypted with the session's key (no KDF run), then wiped. */
  async function reopen(file: string): Promise<void> {
    await deps.vault().checkCopy(await readFile(file));
  }

  function makeScheduler(): BackupScheduler | null {
    const s = deps.settings.current();
    if (!s.autoBackup) return null;
    return createAutoBackup({
      vault: deps.vault(),
      verify: reopen,
      clock: deps.clock,
      dir: folderOf(s),
      keep: s.backupKeep,
      debounceMs: deps.debounceMs,
      onBackup: succeeded,
      onError: failed,
    });
  }

  /** New folder, count or switch: the old scheduler finishes its pending backup where it was headed. */
  function reconfigure(previous: Settings, next: Settings): void {
    if (next.backupFolder !== previous.backupFolder) lastError = null;
    const old = scheduler;
    scheduler = active ? makeScheduler() : null;
    // A new folder (or backups just turned on) starts with a backup of the vault as it is.
    if (next.backupFolder !== previous.backupFolder || !previous.autoBackup) scheduler?.changed();
    if (old) {
      retiring = retiring.then(async () => {
        await old.flush();
        old.dispose();
      });
    }
    announce();
  }

  deps.settings.onChange((view, previous) => {
    if (backupSettingsChanged(previous, view.settings)) reconfigure(previous, view.settings);
  });

  /** A backup outside the debounce: through the scheduler when there is one, so runs never overlap. */
  async function backupNow(): Promise<void> {
    const vault = deps.vault();
    await retiring;
    if (scheduler) {
      scheduler.changed();
      await scheduler.flush();
      if (lastError !== null) throw new BackupError('io', lastError);
      return;
    }
    const s = deps.settings.current();
    try {
      await writeBackup({ vault, dir: folderOf(s), now: deps.clock.now(), keep: s.backupKeep, verify: reopen });
    } catch (error) {
      failed(error);
      throw error instanceof BackupError ? error : new BackupError('io', failureMessage(error), { cause: error });
    }
    succeeded();
  }

  return {
    status,
    start() {
      active = true;
      scheduler = makeScheduler();
      announce();
    },
    changed() {
      scheduler?.changed();
    },
    async stop({ flush }) {
      // First, so a settings change during the flush does not start a scheduler for a locked vault.
      active = false;
      const current = scheduler;
      scheduler = null;
      if (current) {
        if (flush) await current.flush();
        current.dispose();
      }
      await retiring;
    },
    async chooseFolder() {
      deps.vault();
      const chosen = await deps.desktop.pickFolder({
        title: 'Choose a folder for automatic backups',
        defaultPath: folderOf(deps.settings.current()),
      });
      if (chosen === null) return status();
      const dir = path.resolve(chosen);
      if (dir.length > SETTINGS_LIMITS.backupFolderMax) {
        throw new BackupError('io', 'That folder path is too long. Choose another folder.');
      }
      await checkWritable(dir, random);
      await deps.settings.update({ backupFolder: dir === path.resolve(defaultDir) ? '' : dir });
      return status();
    },
    async useDefaultFolder() {
      deps.vault();
      await deps.settings.update({ backupFolder: '' });
      return status();
    },
    async runNow() {
      await backupNow();
      return status();
    },
  };
}
