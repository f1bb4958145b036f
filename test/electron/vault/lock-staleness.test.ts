// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 7: a lock's age is measured from our own observation, not from the dates it
 * carries. A lock dated in the future, or one from another computer (delivered by a sync tool, or
 * left by a crash there), is broken once it has sat unchanged for `staleMs` while we watched; a
 * same-host lock whose process is gone is still broken at once. A fake clock, advanced by the
 * injected sleep, makes every duration exact.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, VaultError } from '../../../electron/vault';
import { acquireLock, lockFilePath, type LockFileOptions } from '../../../electron/vault/lock-file';
import { fastOptions, makeTempDir, totpEntry } from './helpers/fakes';
import { lockClock } from './helpers/lock-clock';

const STALE = 1000;
const DAY = 86_400_000;

let tmp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  tmp = makeTempDir('tessera-lock-stale-');
  file = path.join(tmp.dir, 'vault.tessera');
});
afterEach(() => tmp.cleanup());

/** The lock loop on a fake clock (helpers/lock-clock.ts), watching for `STALE` ms. */
function harness(extra: Partial<LockFileOptions> = {}) {
  return lockClock(`lock-stale-${Math.random()}`, 5000, { staleMs: STALE, ...extra });
}

function writeLock(content: { pid: number; host: string; token: string; at: number }, mtime?: number): void {
  const lock = lockFilePath(file);
  writeFileSync(lock, JSON.stringify(content));
  if (mtime !== undefined) utimesSync(lock, new Date(mtime), new Date(mtime));
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function token(): string {
  return `t-${Math.random().toString(16).slice(2)}`;
}

describe('staleness by our own observation', () => {
  it('a slow first look (a busy machine) does not cut the watch short', async () => {
    const future = Date.now() + DAY;
    writeLock({ pid: 4242, host: 'laptop-in-the-future', token: token(), at: future }, future);
    const h = harness({ timeoutMs: 10 });
    // The clock moves 300 ms between the call's start and its first look at the lock, as when
    // creating the lock file is slow; the lock must still be watched for the whole stale interval.
    let first = true;
    const held = await acquireLock(file, {
      ...h.options,
      monotonicNow: () => {
        const now = h.elapsed();
        if (first) {
          first = false;
          h.advance(300);
        }
        return now;
      },
    });
    expect(h.elapsed()).toBeGreaterThanOrEqual(300 + STALE);
    await held.release();
  });

  it('a lock from another computer dated a day ahead is broken after staleMs of watching it', async () => {
    const future = Date.now() + DAY;
    writeLock({ pid: 4242, host: 'laptop-in-the-future', token: token(), at: future }, future);
    const h = harness({ timeoutMs: 100 });
    const held = await acquireLock(file, h.options);
    expect(h.elapsed()).toBeGreaterThanOrEqual(STALE);
    expect(h.elapsed()).toBeLessThan(STALE + 60);
    expect(JSON.parse(readFileSync(lockFilePath(file), 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
    expect(existsSync(lockFilePath(file))).toBe(false);
  });

  it('a fresh-looking lock from another computer that does not change blocks no longer than staleMs', async () => {
    writeLock({ pid: 4242, host: 'other-computer', token: token(), at: Date.now() });
    const h = harness({ timeoutMs: 100 });
    const held = await acquireLock(file, h.options);
    // Respected while it could be a live save on a shared drive, then broken.
    expect(h.elapsed()).toBeGreaterThanOrEqual(STALE);
    expect(h.elapsed()).toBeLessThan(STALE + 60);
    await held.release();
  });

  it('a same-host lock dated in the future goes stale staleMs after we first saw it, across attempts', async () => {
    // Its process id is alive (as after a reboot that reused it), so only our observation can tell.
    const future = Date.now() + DAY;
    writeLock({ pid: process.ppid, host: os.hostname(), token: token(), at: future }, future);
    const h = harness({ timeoutMs: 0 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    h.advance(STALE / 2);
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    h.advance(STALE / 2);
    const held = await acquireLock(file, h.options);
    await held.release();
    expect(existsSync(lockFilePath(file))).toBe(false);
  });

  it('a lock that changes while we watch is a new lock: the watch starts again, and the wait still ends', async () => {
    writeLock({ pid: 4242, host: 'busy-computer', token: token(), at: Date.now() });
    const h = harness({ timeoutMs: 100 });
    let rewrites = 0;
    let lastRewrite = 0;
    const options: LockFileOptions = {
      ...h.options,
      sleep: async (ms) => {
        h.advance(ms);
        if (h.elapsed() - lastRewrite >= 300) {
          rewrites++;
          lastRewrite = h.elapsed();
          const at = h.options.now!(); // dated by the same (fake) clock, so its own dates stay fresh
          writeLock({ pid: 4242, host: 'busy-computer', token: token(), at }, at);
        }
      },
    };
    const error = await acquireLock(file, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect((error as Error).message).toContain('busy-computer');
    expect(rewrites).toBeGreaterThan(1);
    expect(h.elapsed()).toBeLessThan(STALE + 60); // never longer than the stale interval
  });

  it('a same-host lock whose process is gone is still broken at once, without waiting', async () => {
    writeLock({ pid: deadPid(), host: os.hostname(), token: token(), at: Date.now() + DAY });
    const h = harness({ timeoutMs: 100 });
    await (await acquireLock(file, h.options)).release();
    expect(h.elapsed()).toBe(0);
  });

  it('a same-host lock of a live process, dated now, is waited for until the timeout only', async () => {
    writeLock({ pid: process.ppid, host: os.hostname(), token: token(), at: Date.now() });
    const h = harness({ timeoutMs: 100 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h.elapsed()).toBeGreaterThanOrEqual(100);
    expect(h.elapsed()).toBeLessThan(150);
  });

  it('through the vault: a save is not blocked for good by a lock dated in the future', async () => {
    const opts = fastOptions(tmp.dir, { lockTimeoutMs: 10, lockStaleMs: 40 });
    const v = await createVault(opts, 'staleness password');
    try {
      const future = Date.now() + DAY;
      writeLock({ pid: 4242, host: 'synced-from-elsewhere', token: token(), at: future }, future);
      await v.add([totpEntry()]);
      expect(v.entries()).toHaveLength(1);
      expect(readdirSync(tmp.dir).sort()).toEqual(['vault.tessera', 'vault.tessera.prev']);
    } finally {
      v.lock();
    }
    const again = await unlockVault(opts, 'staleness password');
    expect(again.entries()).toHaveLength(1);
    again.lock();
  });
});
