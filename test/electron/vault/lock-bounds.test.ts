// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 6: the lock loop always ends, never follows a link at the lock path, and leaves
 * no temp file behind (`.~<vault>.<tag>.<16 hex>.tmp`; `.lock.tmp-*` before issue 18). Time is a
 * fake clock advanced by the injected sleep, so nothing here waits for real time; `randomBytes`
 * counts attempts (one temp name each) and aborts a runaway loop so that a regression fails instead
 * of spinning forever.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultError } from '../../../electron/vault';
import { acquireLock, lockFilePath, type LockFileOptions } from '../../../electron/vault/lock-file';
import { thisComputer } from '../../../electron/vault/this-computer';
import { makeTempDir } from './helpers/fakes';
import { lockClock } from './helpers/lock-clock';

let tmp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  tmp = makeTempDir('tessera-lock-bounds-');
  file = path.join(tmp.dir, 'vault.tessera');
});
afterEach(() => tmp.cleanup());

/** The lock loop on a fake clock (helpers/lock-clock.ts). */
function harness(extra: Partial<LockFileOptions> = {}) {
  return lockClock('lock-bounds', 1000, extra);
}

function leftovers(): string[] {
  return readdirSync(tmp.dir).filter((name) => name.includes('.tmp-') || name.endsWith('.tmp'));
}

/** A lock a live process of this computer took just now (our parent's pid, which is alive). */
function liveHere(): string {
  const me = thisComputer();
  return JSON.stringify({ pid: process.ppid, host: me.host, bootId: me.bootId, token: 'live', at: Date.now() });
}

async function failure(promise: Promise<unknown>): Promise<VaultError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  return error as VaultError;
}

describe('a lock path that is not a regular file', () => {
  it('a dangling symbolic link: refused at once with a clear error, within a bounded number of attempts', async () => {
    const lock = lockFilePath(file);
    symlinkSync(path.join(tmp.dir, 'nowhere', 'gone.lock'), lock);
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(file, h.options));
    expect(error.kind).toBe('io');
    expect(error.message).toContain(lock);
    expect(error.message).toMatch(/symbolic link/);
    expect(error.message).toMatch(/[Dd]elete/);
    expect(h.attempts()).toBeLessThanOrEqual(2);
    expect(h.sleeps.length).toBeLessThanOrEqual(12); // 50 ms at ≥ 5 ms a wait, if it waited at all
    expect(readlinkSync(lock)).toBe(path.join(tmp.dir, 'nowhere', 'gone.lock')); // left as it was, a link
    expect(leftovers()).toEqual([]);
  });

  it('a link to a real lock file is not followed either: its target is never read, judged or removed', async () => {
    const target = path.join(tmp.dir, 'elsewhere.lock');
    const old = { pid: 1, host: 'another-host', token: 't', at: Date.now() - 3_600_000 };
    writeFileSync(target, JSON.stringify(old));
    symlinkSync(target, lockFilePath(file));
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(file, h.options));
    expect(error.message).toMatch(/symbolic link/);
    expect(readlinkSync(lockFilePath(file))).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe(JSON.stringify(old));
    expect(leftovers()).toEqual([]);
  });

  it('a folder: says it is a folder and what to do, without waiting', async () => {
    mkdirSync(lockFilePath(file));
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(file, h.options));
    expect(error.kind).toBe('io');
    expect(error.message).toContain(lockFilePath(file));
    expect(error.message).toMatch(/is a folder/);
    expect(h.sleeps).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('a named pipe: refused, never opened (opening one would block)', async () => {
    execFileSync('mkfifo', [lockFilePath(file)]);
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(file, h.options));
    expect(error.message).toMatch(/special file/);
    expect(leftovers()).toEqual([]);
  });
});

describe('every wait has a bound', () => {
  it('a vault folder that is gone fails at once (ENOENT is not "released meanwhile")', async () => {
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(path.join(tmp.dir, 'removed', 'vault.tessera'), h.options));
    expect(error.kind).toBe('io');
    expect(error.message).toMatch(/ENOENT/);
    expect(h.attempts()).toBe(1);
    expect(h.sleeps).toEqual([]);
  });

  it('gives up on a live holder when the deadline passes, counting its waits', async () => {
    writeFileSync(lockFilePath(file), liveHere());
    const h = harness({ timeoutMs: 50 });
    const error = await failure(acquireLock(file, h.options));
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h.elapsed()).toBeGreaterThanOrEqual(50);
    expect(h.elapsed()).toBeLessThan(50 + 50);
    expect(h.sleeps.length).toBeGreaterThan(0);
    expect(h.sleeps.length).toBeLessThanOrEqual(10);
    expect(leftovers()).toEqual([]);
  });

  it('ends even when the clock never moves (a sleep that returns at once)', async () => {
    writeFileSync(lockFilePath(file), liveHere());
    let sleeps = 0;
    const h = harness({
      timeoutMs: 50,
      monotonicNow: () => 0,
      sleep: async () => {
        sleeps++;
      },
    });
    const error = await failure(acquireLock(file, h.options));
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect(sleeps).toBeGreaterThan(0);
    expect(sleeps).toBeLessThanOrEqual(50 / 5 + 1); // never asks to sleep less than 5 ms, so 11 waits cover 50 ms
    expect(leftovers()).toEqual([]);
  });

  it('timeout 0 tries once and never waits', async () => {
    writeFileSync(lockFilePath(file), liveHere());
    const h = harness({ timeoutMs: 0 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h.sleeps).toEqual([]);
    expect(h.attempts()).toBe(1);
  });
});
