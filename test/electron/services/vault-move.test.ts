// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Moving the open vault into another folder, on real files: the vault and its previous generation
 * arrive verified, the pointer names them, the session carries on there without the password, and
 * the old files go. Another vault of the same name is never touched; this vault already there (from
 * another computer) is merged only when the user agrees, with its password when it differs. A crash
 * at any step (looked at from inside the move) leaves a pointer naming a vault that opens; a
 * failure at any step leaves either the old place or the new one working.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readVaultLocation, writeVaultLocation } from '../../../electron/services/vault-location';
import { lockFilePath } from '../../../electron/vault/lock-file';
import { moveVault, type MoveStep, type MoveVaultDeps } from '../../../electron/services/vault-move';
import {
  createVault,
  inspectVault,
  KDF_FLOOR,
  unlockVault,
  type NewVaultEntry,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { fakeKdf } from '../export/arbitraries';

const PASSWORD = 'correct horse battery staple';
const OTHER_PASSWORD = 'another horse battery staple';
const STEPS: readonly MoveStep[] = [
  'locked',
  'copied',
  'previous-copied',
  'verified',
  'pointer-written',
  'switched',
  'old-removed',
];

let dir: string;
let dataFolder: string;
let defaultPath: string;
let sync: string;
let clock: number;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-move-'));
  dataFolder = path.join(dir, 'data');
  defaultPath = path.join(dataFolder, 'vault.tessera');
  sync = path.join(dir, 'Sync');
  mkdirSync(dataFolder);
  mkdirSync(sync);
  clock = 1_800_000_000_000;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const options = (file: string): VaultOptions => ({
  path: file,
  kdf: fakeKdf,
  kdfParams: KDF_FLOOR,
  now: () => (clock += 1000),
});

function account(issuer: string): NewVaultEntry {
  return {
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: new TextEncoder().encode(`secret of ${issuer}`),
    issuer,
    account: 'alice',
  };
}

const issuers = (vault: UnlockedVault): string[] =>
  vault
    .entries()
    .map((e) => e.issuer)
    .sort();

/** A vault at `file` with these accounts, saved twice (so it has a previous generation). */
async function makeVault(file: string, names: readonly string[], password = PASSWORD): Promise<UnlockedVault> {
  const vault = await createVault(options(file), password);
  await vault.add(names.slice(0, 1).map(account));
  if (names.length > 1) await vault.add(names.slice(1).map(account));
  return vault;
}

/** What the app does with the new session: it takes the old one's place, which is wiped. */
function holder(session: UnlockedVault) {
  const held = { session };
  return {
    held,
    switchTo: async (next: UnlockedVault) => {
      const old = held.session;
      held.session = next;
      old.lock();
    },
  };
}

function depsFor(session: UnlockedVault, extra: Partial<MoveVaultDeps> = {}) {
  const h = holder(session);
  const deps: MoveVaultDeps = {
    vault: session,
    toFolder: sync,
    dataFolder,
    defaultPath,
    optionsFor: options,
    switchTo: h.switchTo,
    lockTimeoutMs: 200,
    ...extra,
  };
  return { deps, held: h.held };
}

/** The file this computer would open now: the pointer's, else the default. */
const pointed = (): string => readVaultLocation(dataFolder) ?? defaultPath;

/** Whoever starts next (the app or the CLI) opens the pointed file with the password and finds these accounts. */
async function nextStartFinds(expected: readonly string[]): Promise<void> {
  const file = pointed();
  expect(existsSync(file), `${file} exists`).toBe(true);
  const vault = await unlockVault({ ...options(file), lockTimeoutMs: 50 }, PASSWORD);
  expect(issuers(vault)).toEqual([...expected].sort());
  vault.lock();
}

describe('moving the vault into an empty folder', () => {
  it('moves the vault and its previous generation, verified; the session carries on there; the old files go', async () => {
    const session = await makeVault(defaultPath, ['GitHub', 'GitLab']);
    const bytes = readFileSync(defaultPath);
    const prev = readFileSync(`${defaultPath}.prev`);
    const { deps, held } = depsFor(session);
    const result = await moveVault(deps);
    const moved = path.join(sync, 'vault.tessera');
    expect(result).toEqual({ status: 'moved', path: moved, merged: null, leftBehind: [] });
    expect(readFileSync(moved)).toEqual(bytes);
    expect(readFileSync(`${moved}.prev`)).toEqual(prev);
    expect(existsSync(defaultPath)).toBe(false);
    expect(existsSync(`${defaultPath}.prev`)).toBe(false);
    expect(existsSync(lockFilePath(defaultPath))).toBe(false);
    expect(readVaultLocation(dataFolder)).toBe(moved);
    // The old session is wiped; the new one is over the moved file, with the same accounts, no password asked.
    expect(session.locked).toBe(true);
    expect(held.session.path).toBe(moved);
    expect(issuers(held.session)).toEqual(['GitHub', 'GitLab']);
    // Saves go to the new place.
    await held.session.add([account('Proton')]);
    expect(existsSync(defaultPath)).toBe(false);
    await nextStartFinds(['GitHub', 'GitLab', 'Proton']);
    // Nothing else was left in either folder (no temp file, no lock).
    expect(readdir(sync)).toEqual(['vault.tessera', 'vault.tessera.prev']);
    expect(readdir(dataFolder)).toEqual(['vault-location.json']);
    held.session.lock();
  });

  it('moving back into the data folder forgets the pointer (the default names it)', async () => {
    const elsewhere = path.join(sync, 'vault.tessera');
    await writeVaultLocation(dataFolder, elsewhere);
    const session = await makeVault(elsewhere, ['GitHub']);
    const { deps, held } = depsFor(session, { toFolder: dataFolder });
    const result = await moveVault(deps);
    expect(result.status).toBe('moved');
    expect(readVaultLocation(dataFolder)).toBeNull();
    expect(existsSync(defaultPath)).toBe(true);
    expect(existsSync(elsewhere)).toBe(false);
    await nextStartFinds(['GitHub']);
    held.session.lock();
  });

  it.each([
    ['the folder it is in', () => dataFolder, /already in/],
    ['a folder that is not there', () => path.join(dir, 'nope'), /is not there/],
    ['a file, not a folder', () => writeAndReturn(path.join(dir, 'plain.txt')), /is not a folder/],
  ])('refuses %s, changing nothing', async (_what, folder, message) => {
    const session = await makeVault(defaultPath, ['GitHub']);
    const before = readFileSync(defaultPath);
    const { deps } = depsFor(session, { toFolder: folder() });
    await expect(moveVault(deps)).rejects.toThrow(message);
    expect(readFileSync(defaultPath)).toEqual(before);
    expect(readVaultLocation(dataFolder)).toBeNull();
    expect(session.locked).toBe(false);
    session.lock();
  });

  it('refuses to move a vault reached through a symbolic link (the user knows where it leads)', async () => {
    if (process.platform === 'win32') return;
    const real = path.join(dir, 'real.tessera');
    const session0 = await makeVault(real, ['GitHub']);
    session0.lock();
    const link = path.join(dataFolder, 'link.tessera');
    symlinkSync(real, link);
    const session = await unlockVault(options(link), PASSWORD);
    const { deps } = depsFor(session);
    await expect(moveVault(deps)).rejects.toThrow(/symbolic link/);
    expect(existsSync(path.join(sync, 'link.tessera'))).toBe(false);
    session.lock();
  });
});

describe('a file of the same name in the folder', () => {
  it('another vault is never replaced: refused in a sentence, both files as they were', async () => {
    const session = await makeVault(defaultPath, ['GitHub']);
    const other = await makeVault(path.join(sync, 'vault.tessera'), ['Bank']);
    other.lock();
    const theirs = readFileSync(path.join(sync, 'vault.tessera'));
    const ours = readFileSync(defaultPath);
    const { deps } = depsFor(session, { merge: {} });
    await expect(moveVault(deps)).rejects.toThrow(
      /already holds another vault named vault\.tessera \(a different vault, not a copy of this one\)\. Tessera does not replace it/,
    );
    expect(readFileSync(path.join(sync, 'vault.tessera'))).toEqual(theirs);
    expect(readFileSync(defaultPath)).toEqual(ours);
    expect(readVaultLocation(dataFolder)).toBeNull();
    session.lock();
  });

  it('a file that is not a vault is never replaced either', async () => {
    const session = await makeVault(defaultPath, ['GitHub']);
    writeFileSync(path.join(sync, 'vault.tessera'), 'my notes');
    const { deps } = depsFor(session);
    await expect(moveVault(deps)).rejects.toThrow(/not a Tessera vault, or is damaged/);
    expect(readFileSync(path.join(sync, 'vault.tessera'), 'utf8')).toBe('my notes');
    session.lock();
  });

  it('this very vault (from another computer): asks first, then merges both and uses that file', async () => {
    const session = await makeVault(defaultPath, ['GitHub', 'GitLab']);
    // The other computer's copy: the same vault, with a change of its own.
    const theirFile = path.join(sync, 'vault.tessera');
    writeFileSync(theirFile, readFileSync(defaultPath));
    const other = await unlockVault(options(theirFile), PASSWORD);
    await other.add([account('Bank')]);
    await other.remove(other.entries().find((e) => e.issuer === 'GitLab')!.id);
    other.lock();
    const theirs = readFileSync(theirFile);

    const asked = depsFor(session);
    expect(await moveVault(asked.deps)).toEqual({ status: 'same-vault', path: theirFile });
    expect(readFileSync(theirFile)).toEqual(theirs);
    expect(existsSync(defaultPath)).toBe(true);
    expect(readVaultLocation(dataFolder)).toBeNull();

    const { deps, held } = depsFor(session, { merge: {} });
    const result = await moveVault(deps);
    expect(result).toMatchObject({
      status: 'moved',
      path: theirFile,
      merged: { added: 1, removed: 1, passwordNowFrom: 'this' },
      leftBehind: [],
    });
    expect(issuers(held.session)).toEqual(['Bank', 'GitHub']);
    // Their copy is kept as the previous generation there; ours is gone from the data folder.
    expect(readFileSync(`${theirFile}.prev`)).toEqual(theirs);
    expect(existsSync(defaultPath)).toBe(false);
    await nextStartFinds(['Bank', 'GitHub']);
    held.session.lock();
  });

  it('this vault under another password: asks for it once, then merges into the newer key', async () => {
    const session = await makeVault(defaultPath, ['GitHub']);
    const theirFile = path.join(sync, 'vault.tessera');
    writeFileSync(theirFile, readFileSync(defaultPath));
    const other = await unlockVault(options(theirFile), PASSWORD);
    await other.changePassword(PASSWORD, OTHER_PASSWORD);
    await other.add([account('Bank')]);
    other.lock();

    const first = await moveVault(depsFor(session, { merge: {} }).deps);
    expect(first.status).toBe('needs-password');
    expect(first.status === 'needs-password' && first.message).toMatch(/has another master password/);
    const wrong = await moveVault(depsFor(session, { merge: { password: 'not it at all' } }).deps);
    expect(wrong.status === 'needs-password' && wrong.message).toMatch(/That password does not open/);
    expect(existsSync(defaultPath)).toBe(true);
    expect(readVaultLocation(dataFolder)).toBeNull();

    const { deps, held } = depsFor(session, { merge: { password: OTHER_PASSWORD } });
    const result = await moveVault(deps);
    expect(result).toMatchObject({ status: 'moved', merged: { added: 1, passwordNowFrom: 'copy' } });
    expect(issuers(held.session)).toEqual(['Bank', 'GitHub']);
    const reopened = await unlockVault(options(theirFile), OTHER_PASSWORD);
    expect(issuers(reopened)).toEqual(['Bank', 'GitHub']);
    reopened.lock();
    held.session.lock();
  });
});

describe('crash safety', () => {
  it.each(STEPS)('a crash at "%s" leaves a pointer naming a vault that opens, with every account', async (step) => {
    const session = await makeVault(defaultPath, ['GitHub', 'GitLab']);
    let looked = false;
    const { deps, held } = depsFor(session, {
      // What is on disk here is what a crash here would leave.
      reached: async (at) => {
        if (at !== step) return;
        looked = true;
        await nextStartFinds(['GitHub', 'GitLab']);
      },
    });
    await moveVault(deps);
    expect(looked).toBe(true);
    held.session.lock();
  });

  it.each(STEPS)('a failure at "%s" leaves the old place working, or the new one', async (step) => {
    const session = await makeVault(defaultPath, ['GitHub', 'GitLab']);
    const moved = path.join(sync, 'vault.tessera');
    const { deps, held } = depsFor(session, {
      reached: (at) => {
        if (at === step) throw new Error(`injected at ${at}`);
      },
    });
    await expect(moveVault(deps)).rejects.toThrow(`injected at ${step}`);
    const switched = STEPS.indexOf(step) >= STEPS.indexOf('switched');
    if (switched) {
      // Past the swap: the new place is the vault.
      expect(readVaultLocation(dataFolder)).toBe(moved);
      expect(held.session.path).toBe(moved);
    } else {
      // Undone: the old place is the vault, the copies are gone, the session still saves there.
      expect(readVaultLocation(dataFolder)).toBeNull();
      expect(existsSync(moved)).toBe(false);
      expect(existsSync(`${moved}.prev`)).toBe(false);
      expect(held.session).toBe(session);
      expect(session.locked).toBe(false);
      expect(existsSync(lockFilePath(defaultPath))).toBe(false);
    }
    await held.session.add([account('Proton')]);
    await nextStartFinds(['GitHub', 'GitLab', 'Proton']);
    expect(readdir(sync).filter((n) => n.endsWith('.tmp') || n.includes('.tmp-'))).toEqual([]);
    held.session.lock();
  });

  it('the vault id of the moved file is the vault’s own', async () => {
    const session = await makeVault(defaultPath, ['GitHub']);
    const id = session.vaultId;
    const { deps, held } = depsFor(session);
    await moveVault(deps);
    expect((await inspectVault(path.join(sync, 'vault.tessera'))).vaultId).toBe(id);
    held.session.lock();
  });
});

function readdir(folder: string): string[] {
  return readdirSync(folder).sort();
}

function writeAndReturn(file: string): string {
  writeFileSync(file, 'x');
  return file;
}
