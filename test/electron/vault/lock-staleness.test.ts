// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 7 and issue 18 item 5: which locks block a save, and for how long. Each computer
 * locks under its own name (`.~<vault>.<computer tag>.lock`), so a lock from another computer,
 * delivered by a sync tool, is never read, waited for or deleted. At this computer's name, a lock
 * not taken on this computer since it started (another boot id, another computer's content) is
 * broken at once, and so is one whose process is gone; a lock dated in the future is broken once it
 * has sat unchanged for `staleMs` while we watched. The computer (host name, boot id) is injected;
 * a fake clock, advanced by the injected sleep, makes every duration exact.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVault, unlockVault, VaultError } from '../../../electron/vault';
import { acquireLock, lockFilePath, type LockFileOptions } from '../../../electron/vault/lock-file';
import { computerTag, thisComputer, type ComputerIdentity } from '../../../electron/vault/this-computer';
import { fastOptions, makeTempDir, totpEntry } from './helpers/fakes';
import { lockClock } from './helpers/lock-clock';

const STALE = 1000;
const DAY = 86_400_000;
const BOOT = 'linux:0b0b0b0b-1111-4111-8111-111111111111';
const OTHER_BOOT = 'linux:0c0c0c0c-2222-4222-8222-222222222222';

/** This computer, as the tests inject it: started an hour ago, in its boot `BOOT`. */
const ME: ComputerIdentity = {
  tag: computerTag('desk', null),
  host: 'desk',
  bootId: BOOT,
  bootedAt: Date.now() - 3_600_000,
};
/** Another computer sharing the vault's folder. */
const LAPTOP: ComputerIdentity = { tag: computerTag('laptop', null), host: 'laptop', bootId: OTHER_BOOT, bootedAt: 0 };

interface Content {
  pid: number;
  host: string;
  bootId?: string;
  token: string;
  at: number;
}

let tmp: ReturnType<typeof makeTempDir>;
let file: string;

beforeEach(() => {
  tmp = makeTempDir('tessera-lock-stale-');
  file = path.join(tmp.dir, 'vault.tessera');
});
afterEach(() => tmp.cleanup());

/** The lock loop on a fake clock (helpers/lock-clock.ts) as computer `ME`, watching for `STALE` ms. */
function harness(extra: Partial<LockFileOptions> = {}) {
  return lockClock(`lock-stale-${Math.random()}`, 5000, { staleMs: STALE, computer: ME, ...extra });
}

function writeLock(content: Content, mtime?: number, computer: ComputerIdentity = ME): string {
  const lock = lockFilePath(file, computer);
  writeFileSync(lock, JSON.stringify(content));
  if (mtime !== undefined) utimesSync(lock, new Date(mtime), new Date(mtime));
  return lock;
}

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function token(): string {
  return `t-${Math.random().toString(16).slice(2)}`;
}

/** A lock a live process of `ME` took just now (its pid is our parent's, which is alive). */
function liveHere(at = Date.now()): Content {
  return { pid: process.ppid, host: ME.host, bootId: BOOT, token: token(), at };
}

describe('each computer has its own lock', () => {
  it('names it after the computer, with a start sync tools such as Nextcloud skip', () => {
    expect(path.basename(lockFilePath('/sync/vault.tessera', ME))).toBe(`.~vault.tessera.${ME.tag}.lock`);
    expect(lockFilePath('/sync/vault.tessera', ME)).not.toBe(lockFilePath('/sync/vault.tessera', LAPTOP));
    expect(ME.tag).toMatch(/^[0-9a-f]{8}$/);
    expect(lockFilePath('/sync/vault.tessera')).toBe(lockFilePath('/sync/vault.tessera', thisComputer()));
  });

  it("another computer's lock, live-looking and delivered by sync, neither blocks nor is touched", async () => {
    const theirs = writeLock(
      { pid: process.ppid, host: 'laptop', bootId: OTHER_BOOT, token: token(), at: Date.now() },
      undefined,
      LAPTOP,
    );
    const before = readFileSync(theirs, 'utf8');
    const h = harness({ timeoutMs: 100 });
    const held = await acquireLock(file, h.options);
    expect(h.elapsed()).toBe(0);
    expect(h.sleeps).toEqual([]);
    expect(JSON.parse(readFileSync(lockFilePath(file, ME), 'utf8'))).toMatchObject({
      pid: process.pid,
      host: 'desk',
      bootId: BOOT,
    });
    await held.assertHeld();
    await held.release();
    expect(existsSync(lockFilePath(file, ME))).toBe(false);
    expect(readFileSync(theirs, 'utf8')).toBe(before); // left in place, byte for byte
  });

  it('the lock of an older Tessera (`<vault>.lock`) is not ours either: left alone, never waited for', async () => {
    const legacy = `${file}.lock`;
    writeFileSync(legacy, JSON.stringify({ pid: process.ppid, host: ME.host, token: 'old', at: Date.now() }));
    const h = harness({ timeoutMs: 100 });
    await (await acquireLock(file, h.options)).release();
    expect(h.elapsed()).toBe(0);
    expect(existsSync(legacy)).toBe(true);
  });
});

describe('at this computer’s name: whose lock is it?', () => {
  it('same host, another boot: broken at once, though its pid is alive and it is dated now', async () => {
    writeLock({ ...liveHere(), bootId: OTHER_BOOT });
    const h = harness({ timeoutMs: 100 });
    const held = await acquireLock(file, h.options);
    expect(h.elapsed()).toBe(0);
    expect(JSON.parse(readFileSync(lockFilePath(file, ME), 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
  });

  it("another computer's content at this computer's name (a copy): broken at once, even dated a day ahead", async () => {
    const future = Date.now() + DAY;
    writeLock({ pid: 4242, host: 'laptop-in-the-future', bootId: OTHER_BOOT, token: token(), at: future }, future);
    const h = harness({ timeoutMs: 100 });
    await (await acquireLock(file, h.options)).release();
    expect(h.elapsed()).toBe(0);
    // Without an exact boot id, the host name tells: another host's content is not ours.
    writeLock({ pid: process.ppid, host: 'laptop', token: token(), at: Date.now() });
    const h2 = harness({ timeoutMs: 100 });
    await (await acquireLock(file, h2.options)).release();
    expect(h2.elapsed()).toBe(0);
  });

  it('this boot, renamed since (same exact boot id, another host name): its live process is waited for', async () => {
    writeLock({ ...liveHere(), host: 'desk-before-the-rename' });
    const h = harness({ timeoutMs: 100 });
    const error = await acquireLock(file, h.options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect((error as Error).message).toContain('on desk-before-the-rename');
    expect(h.elapsed()).toBeGreaterThanOrEqual(100);
    expect(h.elapsed()).toBeLessThan(150);
  });

  it('approximate boot times (macOS, Windows): a lock from before this computer started is stale at once', async () => {
    const me: ComputerIdentity = { ...ME, bootId: `booted:${Math.round(ME.bootedAt / 1000)}` };
    // Taken two minutes before this computer started, by a pid that happens to be alive now.
    writeLock({ pid: process.ppid, host: ME.host, bootId: 'booted:1', token: token(), at: ME.bootedAt - 120_000 });
    const h = harness({ timeoutMs: 100, staleMs: 10 * DAY, computer: me });
    await (await acquireLock(file, h.options)).release();
    expect(h.elapsed()).toBe(0);
    // Taken after it started: judged by its process, which is alive, so it is waited for.
    writeLock({ pid: process.ppid, host: ME.host, bootId: 'booted:1', token: token(), at: Date.now() });
    const h2 = harness({ timeoutMs: 100, computer: me });
    await expect(acquireLock(file, h2.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h2.elapsed()).toBeGreaterThanOrEqual(100);
  });

  it('a lock written before boot ids (no bootId) by a live process here is still waited for', async () => {
    const { bootId: _, ...old } = liveHere();
    writeLock(old);
    const h = harness({ timeoutMs: 60 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h.elapsed()).toBeGreaterThanOrEqual(60);
  });
});

describe('staleness by our own observation', () => {
  it('a slow first look (a busy machine) does not cut the watch short', async () => {
    const future = Date.now() + DAY;
    writeLock(liveHere(future), future);
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

  it('a live lock of this boot dated a day ahead (the clock went back) is broken after staleMs of watching', async () => {
    const future = Date.now() + DAY;
    writeLock(liveHere(future), future);
    const h = harness({ timeoutMs: 100 });
    const held = await acquireLock(file, h.options);
    expect(h.elapsed()).toBeGreaterThanOrEqual(STALE);
    expect(h.elapsed()).toBeLessThan(STALE + 60);
    expect(JSON.parse(readFileSync(lockFilePath(file, ME), 'utf8'))).toMatchObject({ pid: process.pid });
    await held.release();
    expect(existsSync(lockFilePath(file, ME))).toBe(false);
  });

  it('a same-host lock dated in the future goes stale staleMs after we first saw it, across attempts', async () => {
    // Its process id is alive, so only our observation can tell.
    const future = Date.now() + DAY;
    writeLock(liveHere(future), future);
    const h = harness({ timeoutMs: 0 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    h.advance(STALE / 2);
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    h.advance(STALE / 2);
    const held = await acquireLock(file, h.options);
    await held.release();
    expect(existsSync(lockFilePath(file, ME))).toBe(false);
  });

  it('a lock that changes while we watch is a new lock: the watch starts again, and the wait still ends', async () => {
    writeLock(liveHere(Date.now() + DAY));
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
          const at = h.options.now!() + DAY; // dated ahead, so only our watch can judge it
          writeLock(liveHere(at), at);
        }
      },
    };
    const error = await acquireLock(file, options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'io', reason: 'busy' });
    expect((error as Error).message).toContain(`process ${process.ppid}`);
    expect(rewrites).toBeGreaterThan(1);
    expect(h.elapsed()).toBeLessThan(STALE + 60); // never longer than the stale interval
  });

  it('a same-host lock whose process is gone is still broken at once, without waiting', async () => {
    writeLock({ ...liveHere(Date.now() + DAY), pid: deadPid() });
    const h = harness({ timeoutMs: 100 });
    await (await acquireLock(file, h.options)).release();
    expect(h.elapsed()).toBe(0);
  });

  it('a same-host lock of a live process, dated now, is waited for until the timeout only', async () => {
    writeLock(liveHere());
    const h = harness({ timeoutMs: 100 });
    await expect(acquireLock(file, h.options)).rejects.toMatchObject({ kind: 'io', reason: 'busy' });
    expect(h.elapsed()).toBeGreaterThanOrEqual(100);
    expect(h.elapsed()).toBeLessThan(150);
  });
});

describe('whatever a lock file holds', () => {
  /** Lock contents as found in the wild: ours, older ones, garbled, hostile, huge numbers. */
  const contentArb = fc.oneof(
    fc
      .record(
        {
          pid: fc.oneof(fc.constant(process.ppid), fc.integer({ min: -5, max: 2 ** 31 }), fc.double()),
          host: fc.oneof(fc.constantFrom(ME.host, 'laptop', ''), fc.string({ maxLength: 20 })),
          bootId: fc.oneof(
            fc.constantFrom(BOOT, OTHER_BOOT, 'booted:1', ''),
            fc.string({ maxLength: 40 }),
            fc.integer(),
          ),
          token: fc.oneof(fc.string({ maxLength: 20 }), fc.constant(null)),
          at: fc.oneof(
            fc.integer({ min: -DAY, max: DAY }).map((d) => Date.now() + d),
            fc.double(),
            fc.constant(Number.MAX_SAFE_INTEGER),
          ),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
    fc.json({ maxDepth: 2 }),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
  );
  let run = 0;

  it('never throws anything but "busy", never waits beyond its bounds, leaves no temp file', async () => {
    await fc.assert(
      fc.asyncProperty(contentArb, fc.boolean(), async (text, atOtherComputer) => {
        const f = path.join(tmp.dir, `v${run++}.tessera`);
        const lock = lockFilePath(f, atOtherComputer ? LAPTOP : ME);
        writeFileSync(lock, text);
        const h = lockClock(`prop-${run}`, 5000, { computer: ME, timeoutMs: 20, staleMs: 100 });
        const outcome = await acquireLock(f, h.options).then(
          async (held) => {
            await held.release();
            return 'taken';
          },
          (e: unknown) => e,
        );
        if (outcome !== 'taken') expect(outcome).toMatchObject({ kind: 'io', reason: 'busy' });
        expect(h.elapsed()).toBeLessThanOrEqual(100 + 50);
        if (atOtherComputer) {
          // Another computer's lock: taken at once, theirs untouched.
          expect(outcome).toBe('taken');
          expect(h.elapsed()).toBe(0);
          expect(readFileSync(lock, 'latin1')).toBe(Buffer.from(text).toString('latin1'));
        }
        expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('through the vault', () => {
  it("a save is blocked neither by another computer's lock nor by a copy at our name; theirs stays", async () => {
    // A stale interval of 20 s: a save that waited for it would show in the time taken.
    const opts = fastOptions(tmp.dir, { lockTimeoutMs: 10, lockStaleMs: 20_000 });
    const v = await createVault(opts, 'staleness password');
    const laptopLock = lockFilePath(opts.path, LAPTOP);
    try {
      const future = Date.now() + DAY;
      writeFileSync(
        laptopLock,
        JSON.stringify({ pid: 4242, host: 'laptop', bootId: OTHER_BOOT, token: token(), at: future }),
      );
      writeFileSync(
        lockFilePath(opts.path),
        JSON.stringify({ pid: 4242, host: 'synced-from-elsewhere', bootId: OTHER_BOOT, token: token(), at: future }),
      );
      const started = performance.now();
      await v.add([totpEntry()]);
      expect(performance.now() - started).toBeLessThan(10_000); // not the stale interval: at once
      expect(v.entries()).toHaveLength(1);
      expect(readdirSync(tmp.dir).sort()).toEqual([path.basename(laptopLock), 'vault.tessera', 'vault.tessera.prev']);
    } finally {
      v.lock();
    }
    const again = await unlockVault(opts, 'staleness password');
    expect(again.entries()).toHaveLength(1);
    again.lock();
  });
});
