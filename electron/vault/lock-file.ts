// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An inter-process write lock beside the vault (`<file>.lock`), so the app and the CLI never save
 * at the same time. Held only for the length of one save, not for a whole session.
 *
 * It appears atomically with its content `{pid, host, token, at}`: written to a private temp file,
 * then hard-linked to `<file>.lock` (link fails if the lock exists). Where hard links are not
 * supported it falls back to O_EXCL create + write. A lock is stale, and is broken, when its
 * process is gone (same host), when it is older than `staleMs` (any host: a hung or foreign
 * holder), or when it stayed empty/unreadable for 2 s (fallback only: its creator died between
 * create and write). Breaking races are narrowed by `assertHeld()`, which the saver calls right
 * before committing.
 */
import { constants } from 'node:fs';
import { link, open, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import { ioError, isErrnoException, VaultError } from './errors';

/** Tunables and injectable probes; defaults suit the app and the CLI. */
export interface LockFileOptions {
  /** Give up waiting for another process after this long. Default 10 s. */
  readonly timeoutMs?: number;
  /** A lock older than this is stale whoever holds it. Default 30 s (a save takes milliseconds). */
  readonly staleMs?: number;
  /** Wall-clock milliseconds (compared with the lock file's mtime). Default Date.now. */
  readonly now?: () => number;
  /** Whether a process id is alive on this host. Default: `process.kill(pid, 0)`. */
  readonly isProcessAlive?: (pid: number) => boolean;
  readonly randomBytes: (n: number) => Uint8Array;
}

/** A held lock. */
export interface HeldLock {
  /** Throws an `io` VaultError if another process broke our lock (so we must not commit). */
  assertHeld(): Promise<void>;
  /** Removes the lock file if it is still ours. Never throws. */
  release(): Promise<void>;
}

interface LockContent {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
  readonly at: number;
}

const EMPTY_LOCK_GRACE_MS = 2000;

/** The lock file path for a vault file. */
export function lockFilePath(file: string): string {
  return `${file}.lock`;
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

function parseContent(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    if (
      typeof v.pid === 'number' &&
      typeof v.host === 'string' &&
      typeof v.token === 'string' &&
      typeof v.at === 'number'
    ) {
      return { pid: v.pid, host: v.host, token: v.token, at: v.at };
    }
  } catch {
    // fall through: unreadable content
  }
  return null;
}

async function readLock(lockPath: string): Promise<{ content: LockContent | null; mtimeMs: number } | null> {
  try {
    const [text, info] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath)]);
    return { content: parseContent(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return null;
    throw error;
  }
}

function isStale(
  found: { content: LockContent | null; mtimeMs: number },
  now: number,
  staleMs: number,
  alive: (pid: number) => boolean,
): boolean {
  const { content, mtimeMs } = found;
  if (!content) return now - mtimeMs > EMPTY_LOCK_GRACE_MS;
  if (now - Math.min(content.at, mtimeMs) > staleMs) return true;
  return content.host === os.hostname() && content.pid !== process.pid && !alive(content.pid);
}

/** Waits for and takes the lock on `file`; `io` VaultError (reason `busy`) after the timeout. */
export async function acquireLock(file: string, options: LockFileOptions): Promise<HeldLock> {
  const lockPath = lockFilePath(file);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const staleMs = options.staleMs ?? 30_000;
  const alive = options.isProcessAlive ?? defaultIsProcessAlive;
  const token = Buffer.from(options.randomBytes(16)).toString('hex');
  const content: LockContent = { pid: process.pid, host: os.hostname(), token, at: now() };
  const deadline = now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      if (await createLockFile(lockPath, JSON.stringify(content), options.randomBytes))
        return makeHeld(lockPath, token);
    } catch (error) {
      throw ioError('create the vault lock file', error);
    }
    let found;
    try {
      found = await readLock(lockPath);
    } catch (error) {
      throw ioError('read the vault lock file', error);
    }
    if (found === null) continue; // released meanwhile: try again at once
    const holder = found.content;
    if (isStale(found, now(), staleMs, alive)) {
      await rm(lockPath, { force: true }).catch(() => undefined);
      continue;
    }
    if (now() >= deadline) {
      const who = holder ? ` (process ${holder.pid})` : '';
      throw new VaultError(
        'io',
        `Another Tessera process${who} is saving this vault. Wait a moment and try again; if no other Tessera ` +
          `is running, delete ${lockPath}.`,
        { reason: 'busy' },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
  }
}

async function writeExclusive(target: string, text: string): Promise<void> {
  const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

/** Creates the lock with its content in one step; false if it already exists. */
async function createLockFile(
  lockPath: string,
  text: string,
  randomBytes: (n: number) => Uint8Array,
): Promise<boolean> {
  const temp = `${lockPath}.tmp-${Buffer.from(randomBytes(8)).toString('hex')}`;
  try {
    await writeExclusive(temp, text);
    await link(temp, lockPath);
    return true;
  } catch (error) {
    const code = isErrnoException(error) ? error.code : undefined;
    if (code === 'EEXIST') return false;
    if (code === 'ENOENT') return false; // our temp file was cleaned up under us: try again
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
  // No hard links on this file system: O_EXCL create, then write (briefly empty).
  try {
    await writeExclusive(lockPath, text);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}

function makeHeld(lockPath: string, token: string): HeldLock {
  const ours = async (): Promise<boolean> => {
    const found = await readLock(lockPath).catch(() => null);
    return found?.content?.token === token;
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
      if (await ours()) await rm(lockPath, { force: true }).catch(() => undefined);
    },
  };
}
