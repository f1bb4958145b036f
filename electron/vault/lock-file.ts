// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An inter-process write lock beside the vault, so that the app and the CLI on one computer never
 * save at the same time. Held only for the length of one save, not for a whole session.
 *
 * One computer only: a vault in a synchronised folder is saved by several computers, and no lock
 * file can keep them apart (a sync tool delivers it seconds later, if at all). Computers agree by
 * merging: every save merges what is on disk (merge.ts), and copies a sync tool could not reconcile
 * are absorbed. So the lock is per computer, `.~<vault>.<computer tag>.lock` (this-computer.ts):
 * a lock from another computer, delivered by sync, lies under another name and is never read,
 * waited for or deleted (deleting a delivered file would delete it on its computer too, and one
 * shared name would give conflict copies of lock files). The name starts with `.~`, which the
 * Nextcloud and ownCloud clients ignore out of the box (docs/vault-format.md §7 lists what to
 * exclude elsewhere). Two processes on a network share opened from two computers are therefore not
 * serialised either; the merge on each save is what keeps both computers' changes.
 *
 * Where: beside the real vault file. When the vault path is a symbolic link, that is beside the
 * file the link leads to (vault-links.ts `resolveVaultFile`), so two links to one vault share one
 * lock.
 *
 * Taking it: the lock appears atomically with its content `{pid, host, bootId, token, at}`: written
 * to a private temp file, then hard-linked to the lock path (link fails if the lock exists). Where
 * hard links are not supported it falls back to O_EXCL create + write. The temp file is removed on
 * every path (lock-create.ts).
 *
 * What may be found there: only a regular file is a lock. A symbolic link (dangling or not), a
 * folder, a pipe or a device is never followed, opened or removed: taking the lock fails at once
 * with an error that says what it is and what to delete.
 *
 * A lock is stale, and is broken, when (lock-found.ts)
 * - it was not taken on this computer since it last started: another boot id (a crash before a
 *   restart), or another computer's content at this computer's name (a restored copy, or a sync
 *   tool delivering the lock of a computer that shares this one's name): at once;
 * - its process is gone: at once;
 * - its own dates (`at`, mtime) say it is older than `staleMs`;
 * - we have watched it sit unchanged (same content) for `staleMs`, whatever its dates say, so a
 *   lock dated in the future (the clock went back) cannot block for good. Sightings are remembered
 *   per process, so the app, which retries saves, also breaks such a lock across attempts;
 * - it stayed empty or unreadable for 2 s (fallback only: its creator died between create and write).
 * A lock whose dates we cannot trust (dated in the future, or unreadable) is waited for up to
 * `staleMs` even beyond `timeoutMs`, then broken; a live process's lock only until `timeoutMs`.
 * Every wait is bounded twice: by a monotonic deadline, and by the sum of the waits asked for, so a
 * clock that stands still cannot keep the loop going either.
 *
 * Breaking races are narrowed by re-checking the file's identity just before removing it, and by
 * `assertHeld()`, which the saver calls right before committing. Reading and judging what lies at
 * the lock path is lock-found.ts.
 */
import type { Stats } from 'node:fs';
import { readlink, unlink } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { ioError, isErrnoException, VaultError } from './errors';
import { createLockFile } from './lock-create';
import {
  breakLock,
  forgetSighting,
  isStale,
  isUncheckable,
  look,
  watchedFor,
  watchLimit,
  type Found,
  type LockContent,
} from './lock-found';
import { vaultTempPath } from './storage';
import { thisComputer, type ComputerIdentity } from './this-computer';
import { resolveVaultFile } from './vault-links';

/** Tunables and injectable ports; defaults suit the app and the CLI. */
export interface LockFileOptions {
  /**
   * Give up waiting for a live process's lock after this long. Default 10 s. 0: try once, never
   * wait (not even for a lock we cannot check to go stale).
   */
  readonly timeoutMs?: number;
  /**
   * A lock this old by its own dates, or watched unchanged this long, is stale. Default 30 s (a
   * save takes milliseconds).
   */
  readonly staleMs?: number;
  /** Wall-clock milliseconds, compared with the dates a lock carries. Default Date.now. */
  readonly now?: () => number;
  /** Monotonic milliseconds for deadlines and for how long we have watched a lock. Default performance.now. */
  readonly monotonicNow?: () => number;
  /** Waits between attempts. Default a timer; tests pass one that advances a fake clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Whether a process id is alive on this host. Default: `process.kill(pid, 0)`. */
  readonly isProcessAlive?: (pid: number) => boolean;
  /** The computer and boot this process runs on. Default: this-computer.ts `thisComputer()`. */
  readonly computer?: ComputerIdentity;
  readonly randomBytes: (n: number) => Uint8Array;
}

/** A held lock. */
export interface HeldLock {
  /** Throws an `io` VaultError if another process broke our lock (so we must not commit). */
  assertHeld(): Promise<void>;
  /** Removes the lock file if it is still ours. Never throws. */
  release(): Promise<void>;
}

const MIN_WAIT_MS = 5;
const MAX_WAIT_MS = 50;
/** Retries in a row without waiting, after the lock vanished or we broke it, before the next wait. */
const MAX_QUICK_RETRIES = 3;

/**
 * The lock file path of `computer` (default: this one) for a vault file:
 * `.~<name>.<computer tag>.lock` beside it (for a vault path that is a link, pass the resolved file).
 */
export function lockFilePath(file: string, computer: ComputerIdentity = thisComputer()): string {
  return path.join(path.dirname(file), `.~${path.basename(file)}.${computer.tag}.lock`);
}

/** `process.kill(pid, 0)`: ESRCH means gone; EPERM means alive but not ours. */
export function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrnoException(error) && error.code === 'EPERM';
  }
}

async function notALockFile(lockPath: string, info: Stats): Promise<VaultError> {
  const prefix = `Tessera cannot lock the vault for saving: ${lockPath} is`;
  let message: string;
  if (info.isSymbolicLink()) {
    const target = await readlink(lockPath).catch(() => null);
    message =
      `${prefix} a symbolic link${target === null ? '' : ` (to ${target})`}, not a lock file that Tessera ` +
      'made, and Tessera does not follow links there. Delete the link (what it points to is not touched), then ' +
      'try again.';
  } else if (info.isDirectory()) {
    message =
      `${prefix} a folder, where Tessera keeps a small lock file while it saves. Move or delete that folder, ` +
      'then try again.';
  } else {
    message =
      `${prefix} a special file (a pipe, socket or device), not a lock file that Tessera made. Delete it, ` +
      'then try again.';
  }
  return new VaultError('io', message);
}

function busy(lockPath: string, holder: LockContent | null, me: ComputerIdentity): VaultError {
  const where = holder && holder.host !== me.host ? ` on ${holder.host}` : '';
  const who = holder ? ` (process ${holder.pid}${where})` : '';
  return new VaultError(
    'io',
    `Another Tessera process${who} is saving this vault. Wait a moment and try again; if no other Tessera ` +
      `is running, delete ${lockPath}.`,
    { reason: 'busy' },
  );
}

function cannotBreak(lockPath: string, cause: unknown): VaultError {
  const code = isErrnoException(cause) && cause.code ? ` (${cause.code})` : '';
  return new VaultError(
    'io',
    `The vault's lock file ${lockPath} was left by a Tessera process that is gone, but it could not be ` +
      `deleted${code}. Delete it, then try again.`,
    { cause },
  );
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Waits for and takes the lock on the vault at `file` (following a link to the real file).
 * Errors: `io` reason `busy` when another process keeps it past the wait; `io` without a reason when
 * the lock path holds something that is not a lock file, or a stale lock cannot be deleted.
 */
export async function acquireLock(file: string, options: LockFileOptions): Promise<HeldLock> {
  const me = options.computer ?? thisComputer();
  const real = await resolveVaultFile(file);
  const lockPath = lockFilePath(real, me);
  const now = options.now ?? Date.now;
  const clock = options.monotonicNow ?? (() => performance.now());
  const sleep = options.sleep ?? defaultSleep;
  const timeoutMs = Math.max(0, options.timeoutMs ?? 10_000);
  const staleMs = options.staleMs ?? 30_000;
  const alive = options.isProcessAlive ?? defaultIsProcessAlive;
  const token = Buffer.from(options.randomBytes(16)).toString('hex');
  const content: LockContent = { pid: process.pid, host: me.host, bootId: me.bootId, token, at: now() };
  const text = JSON.stringify(content);
  const tempPath = () => vaultTempPath(real, options.randomBytes, me);
  const start = clock();
  const deadline = start + timeoutMs;
  const longest = timeoutMs > 0 ? Math.max(timeoutMs, staleMs) : 0;
  let waited = 0; // the sum of the waits asked for: ends the loop even if the clock stands still
  let quick = 0; // retries in a row without a wait
  let firstLook: number | null = null; // when this call first saw a lock: the total wait counts from here
  for (let attempt = 0; ; attempt++) {
    let created: boolean;
    try {
      created = await createLockFile(lockPath, text, tempPath);
    } catch (error) {
      throw ioError('create the vault lock file', error);
    }
    if (created) {
      forgetSighting(lockPath);
      return makeHeld(lockPath, token);
    }
    let found: Found;
    try {
      found = await look(lockPath);
    } catch (error) {
      throw ioError('read the vault lock file', error);
    }
    if (found.kind === 'not-a-file') throw await notALockFile(lockPath, found.info);

    // Decisions use the time of this look: a lock that was not stale then is looked at once more
    // before giving up, so a wait that ends just as the lock turns stale still breaks it.
    const t = clock();
    firstLook ??= t;
    let giveUpAt = deadline;
    let holder: LockContent | null = null;
    let breakError: unknown = null;
    if (found.kind === 'gone') {
      forgetSighting(lockPath);
      if (quick++ < MAX_QUICK_RETRIES) continue; // released meanwhile: try again at once
    } else {
      holder = found.content;
      const watched = watchedFor(lockPath, found.key, t);
      if (isStale(found, watched, now(), staleMs, alive, me)) {
        breakError = await breakLock(lockPath, found);
        if (breakError === null) {
          forgetSighting(lockPath);
          if (quick++ < MAX_QUICK_RETRIES) continue;
        }
      } else if (timeoutMs > 0 && isUncheckable(found, now())) {
        // Wait until it has sat unchanged for the stale interval, but never beyond `longest` in all,
        // counted from our first look (a slow start must not cut the watch short).
        giveUpAt = Math.min(firstLook + longest, Math.max(deadline, t - watched + watchLimit(found, staleMs)));
      }
    }
    quick = 0;
    if (t >= giveUpAt || waited >= giveUpAt - start) {
      throw breakError === null ? busy(lockPath, holder, me) : cannotBreak(lockPath, breakError);
    }
    const pause = Math.min(MIN_WAIT_MS * (attempt + 1), MAX_WAIT_MS);
    waited += pause;
    await sleep(pause);
  }
}

function makeHeld(lockPath: string, token: string): HeldLock {
  const ours = async (): Promise<boolean> => {
    const found = await look(lockPath).catch(() => null);
    return found?.kind === 'lock' && found.content?.token === token;
  };
  return {
    async assertHeld() {
      if (!(await ours())) {
        throw new VaultError(
          'io',
          'Another Tessera process took over the vault lock while saving. Nothing was changed; try again.',
          { reason: 'busy' },
        );
      }
    },
    async release() {
      if (await ours()) await unlink(lockPath).catch(() => undefined);
    },
  };
}
