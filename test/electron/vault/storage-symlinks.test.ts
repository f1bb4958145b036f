// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issue 14 finding 8: a vault reached through a symbolic link (say, into a synced folder) is saved
 * into the link's target — the link stays a link, the temp file and the previous generation lie
 * beside the target — and its lock lies beside the target too, so two links to one file share it.
 */
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePrivateFile } from '../../../electron/vault/private-file';
import {
  createVault,
  previousGenerationPath,
  unlockVault,
  VaultError,
  type UnlockedVault,
  type VaultOptions,
} from '../../../electron/vault';
import { acquireLock, lockFilePath } from '../../../electron/vault/lock-file';
import { writeVaultAtomically } from '../../../electron/vault/storage';
import { fastOptions, makeTempDir, seededRandom, totpEntry } from './helpers/fakes';

const PASSWORD = 'symlink test password';
let tmp: ReturnType<typeof makeTempDir>;
let root: string;
let real: string;
let link: string;
const open: UnlockedVault[] = [];

beforeEach(() => {
  tmp = makeTempDir('tessera-symlink-');
  root = realpathSync(tmp.dir);
  mkdirSync(path.join(root, 'synced'));
  mkdirSync(path.join(root, 'config'));
  real = path.join(root, 'synced', 'vault.tessera');
  link = path.join(root, 'config', 'vault.tessera');
  symlinkSync(path.join('..', 'synced', 'vault.tessera'), link); // relative, as `ln -s` users write it
});
afterEach(() => {
  open.splice(0).forEach((v) => v.lock());
  tmp.cleanup();
});

function options(file: string, extra: Partial<VaultOptions> = {}): VaultOptions {
  return fastOptions(path.dirname(file), { path: file, ...extra });
}
async function create(file: string): Promise<UnlockedVault> {
  const v = await createVault(options(file), PASSWORD);
  open.push(v);
  return v;
}
async function unlock(file: string): Promise<UnlockedVault> {
  const v = await unlockVault(options(file), PASSWORD);
  open.push(v);
  return v;
}
function names(folder: string): string[] {
  return readdirSync(path.join(root, folder)).sort();
}

describe('saving through a symbolic link', () => {
  it('updates the target, keeps the link a link, and keeps the previous generation beside the target', async () => {
    (await create(real)).lock();
    const gen1 = readFileSync(real);
    const v = await unlock(link);
    await v.add([totpEntry({ issuer: 'through the link' })]);

    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('..', 'synced', 'vault.tessera'));
    expect((await unlock(real)).entries().map((e) => e.issuer)).toEqual(['through the link']);
    expect(readFileSync(`${real}.prev`).equals(gen1)).toBe(true);
    expect(names('synced')).toEqual(['vault.tessera', 'vault.tessera.prev']);
    expect(names('config')).toEqual(['vault.tessera']);
    expect(previousGenerationPath(link)).toBe(`${real}.prev`);
  });

  it('follows a chain of two links', async () => {
    (await create(real)).lock();
    mkdirSync(path.join(root, 'home'));
    const outer = path.join(root, 'home', 'vault.tessera');
    symlinkSync(link, outer); // absolute → relative → the file
    const v = await unlock(outer);
    await v.add([totpEntry()]);
    await v.add([totpEntry({ issuer: 'second save' })]);

    expect(lstatSync(outer).isSymbolicLink()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await unlock(real)).entries()).toHaveLength(2);
    expect(names('synced')).toEqual(['vault.tessera', 'vault.tessera.prev']);
    expect(names('config')).toEqual(['vault.tessera']);
    expect(names('home')).toEqual(['vault.tessera']);
    expect((await unlock(`${real}.prev`)).entries()).toHaveLength(1);
  });

  it('two links to one file share one lock, beside the real file', async () => {
    (await create(real)).lock();
    const other = path.join(root, 'config', 'same-vault.tessera');
    symlinkSync(real, other);
    const randomBytes = seededRandom('shared lock');
    const held = await acquireLock(link, { randomBytes, timeoutMs: 0 });
    try {
      expect(existsSync(lockFilePath(real))).toBe(true);
      expect(names('config')).toEqual(['same-vault.tessera', 'vault.tessera']);
      await expect(acquireLock(other, { randomBytes, timeoutMs: 0 })).rejects.toMatchObject({
        kind: 'io',
        reason: 'busy',
      });
      await expect(acquireLock(real, { randomBytes, timeoutMs: 0 })).rejects.toMatchObject({ reason: 'busy' });
    } finally {
      await held.release();
    }
    expect(existsSync(lockFilePath(real))).toBe(false);
  });

  it('removes leftover temp files beside the target when unlocking through the link', async () => {
    (await create(real)).lock();
    const leftover = path.join(root, 'synced', 'vault.tessera.tmp-0123456789abcdef');
    writeFileSync(leftover, 'x');
    await unlock(link);
    expect(existsSync(leftover)).toBe(false);
  });

  it('refuses a loop of links instead of replacing one of them', async () => {
    const a = path.join(root, 'config', 'a.tessera');
    const b = path.join(root, 'config', 'b.tessera');
    symlinkSync(b, a);
    symlinkSync(a, b);
    const error = await writeVaultAtomically(a, new Uint8Array([1, 2, 3]), seededRandom('loop')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).message).toMatch(/symbolic links/);
    expect(readlinkSync(a)).toBe(b);
    expect(readlinkSync(b)).toBe(a);
    expect(names('config')).toEqual(['a.tessera', 'b.tessera', 'vault.tessera']);
  });
});

describe('creating through a dangling link', () => {
  it('creates the target file through it and keeps the link', async () => {
    (await create(link)).lock();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(lstatSync(real).isFile()).toBe(true);
    expect(names('config')).toEqual(['vault.tessera']);
    expect(names('synced')).toEqual(['vault.tessera']);
    expect(await unlock(real)).toBeTruthy();
  });

  it("refuses clearly when the target's folder does not exist, and creates nothing", async () => {
    const dangling = path.join(root, 'config', 'unmounted.tessera');
    const missing = path.join(root, 'usb-stick', 'vault.tessera');
    symlinkSync(missing, dangling);
    const error = await createVault(options(dangling), PASSWORD).then(
      (v) => {
        v.lock();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'io' });
    const message = (error as Error).message;
    expect(message).toContain(dangling);
    expect(message).toContain(path.dirname(missing));
    expect(message).toMatch(/does not exist/);
    expect(readlinkSync(dangling)).toBe(missing);
    expect(existsSync(path.dirname(missing))).toBe(false);
    expect(names('config')).toEqual(['unmounted.tessera', 'vault.tessera']);
  });
});

describe('small files written atomically (settings, exports)', () => {
  it('write through a link into its target and keep the link', async () => {
    writeFileSync(real, 'old');
    await writePrivateFile(link, 'new', { createFolder: true });
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(names('config')).toEqual(['vault.tessera']);
    expect(names('synced')).toEqual(['vault.tessera']);
  });
});
