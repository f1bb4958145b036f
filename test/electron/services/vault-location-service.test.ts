// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's place in the app's services, end to end on real files: "Move to another folder…"
 * moves the open vault and the app carries on there (codes, saves, backups on this computer), a new
 * start finds it through the pointer; the first run can put a new vault in a chosen folder (the
 * pointer is written once the vault is there) or use the vault already in it; a pointer to a file
 * that is not there is said in words, and "Choose vault file…" points at the right one. A vault
 * named by --vault or TESSERA_VAULT is not moved.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { VaultStatus } from '../../../electron/domain';
import type { EventChannel } from '../../../electron/ipc/contract';
import { createAppServices, type AppServices, type AppServicesDeps } from '../../../electron/services/app-services';
import { NO_DESKTOP, type DesktopPorts } from '../../../electron/services/desktop-ports';
import { readVaultLocation, resolveVaultLocation } from '../../../electron/services/vault-location';
import { createVault, KDF_FLOOR } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';
import { MemoryClipboard } from '../../helpers/memory-clipboard';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery';
const GITHUB = 'otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub';
const GITLAB = 'otpauth://totp/GitLab:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitLab';

let dir: string;
let dataFolder: string;
let defaultPath: string;
let sync: string;
let events: { channel: EventChannel; payload: unknown }[];
const running: AppServices[] = [];

/** The dialogs as the test answers them. */
const answers: { folder: string | null; files: string[] | null } = { folder: null, files: null };
const desktop: DesktopPorts = {
  ...NO_DESKTOP,
  pickFolder: async () => answers.folder,
  pickFiles: async () => answers.files,
};

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-place-'));
  dataFolder = path.join(dir, 'data');
  defaultPath = path.join(dataFolder, 'vault.tessera');
  sync = path.join(dir, 'Sync');
  mkdirSync(dataFolder);
  mkdirSync(sync);
  events = [];
  answers.folder = null;
  answers.files = null;
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

/** The app as it starts: where the vault is comes from the option, the environment, the pointer, the default. */
function start(found: Partial<Parameters<typeof resolveVaultLocation>[0]> = {}): AppServices {
  const location = resolveVaultLocation({ dataFolder, defaultPath, ...found });
  const deps: AppServicesDeps = {
    vaultPath: location.path,
    location,
    dataFolder,
    clipboard: new MemoryClipboard(),
    clock: new FakeClock(59_000),
    emit: (channel, payload) => events.push({ channel, payload }),
    kdf: fakeKdf,
    kdfParams: KDF_FLOOR,
    watchFile: () => () => undefined,
    watchFolder: () => () => undefined,
    desktop,
  };
  const s = createAppServices(deps);
  running.push(s);
  return s;
}

const statuses = (): VaultStatus[] =>
  events.filter((e) => e.channel === 'vault:status-changed').map((e) => e.payload as VaultStatus);

describe('Settings › Vault file: moving the open vault', () => {
  it('says where the vault is and that it may be moved', async () => {
    const s = start();
    expect(s.location.view()).toEqual({
      path: defaultPath,
      folder: dataFolder,
      source: 'default',
      defaultFolder: dataFolder,
      movable: true,
      problem: null,
    });
  });

  it('moves it; the app carries on there (codes, saves), backups stay on this computer, a new start finds it', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    const github = await s.entries.addUri(GITHUB);
    answers.folder = sync;
    const moved = path.join(sync, 'vault.tessera');

    const outcome = await s.location.move();
    expect(outcome).toEqual({
      status: 'moved',
      location: { ...s.location.view(), path: moved, folder: sync, source: 'computer' },
      merged: null,
      leftBehind: [],
    });
    expect(readVaultLocation(dataFolder)).toBe(moved);
    expect(existsSync(defaultPath)).toBe(false);
    // The window hears the new path; the vault stayed open throughout.
    expect(statuses().at(-1)).toMatchObject({ status: 'unlocked', path: moved });
    expect(statuses().some((st) => st.status === 'locked')).toBe(false);
    expect(await s.vault.status()).toMatchObject({ status: 'unlocked', path: moved });

    // Codes and saves work on the moved file.
    expect((await s.codes.current()).map((c) => c.id)).toEqual([github.id]);
    await s.entries.addUri(GITLAB);
    const bytes = readFileSync(moved);
    expect(existsSync(defaultPath)).toBe(false);
    // A backup now is written on this computer (the data folder), never into the synced folder.
    const backup = await s.backups.runNow();
    expect(path.dirname(backup.lastVerified?.file ?? '')).toBe(path.join(dataFolder, 'backups'));
    expect(readdirSync(sync).sort()).toEqual(['vault.tessera', 'vault.tessera.prev']);

    // Per-computer state stayed in the data folder.
    expect(readdirSync(dataFolder)).toEqual(expect.arrayContaining(['vault-location.json', 'backups']));
    await s.shutdown();

    const again = start();
    expect(await again.vault.status()).toMatchObject({ status: 'locked', path: moved });
    await again.vault.unlock(PASSWORD);
    expect((await again.entries.list()).map((e) => e.issuer).sort()).toEqual(['GitHub', 'GitLab']);
    expect(readFileSync(moved)).toEqual(bytes);
  });

  it('the folder dialog closed: nothing moves', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    expect(await s.location.move()).toEqual({ status: 'cancelled' });
    expect(existsSync(defaultPath)).toBe(true);
    expect(readVaultLocation(dataFolder)).toBeNull();
  });

  it('this vault already in the folder: asks, then merges with it on "merge"', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    await s.entries.addUri(GITHUB);
    // The other computer's copy, with an account of its own.
    const theirs = path.join(sync, 'vault.tessera');
    writeFileSync(theirs, readFileSync(defaultPath));
    const other = start({ option: theirs });
    await other.vault.unlock(PASSWORD);
    await other.entries.addUri(GITLAB);
    await other.shutdown();

    answers.folder = sync;
    expect(await s.location.move()).toEqual({ status: 'same-vault', folder: sync });
    expect(existsSync(defaultPath)).toBe(true);
    const outcome = await s.location.moveMerge(null);
    expect(outcome).toMatchObject({
      status: 'moved',
      merged: { added: 1, changed: 0, removed: 0, conflictNotes: 0, passwordFromCopy: false },
    });
    expect((await s.entries.list()).map((e) => e.issuer).sort()).toEqual(['GitHub', 'GitLab']);
    expect(existsSync(defaultPath)).toBe(false);
  });

  it('merging without a move waiting for it is refused in words', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    await expect(s.location.moveMerge(null)).rejects.toThrow(/Choose the folder again/);
  });

  it('another vault in the folder is refused in words; the vault stays', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    (
      await createVault({ path: path.join(sync, 'vault.tessera'), kdf: fakeKdf, kdfParams: KDF_FLOOR }, PASSWORD)
    ).lock();
    answers.folder = sync;
    await expect(s.location.move()).rejects.toThrow(/another vault named vault\.tessera/);
    expect(await s.vault.status()).toMatchObject({ status: 'unlocked', path: defaultPath });
  });

  it.each([
    ['--vault', { option: 'OPT' }, /--vault option/],
    ['TESSERA_VAULT', { environment: 'OPT' }, /TESSERA_VAULT environment variable/],
  ] as const)('a vault named by %s is not moved here', async (_what, found, message) => {
    const file = path.join(dir, 'given.tessera');
    const s = start({
      option: 'option' in found ? file : undefined,
      environment: 'environment' in found ? file : undefined,
    });
    await s.vault.create(PASSWORD);
    expect(s.location.view()).toMatchObject({ path: file, movable: false });
    answers.folder = sync;
    await expect(s.location.move()).rejects.toThrow(message);
    expect(existsSync(path.join(sync, 'given.tessera'))).toBe(false);
  });

  it('moving needs the vault open', async () => {
    const s = start();
    await expect(s.location.move()).rejects.toThrow(/locked/);
  });
});

describe('the first run: where to keep the vault', () => {
  it('a chosen empty folder: the new vault goes there, and is remembered once it is made', async () => {
    const s = start();
    answers.folder = sync;
    const view = await s.location.chooseFolder();
    const chosen = path.join(sync, 'vault.tessera');
    expect(view).toMatchObject({ path: chosen, folder: sync, source: 'computer', problem: null });
    expect(await s.vault.status()).toEqual({ status: 'absent', path: chosen });
    expect(statuses().at(-1)).toEqual({ status: 'absent', path: chosen });
    // Not remembered before there is a vault there.
    expect(readVaultLocation(dataFolder)).toBeNull();
    await s.vault.create(PASSWORD);
    await waitFor(() => readVaultLocation(dataFolder) === chosen);
    expect(existsSync(chosen)).toBe(true);
    expect(existsSync(defaultPath)).toBe(false);
  });

  it('a folder that holds a vault (from another computer): that one is used, to unlock', async () => {
    const theirs = path.join(sync, 'vault.tessera');
    (await createVault({ path: theirs, kdf: fakeKdf, kdfParams: KDF_FLOOR }, PASSWORD)).lock();
    const s = start();
    answers.folder = sync;
    await s.location.chooseFolder();
    expect(readVaultLocation(dataFolder)).toBe(theirs);
    expect(await s.vault.status()).toMatchObject({ status: 'locked', path: theirs });
  });

  it('a folder whose vault.tessera is not a vault is refused in words', async () => {
    writeFileSync(path.join(sync, 'vault.tessera'), 'not a vault');
    const s = start();
    answers.folder = sync;
    await expect(s.location.chooseFolder()).rejects.toThrow(/cannot open as a vault/);
    expect(s.location.view().path).toBe(defaultPath);
  });

  it('not while a vault is open', async () => {
    const s = start();
    await s.vault.create(PASSWORD);
    answers.folder = sync;
    await expect(s.location.chooseFolder()).rejects.toThrow(/The vault is open/);
  });
});

describe('the pointer names a file that is not there', () => {
  it('says so (not the default), and "Choose vault file…" points at the right one', async () => {
    const gone = path.join(dir, 'usb', 'vault.tessera');
    mkdirSync(path.dirname(gone));
    (await createVault({ path: gone, kdf: fakeKdf, kdfParams: KDF_FLOOR }, PASSWORD)).lock();
    const s0 = start();
    answers.folder = path.dirname(gone);
    await s0.location.chooseFolder();
    await s0.shutdown();
    // The drive is not connected now.
    const elsewhere = path.join(dir, 'elsewhere.tessera');
    writeFileSync(elsewhere, readFileSync(gone));
    rmSync(path.dirname(gone), { recursive: true });

    const s = start();
    expect(s.location.view().problem).toEqual({
      kind: 'missing',
      message: expect.stringMatching(/^Tessera's vault was at .*usb.*vault\.tessera, which is not there now/),
    });
    expect(await s.vault.status()).toEqual({ status: 'absent', path: gone });

    answers.files = [elsewhere];
    const view = await s.location.chooseFile();
    expect(view).toMatchObject({ path: elsewhere, problem: null });
    expect(readVaultLocation(dataFolder)).toBe(elsewhere);
    expect(await s.vault.status()).toMatchObject({ status: 'locked', path: elsewhere });
    await s.vault.unlock(PASSWORD);
  });

  it('"Choose vault file…" refuses a file that is not a vault, and keeps the setting', async () => {
    const s = start();
    const notVault = path.join(dir, 'notes.tessera');
    writeFileSync(notVault, 'hello');
    answers.files = [notVault];
    await expect(s.location.chooseFile()).rejects.toThrow(/damaged or is not a Tessera vault/);
    expect(readVaultLocation(dataFolder)).toBeNull();
  });
});

/** Waits (at most 5 s) for a write main starts without awaiting it: the pointer after the vault opens. */
async function waitFor(check: () => boolean): Promise<void> {
  const until = Date.now() + 5000;
  while (!check() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}
