// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Automatic backups through the desktop services, end to end in Node: a real vault on disk (fast
 * fake KDF), the fake clock driving the quiet time, a fake folder dialog, and the backups read back
 * with the project's own `readBackup` and `listBackups`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultBackupDir, listBackups, readBackup } from '../../../electron/export';
import type { BackupStatus } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import { KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { fakeKdf } from '../export/arbitraries';
import { MemoryClipboard } from '../../helpers/memory-clipboard';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const PASSWORD = 'correct horse battery';
const T0 = Date.UTC(2024, 0, 31, 12, 0, 0);
const QUIET_MS = 5_000;

let dir: string;
let vaultPath: string;
let clock: FakeClock;
let events: { channel: EventChannel; payload: unknown }[];
/** What the folder dialog answers next (null: Cancel). */
let nextFolder: string | null;
let waiters: { test: (s: BackupStatus) => boolean; resolve: (s: BackupStatus) => void }[];
const running: AppServices[] = [];

function services(): AppServices {
  const desktop: DesktopPorts = { ...NO_DESKTOP, pickFolder: async () => nextFolder };
  const s = createAppServices({
    vaultPath,
    clipboard: new MemoryClipboard(),
    clock,
    emit: (channel, payload) => {
      events.push({ channel, payload });
      if (channel !== 'backups:changed') return;
      const status = payload as BackupStatus;
      waiters = waiters.filter((w) => (w.test(status) ? (w.resolve(status), false) : true));
    },
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
    desktop,
  });
  running.push(s);
  return s;
}

/**
 * The next `backups:changed` that satisfies `test` (events are announced after the run that caused
 * them). Fails after a few real seconds instead of hanging when the event never comes.
 */
function backupEvent(test: (s: BackupStatus) => boolean): Promise<BackupStatus> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching backups:changed event')), 10_000);
    waiters.push({
      test,
      resolve: (status) => {
        clearTimeout(timer);
        resolve(status);
      },
    });
  });
}

/** Lets the quiet time pass and waits for the announcement of the new backup it writes. */
async function quietTime(s: AppServices): Promise<BackupStatus> {
  const known = new Set((await listBackups((await s.backups.status()).folder)).map((b) => b.file));
  clock.advance(QUIET_MS);
  return backupEvent((st) => st.lastVerified !== null && !known.has(st.lastVerified.file));
}

async function unlocked(): Promise<AppServices> {
  const s = services();
  await s.vault.create(PASSWORD);
  // The idle lock would end the session while the clock runs: not what is tested here.
  await s.settings.update({ autoLockMinutes: 0 });
  return s;
}

const add = (s: AppServices, issuer: string) =>
  s.entries.add({ type: 'totp', issuer, account: 'alice', secret: SECRET_B32 });

/** Backup files (not their digests) in `folder`, oldest first. */
const backupFiles = (folder: string): string[] => {
  try {
    return readdirSync(folder)
      .filter((n) => n.endsWith('.tessera'))
      .sort();
  } catch {
    return [];
  }
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-backup-service-'));
  vaultPath = path.join(dir, 'vault.tessera');
  clock = new FakeClock(T0);
  events = [];
  nextFolder = null;
  waiters = [];
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

describe('automatic backups', () => {
  it('backs up a burst of changes once, after the quiet time, verified, in the default folder', async () => {
    const s = await unlocked();
    const folder = defaultBackupDir(vaultPath);
    await add(s, 'Alpha');
    clock.advance(QUIET_MS - 1);
    await add(s, 'Bravo'); // restarts the quiet time
    clock.advance(QUIET_MS - 1);
    expect(backupFiles(folder)).toEqual([]);
    const status = await quietTime(s);

    const listed = await listBackups(folder);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.ok).toBe(true);
    expect(status).toEqual({
      enabled: true,
      folder,
      defaultFolder: true,
      keep: 10,
      lastVerified: { file: listed[0]?.file, time: listed[0]?.time },
      lastError: null,
    });
    const file = listed[0]?.file ?? '';
    // A copy of the encrypted vault: nothing readable without the password.
    const raw = readFileSync(file);
    expect(raw.includes('Alpha')).toBe(false);
    expect(raw.includes(SECRET_B32)).toBe(false);
    const entries = await readBackup(file, PASSWORD, { kdf: fakeKdf });
    expect(entries.map((e) => e.issuer)).toEqual(['Alpha', 'Bravo']);
    expect(await s.backups.status()).toEqual(status);
  });

  it('backs up after every kind of change: edit, reorder, deletion, HOTP counter', async () => {
    const s = await unlocked();
    const a = await add(s, 'Alpha');
    const b = await add(s, 'Bravo');
    const hotp = await s.entries.add({ type: 'hotp', issuer: 'H', account: 'x', secret: SECRET_B32 });
    await quietTime(s);
    const changes: (() => Promise<unknown>)[] = [
      () => s.entries.update(a.id, { notes: 'edited' }),
      () => s.entries.reorder([b.id, a.id, hotp.id]),
      () => s.codes.nextHotp(hotp.id),
      async () => {
        await s.entries.remove(b.id);
        clock.advance(10_000); // the undo time passes: the deletion is committed (on disk, asynchronously)
        await vi.waitFor(() => expect(s.vault.open().get(b.id)).toBeUndefined());
      },
    ];
    for (const change of changes) {
      const before = backupFiles(defaultBackupDir(vaultPath)).length;
      await change();
      await quietTime(s);
      expect(backupFiles(defaultBackupDir(vaultPath))).toHaveLength(before + 1);
    }
    const newest = (await s.backups.status()).lastVerified?.file ?? '';
    const entries = await readBackup(newest, PASSWORD, { kdf: fakeKdf });
    expect(entries.map((e) => [e.issuer, e.counter, e.notes])).toEqual([
      ['Alpha', null, 'edited'],
      ['H', 1, ''],
    ]);
  });

  it('keeps only the newest `backupKeep` backups: 12 changes with keep 3 leave 3', async () => {
    const s = await unlocked();
    await s.settings.update({ backupKeep: 3 });
    const entry = await add(s, 'Alpha');
    for (let i = 1; i <= 12; i++) {
      await s.entries.update(entry.id, { notes: `change ${i}` });
      await quietTime(s);
    }
    const listed = await listBackups(defaultBackupDir(vaultPath));
    expect(listed.map((b) => b.ok)).toEqual([true, true, true]);
    expect(readdirSync(defaultBackupDir(vaultPath))).toHaveLength(6); // each with its .sha256
    const newest = await readBackup(listed[0]?.file ?? '', PASSWORD, { kdf: fakeKdf });
    expect(newest[0]?.notes).toBe('change 12');
  });

  it('does not report a corrupted newest backup as the last verified one', async () => {
    const s = await unlocked();
    await add(s, 'Alpha');
    const older = await quietTime(s);
    await add(s, 'Bravo');
    const newer = await quietTime(s);
    expect(newer.lastVerified?.file).not.toBe(older.lastVerified?.file);
    const file = newer.lastVerified?.file ?? '';
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    expect((await s.backups.status()).lastVerified).toEqual(older.lastVerified);
  });

  it('writes a pending backup when the vault locks, before it is wiped', async () => {
    const s = await unlocked();
    await add(s, 'Alpha');
    expect(backupFiles(defaultBackupDir(vaultPath))).toEqual([]);
    await s.lock('manual');
    const listed = await listBackups(defaultBackupDir(vaultPath));
    expect(listed).toHaveLength(1);
    const entries = await readBackup(listed[0]?.file ?? '', PASSWORD, { kdf: fakeKdf });
    expect(entries.map((e) => e.issuer)).toEqual(['Alpha']);
    // Nothing is left scheduled for the locked vault.
    clock.advance(60_000);
    expect(backupFiles(defaultBackupDir(vaultPath))).toHaveLength(1);
  });

  it('writes nothing when automatic backups are off', async () => {
    const s = await unlocked();
    await s.settings.update({ autoBackup: false });
    await add(s, 'Alpha');
    clock.advance(60_000);
    await s.lock('manual');
    expect(backupFiles(defaultBackupDir(vaultPath))).toEqual([]);
    expect(await s.backups.status()).toMatchObject({ enabled: false, lastVerified: null, lastError: null });
  });

  it('runs a backup on request, with automatic backups on or off, and only while unlocked', async () => {
    const s = await unlocked();
    await s.settings.update({ autoBackup: false });
    await add(s, 'Alpha');
    const status = await s.backups.runNow();
    expect(status.lastVerified).not.toBeNull();
    expect(backupFiles(defaultBackupDir(vaultPath))).toHaveLength(1);
    await s.settings.update({ autoBackup: true });
    clock.advance(1000);
    expect((await s.backups.runNow()).lastVerified?.time).toBe(T0 + 1000);
    expect(backupFiles(defaultBackupDir(vaultPath))).toHaveLength(2);
    await s.lock('manual');
    expect(await s.backups.runNow().catch(toIpcError)).toMatchObject({ code: 'vault-locked' });
  });

  it('reports a failed backup without secrets, and clears it after a success', async () => {
    const s = await unlocked();
    writeFileSync(path.join(dir, 'blocker'), '');
    const bad = path.join(dir, 'blocker', 'backups');
    // Set directly: the folder dialog would refuse it (see below).
    await s.settings.service.update({ backupFolder: bad });
    await add(s, 'Alpha');
    clock.advance(QUIET_MS);
    const failed = await backupEvent((st) => st.lastError !== null);
    expect(failed.lastError).toBe(`Cannot create the backup folder ${bad}.`);
    expect(await s.backups.runNow().catch(toIpcError)).toEqual({ code: 'io', message: failed.lastError });
    await s.backups.useDefaultFolder();
    expect(await s.backups.status()).toMatchObject({ defaultFolder: true, lastError: null });
    expect((await s.backups.runNow()).lastError).toBeNull();
  });

  it('shows the newest backup on disk after a restart, while still locked', async () => {
    const first = await unlocked();
    await add(first, 'Alpha');
    await quietTime(first);
    await add(first, 'Bravo');
    const newest = await quietTime(first);
    await first.shutdown();

    const again = services();
    expect(await again.vault.status()).toMatchObject({ status: 'locked' });
    expect((await again.backups.status()).lastVerified).toEqual(newest.lastVerified);
    const started = backupEvent(() => true);
    await again.vault.unlock(PASSWORD);
    expect((await started).lastVerified).toEqual(newest.lastVerified);
  });
});

describe('backup folder', () => {
  it('refuses a folder it cannot write to and keeps the current one', async () => {
    const s = await unlocked();
    writeFileSync(path.join(dir, 'blocker'), '');
    nextFolder = path.join(dir, 'blocker', 'sub');
    expect(await s.backups.chooseFolder().catch(toIpcError)).toEqual({
      code: 'io',
      message: `Tessera cannot write to ${nextFolder}. Choose another folder.`,
    });
    expect(s.settings.view().settings.backupFolder).toBe('');
    expect(await s.backups.status()).toMatchObject({ folder: defaultBackupDir(vaultPath), defaultFolder: true });
  });

  it('uses a chosen folder from the next backup on, and goes back to the default', async () => {
    const s = await unlocked();
    await add(s, 'Alpha');
    await quietTime(s);
    const chosen = path.join(dir, 'elsewhere', 'backups');
    nextFolder = null;
    expect(await s.backups.chooseFolder()).toMatchObject({ defaultFolder: true });

    nextFolder = chosen;
    const announced = backupEvent((st) => st.folder === chosen);
    const status = await s.backups.chooseFolder();
    expect(status).toMatchObject({ folder: chosen, defaultFolder: false, lastVerified: null });
    expect(await announced).toMatchObject({ folder: chosen });
    expect(s.settings.view().settings.backupFolder).toBe(chosen);
    expect(readdirSync(chosen)).toEqual([]); // the write probe is gone
    // A new folder starts with a backup of the vault as it is.
    await quietTime(s);
    expect(backupFiles(chosen)).toHaveLength(1);
    await s.entries.add({ type: 'totp', issuer: 'Bravo', account: 'b', secret: SECRET_B32 });
    await quietTime(s);
    expect(backupFiles(chosen)).toHaveLength(2);
    expect(backupFiles(defaultBackupDir(vaultPath))).toHaveLength(1);

    expect(await s.backups.useDefaultFolder()).toMatchObject({
      folder: defaultBackupDir(vaultPath),
      defaultFolder: true,
    });
    expect(s.settings.view().settings.backupFolder).toBe('');
  });

  it('changes of the backup settings are announced', async () => {
    const s = await unlocked();
    const announced = backupEvent((st) => st.keep === 4);
    await s.settings.update({ backupKeep: 4 });
    expect(await announced).toMatchObject({ keep: 4, enabled: true });
    const off = backupEvent((st) => !st.enabled);
    await s.settings.update({ autoBackup: false });
    await off;
    const before = events.filter((e) => e.channel === 'backups:changed').length;
    await s.settings.update({ hideCodes: true });
    await s.backups.status();
    expect(events.filter((e) => e.channel === 'backups:changed')).toHaveLength(before);
  });

  it('needs the vault unlocked to change the folder', async () => {
    const s = await unlocked();
    await s.lock('manual');
    nextFolder = path.join(dir, 'x');
    expect(await s.backups.chooseFolder().catch(toIpcError)).toMatchObject({ code: 'vault-locked' });
    expect(await s.backups.useDefaultFolder().catch(toIpcError)).toMatchObject({ code: 'vault-locked' });
    expect(await s.backups.status()).toMatchObject({ enabled: true, defaultFolder: true });
  });
});
