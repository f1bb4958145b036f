// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Copying a code through the desktop services: the current or the next period's code, each copy
 * counted in this computer's usage.json (the app data folder), never in the vault: the vault file's
 * bytes and time stay as they were.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inspectVault, KDF_FLOOR, unlockVault } from '../../../electron/vault';
import { createAppServices, type AppServices } from '../../../electron/services/app-services';
import { NO_NEXT_HOTP_CODE } from '../../../electron/services/codes-service';
import { toIpcError } from '../../../electron/services/error-report';
import { parseUsageFile, USAGE_FILE_NAME } from '../../../electron/services/usage-store';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery';
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238 SHA1 key "12345678901234567890"
const STEAM_B32 = 'Z3ZBVSU5ZE7PW3276QDB5KZKFAMT7Y4L';

let root: string;
let vaultDir: string;
let dataFolder: string;
let clock: FakeClock;
let clipboard: MemoryClipboard;
const running: AppServices[] = [];

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tessera-codes-usage-'));
  vaultDir = path.join(root, 'synced');
  dataFolder = path.join(root, 'app-data');
  mkdirSync(vaultDir);
  mkdirSync(dataFolder);
  clock = new FakeClock(59_000);
  clipboard = new MemoryClipboard();
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(root, { recursive: true, force: true });
});

/** The app's services on a vault in `vaultDir` (a synced folder, say), with this computer's data folder apart. */
function services(vaultPath = path.join(vaultDir, 'vault.tessera')): AppServices {
  const s = createAppServices({
    vaultPath,
    dataFolder,
    clipboard,
    clock,
    emit: () => undefined,
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
  });
  running.push(s);
  return s;
}

const usageFile = (): string => path.join(dataFolder, USAGE_FILE_NAME);
const readUsageFile = () => parseUsageFile(readFileSync(usageFile(), 'utf8'));

describe('copying a code', () => {
  it('counts each copy in usage.json in the data folder, and never writes the vault', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const a = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    const b = await s.entries.add({ type: 'steam', issuer: 'Steam', account: 'b', secret: STEAM_B32 });
    const vaultFile = path.join(vaultDir, 'vault.tessera');
    const bytes = readFileSync(vaultFile);
    const mtime = statSync(vaultFile).mtimeMs;
    const folder = readdirSync(vaultDir).sort();

    expect(await s.codes.usage()).toEqual({});
    await s.codes.copy(a.id);
    clock.advance(1_000);
    await s.codes.copy(a.id, { next: true });
    await s.codes.copy(b.id);

    expect(await s.codes.usage()).toEqual({
      [a.id]: { count: 2, lastUsed: 60_000 },
      [b.id]: { count: 1, lastUsed: 60_000 },
    });
    const { vaultId } = await inspectVault(vaultFile);
    expect(readUsageFile()).toEqual({ [vaultId]: await s.codes.usage() });
    // Nothing beside the vault changed: no save, no backup, no usage file there.
    expect(readFileSync(vaultFile).equals(bytes)).toBe(true);
    expect(statSync(vaultFile).mtimeMs).toBe(mtime);
    expect(readdirSync(vaultDir).sort()).toEqual(folder);
    expect(await inspectVault(vaultFile)).toMatchObject({ vaultId });
  });

  it('copies the next period’s code for TOTP and Steam: the code valid from the current period’s end', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const totp = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32, digits: 8 });
    const steam = await s.entries.add({ type: 'steam', issuer: 'Steam', account: 'b', secret: STEAM_B32 });
    // 59 s: 1 s left of the 30–60 s period; move to its first second, far from the next one.
    clock.advance(2_000);
    const copied = new Map<string, string>();
    for (const e of [totp, steam]) {
      const now = s.codes.current().find((c) => c.id === e.id)!;
      expect(now).toMatchObject({ validFrom: 60_000, validUntil: 90_000 });
      expect(await s.codes.copy(e.id, { next: true })).toBe(20);
      expect(clipboard.text).not.toBe(now.code);
      copied.set(e.id, clipboard.text);
    }
    clock.advance(30_000);
    for (const e of [totp, steam]) {
      expect(s.codes.current().find((c) => c.id === e.id)).toMatchObject({
        validFrom: 90_000,
        code: copied.get(e.id),
      });
    }
    expect(copied.get(totp.id)).toMatch(/^\d{8}$/);
    expect(copied.get(steam.id)).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
  });

  it('lets the clipboard guard clear a next code as any copy', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const e = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    await s.codes.copy(e.id, { next: true });
    expect(clipboard.text).toMatch(/^\d{6}$/);
    clock.advance(20_000);
    await new Promise((r) => setImmediate(r));
    expect(clipboard.text).toBe('');
  });

  it('refuses the next code of a counter-based account in plain words, copying and counting nothing', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const hotp = await s.entries.add({ type: 'hotp', issuer: 'RFC', account: '4226', secret: SECRET_B32, counter: 0 });
    await s.codes.nextHotp(hotp.id);
    const refused = await s.codes.copy(hotp.id, { next: true }).then(
      () => null,
      (error: unknown) => toIpcError(error),
    );
    expect(refused).toMatchObject({ code: 'invalid-entry', message: NO_NEXT_HOTP_CODE });
    expect(await s.codes.usage()).toEqual({});
    // Its current code copies and counts as any other.
    await s.codes.copy(hotp.id);
    expect(await s.codes.usage()).toEqual({ [hotp.id]: { count: 1, lastUsed: 59_000 } });
  });

  it('keeps the counts over a lock, and answers “locked” while locked', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const a = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    await s.codes.copy(a.id);
    await s.lock('manual');
    await expect(s.codes.usage()).rejects.toMatchObject({ name: 'VaultLockedError' });
    await s.vault.unlock(PASSWORD);
    expect(await s.codes.usage()).toEqual({ [a.id]: { count: 1, lastUsed: 59_000 } });
  });

  it('drops the accounts deleted from the vault at the next copy', async () => {
    const s = services();
    await s.vault.create(PASSWORD);
    const a = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    const b = await s.entries.add({ type: 'totp', issuer: 'B', account: 'b', secret: SECRET_B32 });
    await s.codes.copy(a.id);
    await s.codes.copy(b.id);
    // The CLI deletes B.
    const cli = await unlockVault(
      { path: path.join(vaultDir, 'vault.tessera'), kdf: fakeKdf, kdfParams: KDF_FLOOR },
      PASSWORD,
    );
    await cli.remove(b.id);
    cli.lock();
    await s.syncWithDisk();
    expect(await s.codes.usage()).toEqual({ [a.id]: { count: 1, lastUsed: 59_000 } });
    expect(Object.keys(Object.values(readUsageFile())[0]!)).toEqual([a.id, b.id]);
    await s.codes.copy(a.id);
    expect(Object.keys(Object.values(readUsageFile())[0]!)).toEqual([a.id]);
  });

  it('keeps two vaults’ counts apart in one data folder', async () => {
    const first = services();
    await first.vault.create(PASSWORD);
    const a = await first.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    await first.codes.copy(a.id);
    const other = path.join(root, 'other.tessera');
    const second = services(other);
    await second.vault.create(PASSWORD);
    const b = await second.entries.add({ type: 'totp', issuer: 'B', account: 'b', secret: SECRET_B32 });
    await second.codes.copy(b.id);
    await second.codes.copy(b.id);
    expect(await first.codes.usage()).toEqual({ [a.id]: { count: 1, lastUsed: 59_000 } });
    expect(await second.codes.usage()).toEqual({ [b.id]: { count: 2, lastUsed: 59_000 } });
    const ids = [
      (await inspectVault(path.join(vaultDir, 'vault.tessera'))).vaultId,
      (await inspectVault(other)).vaultId,
    ];
    expect(Object.keys(readUsageFile()).sort()).toEqual(ids.sort());
  });

  it('starts again over a damaged usage.json, and a copy still works when it cannot be written', async () => {
    writeFileSync(usageFile(), '{"version":1,"vaults":');
    const s = services();
    await s.vault.create(PASSWORD);
    const a = await s.entries.add({ type: 'totp', issuer: 'A', account: 'a', secret: SECRET_B32 });
    expect(await s.codes.usage()).toEqual({});
    await s.codes.copy(a.id);
    expect(await s.codes.usage()).toEqual({ [a.id]: { count: 1, lastUsed: 59_000 } });
    // A folder where the file should be: the write fails, the copy does not.
    rmSync(usageFile());
    mkdirSync(usageFile());
    await expect(s.codes.copy(a.id)).resolves.toBe(20);
    expect(await s.codes.usage()).toEqual({});
  });
});
