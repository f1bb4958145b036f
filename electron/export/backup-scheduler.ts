// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * When to back up: a debounce after each change, so a burst of edits (an import, a reorder) gives
 * one backup. Time is a port (the domain's `Clock`) so tests drive it with a fake clock. One
 * run at a time: a change during a run schedules another after it. `createAutoBackup` wires the
 * scheduler to `writeBackup` for the desktop services to call on "entries changed".
 */
import type { Clock, TimerHandle } from '../domain';
import { BACKUP_DEFAULTS, writeBackup, type BackupResult, type BackupSource } from './backups';

export interface BackupSchedulerOptions {
  readonly clock: Clock;
  /** Quiet time after the last change before a run; default 5 s. */
  readonly debounceMs?: number | undefined;
  readonly run: () => Promise<void>;
  /** A failed run (the next change schedules another). */
  readonly onError?: ((error: unknown) => void) | undefined;
}

export interface BackupScheduler {
  /** Call after every change; (re)starts the debounce. */
  changed(): void;
  /** Runs now if a run is pending (e.g. before quitting or locking); resolves when idle. */
  flush(): Promise<void>;
  /** Cancels a pending run; later `changed()` calls do nothing. */
  dispose(): void;
}

/** A debounced, single-flight runner. */
export function createBackupScheduler(options: BackupSchedulerOptions): BackupScheduler {
  const debounceMs = options.debounceMs ?? BACKUP_DEFAULTS.debounceMs;
  let timer: TimerHandle | null = null;
  let running: Promise<void> | null = null;
  let dirty = false;
  let disposed = false;

  const start = (): Promise<void> => {
    dirty = false;
    running = options
      .run()
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        running = null;
        if (dirty && !disposed) schedule();
      });
    return running;
  };
  const fire = (): void => {
    timer = null;
    if (running) return; // `dirty` stays set: the run's end schedules the next one
    void start();
  };
  const schedule = (): void => {
    if (timer) options.clock.clearTimeout(timer);
    timer = options.clock.setTimeout(fire, debounceMs);
  };

  return {
    changed() {
      if (disposed) return;
      dirty = true;
      schedule();
    },
    async flush() {
      if (running) await running;
      if (!dirty || disposed) return;
      if (timer) options.clock.clearTimeout(timer);
      timer = null;
      await start();
    },
    dispose() {
      disposed = true;
      if (timer) options.clock.clearTimeout(timer);
      timer = null;
    },
  };
}

export interface AutoBackupOptions {
  readonly vault: BackupSource;
  readonly clock: Clock;
  readonly dir?: string | undefined;
  readonly keep?: number | undefined;
  readonly debounceMs?: number | undefined;
  /** A deeper check of each new backup (re-open it); throw to reject it. */
  readonly verify?: ((file: string) => Promise<void>) | undefined;
  /** Each verified backup (for "last verified backup" in settings). */
  readonly onBackup?: ((result: BackupResult) => void) | undefined;
  readonly onError?: ((error: unknown) => void) | undefined;
}

/**
 * Automatic backups for one unlocked session: call `changed()` on "entries changed", `flush()`
 * before locking, `dispose()` on lock. Never writes plaintext (the copies are the vault file).
 */
export function createAutoBackup(options: AutoBackupOptions): BackupScheduler {
  return createBackupScheduler({
    clock: options.clock,
    debounceMs: options.debounceMs,
    onError: options.onError,
    run: async () => {
      const result = await writeBackup({
        vault: options.vault,
        dir: options.dir,
        now: options.clock.now(),
        keep: options.keep,
        verify: options.verify,
      });
      options.onBackup?.(result);
    },
  });
}
