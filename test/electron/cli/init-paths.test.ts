// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera init` on paths that are not a plain new file (issue 14 findings 8 and 10): a dangling
 * symbolic link is created through, never replaced; a link into a folder that does not exist and a
 * folder given as the vault are refused with a message that says what it is and what to do.
 */
import { lstat, mkdir, readdir, readlink, realpath, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from './harness';

const NEW_PASSWORD = 'a long enough password\n';
let root: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const made = await tempDir();
  cleanup = made.cleanup;
  root = await realpath(made.dir);
});
afterAll(() => cleanup());

async function folder(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('init through a symbolic link', () => {
  it('creates the vault in the dangling link’s target and keeps the link', async () => {
    const synced = await folder('dangling/synced');
    const config = await folder('dangling/config');
    const target = path.join(synced, 'vault.tessera');
    const vault = path.join(config, 'vault.tessera');
    await symlink(target, vault);

    const r = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: NEW_PASSWORD });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Created an empty vault at ${vault}`);
    expect((await lstat(vault)).isSymbolicLink()).toBe(true);
    expect(await readlink(vault)).toBe(target);
    expect((await lstat(target)).isFile()).toBe(true);
    expect((await stat(target)).mode & 0o077).toBe(0);
    expect((await readdir(synced)).filter((n) => n.startsWith('vault.tessera'))).toEqual(['vault.tessera']);

    const list = await runCli(['list', '--json', '--vault', vault, '--password-stdin'], { stdin: NEW_PASSWORD });
    expect(list.stdout).toBe('{"entries":[]}\n');
    const again = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: NEW_PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A vault already exists');
  });

  it("refuses when the link's target folder does not exist, before asking for a password", async () => {
    const config = await folder('unmounted/config');
    const missing = path.join(root, 'unmounted', 'usb-stick', 'vault.tessera');
    const vault = path.join(config, 'vault.tessera');
    await symlink(missing, vault);

    const r = await runCli(['init', '--vault', vault], { tty: ['same password 12\r', 'same password 12\r'] });
    expect(r.code).toBe(5);
    expect(r.stderr).not.toContain('password');
    expect(r.stderr).toContain(vault);
    expect(r.stderr).toContain(path.dirname(missing));
    expect(r.stderr).toMatch(/does not exist/);
    expect(r.stdout).toBe('');
    expect(await readlink(vault)).toBe(missing);
    await expect(stat(path.dirname(missing))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('init on a folder', () => {
  it('says the path is a folder, not a vault file, and what to do', async () => {
    const dir = await folder('a-folder');
    await writeFile(path.join(dir, 'unrelated.txt'), 'x');
    const r = await runCli(['init', '--vault', dir, '--password-stdin'], { stdin: NEW_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('already exists');
    expect(r.stderr).toContain(`${dir} is a folder, not a vault file`);
    expect(r.stderr).toContain(path.join(dir, 'vault.tessera'));
    expect(await readdir(dir)).toEqual(['unrelated.txt']);
  });

  it('says so too when a link leads to a folder', async () => {
    const dir = await folder('linked-folder/target');
    const vault = path.join(root, 'linked-folder', 'vault.tessera');
    await symlink(dir, vault);
    const r = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: NEW_PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${vault} is a folder, not a vault file`);
    expect((await lstat(vault)).isSymbolicLink()).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });
});
