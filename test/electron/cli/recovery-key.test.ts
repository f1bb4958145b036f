// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera recovery-key --out FILE` and `tessera passwd --recovery-key-file FILE` (issue 19): the key
 * is written only to a new 0600 file, never printed; replacing one needs --replace and stops the old
 * one; a forgotten password is replaced with the key, which keeps working; `info` says whether there
 * is one.
 */
import { chmod, lstat, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRecoveryKey } from '../../../electron/cli/commands/run/recovery-key-file';
import { copyVault, PASSWORD, runCli, useTemplateVault, type RunOptions, type RunResult } from './harness';

const fixture = useTemplateVault();
const NEW = 'a brand new master password';
const KEY = /^ {4}([0-9A-HJKMNP-TV-Z]{4}(?:-[0-9A-HJKMNP-TV-Z]{4}){8})$/m;
const outputs: RunResult[] = [];
const keys: string[] = [];

async function tessera(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const r = await runCli(argv, options);
  outputs.push(r);
  return r;
}

let fileCounter = 0;
function newPath(name = 'recovery'): string {
  return path.join(fixture.dir, `${name}-${++fileCounter}.txt`);
}

/** `recovery-key --out` with the fixture password on stdin. */
function makeKey(vault: string, out: string, ...more: string[]): Promise<RunResult> {
  return tessera(['recovery-key', '--vault', vault, '--password-stdin', '--out', out, ...more], {
    stdin: `${PASSWORD}\n`,
  });
}

/** Makes a recovery key for `vault` and returns the page's file and the key. */
async function withKey(vault: string, ...more: string[]): Promise<{ file: string; key: string }> {
  const file = newPath();
  const r = await makeKey(vault, file, ...more);
  expect(r.code, r.stderr).toBe(0);
  const key = KEY.exec(await readFile(file, 'utf8'))?.[1];
  if (key === undefined) throw new Error('no key in the page');
  keys.push(key);
  return { file, key };
}

function recover(vault: string, keyFile: string, newPassword = NEW, ...more: string[]): Promise<RunResult> {
  return tessera(['passwd', '--vault', vault, '--recovery-key-file', keyFile, '--password-stdin', ...more], {
    stdin: `${newPassword}\n`,
  });
}

function list(vault: string, password: string): Promise<RunResult> {
  return tessera(['list', '--json', '--vault', vault, '--password-stdin'], { stdin: `${password}\n` });
}

async function keyOnlyFile(content: string): Promise<string> {
  const file = newPath('key-only');
  await writeFile(file, content, { mode: 0o600 });
  return file;
}

describe('tessera recovery-key --out FILE', () => {
  it('writes a 0600 page with the key on its own line and what to do; prints no key', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const out = newPath();
    const r = await makeKey(vault, out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Recovery key written to ${out}.\n`);
    expect(r.stderr).toMatch(/offline/);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const page = await readFile(out, 'utf8');
    const key = KEY.exec(page)?.[1];
    expect(key).toBeDefined();
    keys.push(key ?? '');
    expect(page).toMatch(/^Tessera recovery key\n/);
    expect(page).toContain(`the Tessera vault at\n    ${vault}\nmade on 2023-11-14 at 22:13 UTC.`);
    expect(page).toContain('tessera passwd --recovery-key-file FILE');
    expect(page).toContain('"Forgot your password?"');
    expect(page).toMatch(/makes this one useless/);
    expect(r.stdout + r.stderr).not.toContain(key);
    const info = await tessera(['info', '--json', '--vault', vault, '--password-stdin'], { stdin: PASSWORD });
    expect(JSON.parse(info.stdout).recoveryKey).toBe(true);
  });

  it('refuses an existing FILE (also a dangling link) before asking any password; nothing changes', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const before = await readFile(vault);
    const existing = newPath();
    await writeFile(existing, 'keep me');
    const link = newPath('link');
    await symlink(path.join(fixture.dir, 'nowhere', 'x'), link);
    for (const out of [existing, link]) {
      const r = await tessera(['recovery-key', '--vault', vault, '--out', out], { tty: [] });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('already exists; choose another --out');
      expect(r.stderr).not.toContain('password');
      expect(r.stdout).toBe('');
    }
    expect(await readFile(existing, 'utf8')).toBe('keep me');
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(vault)).toEqual(before);
  });

  it.each([
    [[], 'Give the file to write the recovery key to with --out FILE'],
    [['--out', '-'], 'never to standard output'],
    [['--remove', '--out', 'x'], '--remove takes neither --out nor --replace'],
  ])('%j: usage error before any password', async (argv, message) => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await tessera(['recovery-key', '--vault', vault, ...argv], { tty: [] });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toContain('Vault password');
  });

  it('a folder that does not exist: exit 5 before any password', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await tessera(['recovery-key', '--vault', vault, '--out', path.join(fixture.dir, 'no', 'key.txt')], {
      tty: [],
    });
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('Cannot write to the folder');
    expect(r.stderr).not.toContain('Vault password');
  });

  it('a wrong password: exit 2, no file left behind', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const out = newPath();
    const r = await tessera(['recovery-key', '--vault', vault, '--password-stdin', '--out', out], {
      stdin: 'not the password\n',
    });
    expect(r.code).toBe(2);
    await expect(stat(out)).rejects.toThrow();
  });

  it('when the vault has one: needs --replace (no file left); then the old key opens nothing', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const first = await withKey(vault);
    const refused = newPath();
    const r = await makeKey(vault, refused);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('already has a recovery key');
    expect(r.stderr).toContain('add --replace');
    await expect(stat(refused)).rejects.toThrow();
    expect((await recover(await copyVault(vault, fixture.dir), first.file)).code).toBe(0); // the first still works

    const outFile = newPath();
    const replaced = await makeKey(vault, outFile, '--replace');
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stderr).toContain('replaces the vault’s earlier one, which stops working now');
    const second = KEY.exec(await readFile(outFile, 'utf8'))?.[1] ?? '';
    keys.push(second);
    expect(second).not.toBe(first.key);

    const old = await recover(vault, first.file);
    expect(old.code).toBe(2);
    expect(old.stderr).toContain('This recovery key does not open this vault');
    expect(old.stdout).toBe('');
    expect((await list(vault, PASSWORD)).code).toBe(0); // nothing changed
    expect((await recover(vault, outFile)).code).toBe(0);
  });

  it('--remove takes the key away; info says so; removing again changes nothing', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file } = await withKey(vault);
    const removed = await tessera(['recovery-key', '--remove', '--vault', vault, '--password-stdin'], {
      stdin: PASSWORD,
    });
    expect(removed.code).toBe(0);
    expect(removed.stdout).toBe('Recovery key removed: it no longer opens the vault.\n');
    const again = await tessera(['recovery-key', '--remove', '--vault', vault, '--password-stdin'], {
      stdin: PASSWORD,
    });
    expect(again.stdout).toBe('This vault has no recovery key; nothing was changed.\n');
    const info = await tessera(['info', '--vault', vault, '--password-stdin'], { stdin: PASSWORD });
    expect(info.stdout).toContain('Recovery key:    no');
    expect((await recover(vault, file)).stderr).toContain('has no recovery key');
  });
});

describe('tessera passwd --recovery-key-file FILE', () => {
  it('sets a new password: the old one is refused, the new one opens, the key works again', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file } = await withKey(vault);
    const r = await recover(vault, file);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(
      'New master password set. The recovery key still works; the forgotten password opens nothing saved from now on.\n',
    );
    expect((await list(vault, PASSWORD)).code).toBe(2);
    const listed = await list(vault, NEW);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).entries).toHaveLength(6);

    const third = 'a third master password';
    expect((await recover(vault, file, third)).code).toBe(0);
    expect((await list(vault, NEW)).code).toBe(2);
    expect((await list(vault, third)).code).toBe(0);
    const info = await tessera(['info', '--json', '--vault', vault, '--password-stdin'], { stdin: third });
    expect(JSON.parse(info.stdout).recoveryKey).toBe(true);
  });

  it('never asks for the current password; on a terminal the new one is asked twice', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file } = await withKey(vault);
    const r = await tessera(['passwd', '--vault', vault, '--recovery-key-file', file], {
      tty: [`${NEW}\r`, `${NEW}\r`],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Vault password');
    expect(r.stderr).toContain('New vault password: ');
    expect((await list(vault, NEW)).code).toBe(0);
  });

  it('takes --new-password-file, and a file holding only the key (any case, spaces)', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { key } = await withKey(vault);
    const keyFile = await keyOnlyFile(`\n  ${key.toLowerCase().replace(/-/g, ' ')}  \n`);
    const newPw = await keyOnlyFile(`${NEW}\n`);
    const r = await tessera(['passwd', '--vault', vault, '--recovery-key-file', keyFile, '--new-password-file', newPw]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('Warning');
    expect((await list(vault, NEW)).code).toBe(0);
  });

  it('a mistyped key: the typo sentence, exit 1, before the new password is asked; nothing changes', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { key } = await withKey(vault);
    const before = await readFile(vault);
    // Swap the first two characters of the first group: the check group no longer matches.
    const typo = `${key[1]}${key[0]}${key.slice(2)}`;
    const swapped = typo === key ? `${key.slice(0, 3)}${key[3] === '0' ? '1' : '0'}${key.slice(4)}` : typo;
    const r = await tessera(['passwd', '--vault', vault, '--recovery-key-file', await keyOnlyFile(swapped)], {
      tty: [],
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('This recovery key has a typo');
    expect(r.stderr).not.toContain('New vault password');
    expect(await readFile(vault)).toEqual(before);
  });

  it.each([
    ['a group missing', (k: string) => k.slice(0, -5), 'A recovery key has 9 groups of 4 characters'],
    ['a U', (k: string) => `U${k.slice(1)}`, 'only the digits 0–9 and the letters A–Z except I, L, O and U'],
  ])('%s: the plain sentence, exit 1', async (_name, mangle, message) => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { key } = await withKey(vault);
    const r = await recover(vault, await keyOnlyFile(`${mangle(key)}\n`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });

  it('a vault without a recovery key: exit 2, said before the new password is asked', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const other = await copyVault(fixture.template, fixture.dir);
    const { file } = await withKey(other);
    const r = await tessera(['passwd', '--vault', vault, '--recovery-key-file', file], { tty: [] });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This vault has no recovery key');
    expect(r.stderr).not.toContain('New vault password');
  });

  it("another vault's key: exit 2, the vault's sentence; the password still opens it", async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    await withKey(vault);
    const other = await copyVault(fixture.template, fixture.dir);
    const { file } = await withKey(other);
    const r = await recover(vault, file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('This recovery key does not open this vault');
    expect((await list(vault, PASSWORD)).code).toBe(0);
  });

  it('warns when others can read the key file; refuses a file with no key, or two', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file, key } = await withKey(vault);
    await chmod(file, 0o644);
    const r = await recover(vault, file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Warning: the recovery key file ${file} can be read by other users`);

    const none = await keyOnlyFile('hello\nworld\n');
    const noKey = await recover(vault, none);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('No recovery key in');
    expect(noKey.stderr).not.toContain('hello');
    const two = await keyOnlyFile(`${key}\nABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD-ABCD\n`);
    expect((await recover(vault, two)).stderr).toContain('holds more than one recovery key');
    const missing = await recover(vault, path.join(fixture.dir, 'absent.txt'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read the recovery key file');
    const folder = path.join(fixture.dir, 'a-folder');
    await mkdir(folder);
    expect((await recover(vault, folder)).stderr).toContain('is not a file');
  });

  it.each([
    [['--keep-data-key'], '--keep-data-key does not apply with --recovery-key-file'],
    [['--password-file', 'pw.txt'], 'no current password is asked'],
  ])('%j is refused with --recovery-key-file', async (more, message) => {
    const r = await tessera(['passwd', '--vault', 'v', '--recovery-key-file', 'k', ...more]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
  });
});

describe('findRecoveryKey', () => {
  it('finds the key line of a page, whatever the case; takes a lone line as the key', () => {
    const key = '0123-4567-89AB-CDEF-GHJK-MNPQ-RSTV-WXYZ-0000';
    expect(findRecoveryKey(`Title\n\n    ${key.toLowerCase()}\r\nmore text\n`, 'f')).toBe(key);
    expect(findRecoveryKey(`\ufeff${key} \n`, 'f')).toBe(key);
    expect(findRecoveryKey('  0123 4567 89ab  \n', 'f')).toBe('0123 4567 89ab');
    expect(() => findRecoveryKey('', 'f')).toThrow('No recovery key in f');
  });
});

describe('secrets', () => {
  // Runs last: no recovery key made in this file appeared in any command's output.
  it('no recovery key appeared on stdout or stderr of any command', () => {
    expect(keys.length).toBeGreaterThan(10);
    const all = outputs.map((r) => r.stdout + r.stderr).join('\n');
    for (const key of keys) {
      expect(all).not.toContain(key);
      expect(all).not.toContain(key.replace(/-/g, ''));
    }
  });
});
