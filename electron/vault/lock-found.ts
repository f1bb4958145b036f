// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What lies at this computer's lock path for a vault, and what to make of it (lock-file.ts takes the
 * lock): reading it without following a link or blocking on a pipe, telling a stale lock from a
 * live one, and removing a stale one only if it is still the file that was judged.
 *
 * The lock path carries this computer's tag (this-computer.ts), so what lies there was taken by a
 * process of this computer, unless it is a copy (a restored folder, or a sync tool delivering the
 * lock of another computer that shares this computer's name). Only a process of this computer in
 * this boot can hold it: everything else there is stale at once.
 */
import { constants, type Stats } from 'node:fs';
import { lstat, open, unlink } from 'node:fs/promises';
import { isErrnoException } from './errors';
import { isExactBootId, type ComputerIdentity } from './this-computer';

/** What a lock file holds: who took it (which process, computer and boot), and when by their clock. */
export interface LockContent {
  readonly pid: number;
  readonly host: string;
  /** this-computer.ts `bootId`; null in a lock written before issue #18. */
  readonly bootId: string | null;
  readonly token: string;
  readonly at: number;
}

/** A regular file at the lock path, as we read it. `key` tells one lock from the next. */
export interface FoundLock {
  readonly kind: 'lock';
  readonly content: LockContent | null;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
  readonly key: string;
}

export type Found = { readonly kind: 'gone' } | { readonly kind: 'not-a-file'; readonly info: Stats } | FoundLock;

const EMPTY_LOCK_GRACE_MS = 2000;
/**
 * Where a boot time is approximate (this-computer.ts), a lock dated this much before this computer
 * started is from an earlier boot; less than that may be the measurement's error.
 */
const BOOT_TIME_SLACK_MS = 60_000;
/** A lock is about 120 bytes; anything longer is not one of ours and reads as unreadable. */
const MAX_LOCK_BYTES = 4096;
/** Not on Windows, where links are not followed by open() anyway. */
export const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Per lock path, the lock we last saw there and since when (monotonic): our own measure of its age,
 * which no date written by another computer can distort.
 */
const sightings = new Map<string, { readonly key: string; readonly since: number }>();

function parseContent(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as { [K in keyof LockContent]?: unknown } | null;
    if (
      typeof v === 'object' &&
      v !== null &&
      typeof v.pid === 'number' &&
      Number.isSafeInteger(v.pid) &&
      v.pid > 0 &&
      typeof v.host === 'string' &&
      typeof v.token === 'string' &&
      typeof v.at === 'number' &&
      Number.isFinite(v.at) &&
      (v.bootId === undefined || typeof v.bootId === 'string')
    ) {
      return { pid: v.pid, host: v.host, bootId: v.bootId ?? null, token: v.token, at: v.at };
    }
  } catch {
    // fall through: unreadable content
  }
  return null;
}

/**
 * What is at the lock path, without following a link or blocking on a pipe: lstat first, then an
 * O_NOFOLLOW | O_NONBLOCK open checked to be the same file. `gone` also when it changed under us.
 */
export async function look(lockPath: string): Promise<Found> {
  let info: Stats;
  try {
    info = await lstat(lockPath);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  if (!info.isFile()) return { kind: 'not-a-file', info };
  let handle;
  try {
    handle = await open(lockPath, constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (error) {
    if (isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ELOOP')) return { kind: 'gone' };
    throw error;
  }
  try {
    const opened = await handle.stat();
    if (!opened.isFile() || opened.dev !== info.dev || opened.ino !== info.ino) return { kind: 'gone' };
    const buffer = Buffer.alloc(MAX_LOCK_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_LOCK_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    const content = parseContent(text);
    const { dev, ino, mtimeMs } = opened;
    // A lock's random token makes its text unique; an empty or garbled file is told apart by identity and mtime.
    const key = content ? `lock:${text}` : `raw:${dev}:${ino}:${mtimeMs}:${text}`;
    return { kind: 'lock', content, mtimeMs, dev, ino, key };
  } finally {
    await handle.close();
  }
}

/** How long (monotonic ms) we have seen this very lock at `lockPath`; 0 when it is new to us. */
export function watchedFor(lockPath: string, key: string, t: number): number {
  const seen = sightings.get(lockPath);
  if (seen?.key === key) return Math.max(0, t - seen.since);
  sightings.set(lockPath, { key, since: t });
  return 0;
}

/** Forgets the lock we watched at `lockPath`: it was released, broken, or is now ours. */
export function forgetSighting(lockPath: string): void {
  sightings.delete(lockPath);
}

/** How long a lock must sit unchanged under our eyes before it is stale. */
export function watchLimit(found: FoundLock, staleMs: number): number {
  return found.content ? staleMs : Math.min(staleMs, EMPTY_LOCK_GRACE_MS);
}

/**
 * Whether the lock was taken on `me` since it last started. Exact boot ids (Linux) decide alone: the
 * same id is this computer in this boot, even if it was renamed since. Otherwise the host names must
 * match, and a lock dated before this computer started (by more than the measurement's error) is
 * from an earlier boot.
 */
export function takenThisBoot(content: LockContent, me: ComputerIdentity): boolean {
  if (isExactBootId(content.bootId) && isExactBootId(me.bootId)) return content.bootId === me.bootId;
  if (content.host !== me.host) return false;
  return content.at >= me.bootedAt - BOOT_TIME_SLACK_MS;
}

/**
 * Whether a lock at this computer's lock path is stale: unchanged under our eyes for the watch limit;
 * empty past its grace; not taken on this computer in this boot (a copy from elsewhere, or left by a
 * crash before a restart); older than `staleMs` by its own dates; or its process is gone.
 */
export function isStale(
  found: FoundLock,
  watchedMs: number,
  wallNow: number,
  staleMs: number,
  alive: (pid: number) => boolean,
  me: ComputerIdentity,
): boolean {
  const { content, mtimeMs } = found;
  if (watchedMs >= watchLimit(found, staleMs)) return true;
  if (!content) return wallNow - mtimeMs > EMPTY_LOCK_GRACE_MS;
  if (!takenThisBoot(content, me)) return true;
  if (wallNow - Math.min(content.at, mtimeMs) > staleMs) return true;
  return content.pid !== process.pid && !alive(content.pid);
}

/**
 * A lock whose age we cannot tell from its dates: unreadable (its creator may still be writing it),
 * or dated in our future (this computer's clock went back). It is judged by our own watch instead.
 */
export function isUncheckable(found: FoundLock, wallNow: number): boolean {
  const { content } = found;
  return !content || content.at > wallNow;
}

/** Removes a stale lock if it is still the file we judged. Returns the error if it could not. */
export async function breakLock(lockPath: string, found: FoundLock): Promise<unknown> {
  try {
    const info = await lstat(lockPath);
    if (!info.isFile() || info.dev !== found.dev || info.ino !== found.ino) return null; // replaced: look again
    await unlink(lockPath);
    return null;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return null;
    return error;
  }
}
