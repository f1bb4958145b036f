// SPDX-License-Identifier: GPL-3.0-or-later
/** Automatic backups: verified copies, pruning to N good ones, a corrupted newest backup, debounce. */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backupFileName,
  createAutoBackup,
  createBackupScheduler,
  defaultBackupDir,
  listBackups,
  readBackup,
  writeBackup,
} from '../../../electron/export';
import { createVault, KDF_FLOOR, type UnlockedVault } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf } from './arbitraries';

const T0 = Date.UTC(2024, 0, 2, 3, 4, 5);
let dir = '';
let vault: UnlockedVault;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-backups-'));
  vault = await createVault({ path: path.join(dir, 'vault.tessera'), kdf: fakeKdf, kdfParams: KDF_FLOOR }, 'pw');
  await vault.add([
    {
      type: 'totp',
      issuer: 'A',
      account: 'a',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      secret: new Uint8Array(20).fill(1),
    },
  ]);
});
afterAll(async () => {
  vault.lock();
  await rm(dir, { recursive: true, force: true });
});

describe('writeBackup', () => {
  it('copies the vault file (encrypted, restorable with the vault password), 0600 in a 0700 folder', async () => {
    const backups = path.join(dir, 'b1');
    const result = await writeBackup({ vault, dir: backups, now: T0 });
    expect(path.basename(result.file)).toBe('tessera-backup-20240102-030405.tessera');
    expect(result.generation).toBe(vault.generation);
    expect(Buffer.compare(await readFile(result.file), await readFile(vault.path))).toBe(0);
    expect((await stat(result.file)).mode & 0o777).toBe(0o600);
    expect((await stat(backups)).mode & 0o777).toBe(0o700);
    const entries = await readBackup(result.file, 'pw', { kdf: fakeKdf });
    expect(entries.map((e) => e.issuer)).toEqual(['A']);
    expect(await listBackups(backups)).toEqual([{ file: result.file, time: T0, ok: true }]);
  });

  it('defaults to a backups folder next to the vault; same-second backups get distinct names', async () => {
    expect(defaultBackupDir('/x/y/vault.tessera')).toBe(path.join('/x/y', 'backups'));
    const a = await writeBackup({ vault, now: T0 });
    const b = await writeBackup({ vault, now: T0 });
    expect(path.dirname(a.file)).toBe(path.join(dir, 'backups'));
    expect(path.basename(b.file)).toBe(backupFileName(T0, 1));
  });

  it('prunes to the newest N good backups', async () => {
    const backups = path.join(dir, 'b2');
    for (let i = 0; i < 5; i++) await writeBackup({ vault, dir: backups, now: T0 + i * 1000, keep: 3 });
    const list = await listBackups(backups);
    expect(list.map((b) => b.time)).toEqual([T0 + 4000, T0 + 3000, T0 + 2000]);
    expect(list.every((b) => b.ok)).toBe(true);
    expect((await readdir(backups)).filter((n) => n.endsWith('.sha256'))).toHaveLength(3);
  });

  it('detects a corrupted newest backup and does not count it as good', async () => {
    const backups = path.join(dir, 'b3');
    for (let i = 0; i < 3; i++) await writeBackup({ vault, dir: backups, now: T0 + i * 1000, keep: 2 });
    const [newest] = await listBackups(backups);
    const bytes = await readFile(newest?.file ?? '');
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0x01; // a bit flip in the ciphertext
    await writeFile(newest?.file ?? '', bytes);
    const list = await listBackups(backups);
    expect(list.map((b) => b.ok)).toEqual([false, true]);
    // The next backup keeps 2 good ones: the new one and the older good one; the damaged one stays listed, not counted.
    await writeBackup({ vault, dir: backups, now: T0 + 10_000, keep: 2 });
    const after = await listBackups(backups);
    expect(after.filter((b) => b.ok).map((b) => b.time)).toEqual([T0 + 10_000, T0 + 1000]);
    expect(after.find((b) => !b.ok)?.time).toBe(T0 + 2000);
  });

  it('a truncated backup is not ok; a rejected verification removes the new file and prunes nothing', async () => {
    const backups = path.join(dir, 'b4');
    const good = await writeBackup({ vault, dir: backups, now: T0, keep: 1 });
    const bad = await writeBackup({ vault, dir: backups, now: T0 + 1000, keep: 5 });
    await writeFile(bad.file, (await readFile(bad.file)).subarray(0, 20));
    expect((await listBackups(backups)).map((b) => b.ok)).toEqual([false, true]);
    await expect(
      writeBackup({ vault, dir: backups, now: T0 + 2000, keep: 1, verify: () => Promise.reject(new Error('no')) }),
    ).rejects.toMatchObject({ reason: 'verify-failed' });
    expect((await listBackups(backups)).map((b) => b.file)).toEqual([bad.file, good.file]);
  });
});

describe('backup scheduler', () => {
  it('debounces changes into one run after the quiet time, with a fake clock', async () => {
    const clock = new FakeClock(T0);
    let runs = 0;
    const scheduler = createBackupScheduler({ clock, debounceMs: 1000, run: async () => void runs++ });
    scheduler.changed();
    clock.advance(900);
    scheduler.changed();
    clock.advance(900);
    expect(runs).toBe(0);
    expect(clock.pending()).toBe(1);
    clock.advance(100);
    await Promise.resolve();
    expect(runs).toBe(1);
    scheduler.changed();
    await scheduler.flush();
    expect(runs).toBe(2);
    expect(clock.pending()).toBe(0);
    scheduler.dispose();
    scheduler.changed();
    clock.advance(5000);
    expect(runs).toBe(2);
  });

  it('a change during a run schedules one more run after it; errors go to onError', async () => {
    const clock = new FakeClock(T0);
    let release: () => void = () => undefined;
    const errors: unknown[] = [];
    let runs = 0;
    const scheduler = createBackupScheduler({
      clock,
      debounceMs: 10,
      onError: (e) => errors.push(e),
      run: () => {
        runs++;
        return runs === 1 ? new Promise<void>((r) => (release = r)) : Promise.reject(new Error('disk full'));
      },
    });
    scheduler.changed();
    clock.advance(10);
    scheduler.changed();
    clock.advance(10);
    expect(runs).toBe(1);
    release();
    await new Promise((r) => setImmediate(r));
    clock.advance(10);
    await new Promise((r) => setImmediate(r));
    expect(runs).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('createAutoBackup writes a verified backup after the debounce', async () => {
    const clock = new FakeClock(T0 + 60_000);
    const backups = path.join(dir, 'auto');
    const done: string[] = [];
    const auto = createAutoBackup({ vault, clock, dir: backups, debounceMs: 500, onBackup: (r) => done.push(r.file) });
    auto.changed();
    clock.advance(500);
    await auto.flush();
    expect(done).toHaveLength(1);
    expect((await listBackups(backups)).map((b) => b.ok)).toEqual([true]);
    auto.dispose();
  });
});
