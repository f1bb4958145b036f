// SPDX-License-Identifier: GPL-3.0-or-later
/** Password sources (stdin, file, terminal), init and passwd, and each purpose's own words, in-process. */
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyVault, PASSWORD, runCli, useTemplateVault } from './harness';

const fixture = useTemplateVault();

async function passwordFile(content: string, mode = 0o600): Promise<string> {
  const file = path.join(fixture.dir, `pw-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, content, { mode });
  await chmod(file, mode);
  return file;
}

describe('password from standard input', () => {
  it.each([
    ['a trailing newline', `${PASSWORD}\n`],
    ['a CRLF line end', `${PASSWORD}\r\n`],
    ['no line end', PASSWORD],
    ['extra lines after it', `${PASSWORD}\nignored\n`],
  ])('with %s', async (_name, stdin) => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['list', '--vault', vault, '--password-stdin'], { stdin });
    expect(r.code).toBe(0);
  });

  it('wrong password: exit 2, nothing on stdout', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const before = await readFile(vault);
    const r = await runCli(['--vault', vault, '--password-stdin', 'list'], { stdin: 'not the password\n' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tessera: .+/);
    expect(await readFile(vault)).toEqual(before);
  });

  it('empty stdin: exit 1', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, '--password-stdin', 'list'], { stdin: '' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('expected the password on line 1 of standard input');
  });
});

describe('password from a file', () => {
  it('reads the first line', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const file = await passwordFile(`${PASSWORD}\nsecond line\n`);
    const r = await runCli(['--vault', vault, '--password-file', file, 'list', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('warns when other users can read it', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const file = await passwordFile(PASSWORD, 0o644);
    const r = await runCli(['--vault', vault, '--password-file', file, 'list']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('can be read by other users (chmod 600 it)');
  });

  it('wrong password in the file: exit 2', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, '--password-file', await passwordFile('nope\n'), 'list']);
    expect(r.code).toBe(2);
  });

  it('missing file: exit 1 naming it', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, '--password-file', '/nonexistent/pw', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read the password file /nonexistent/pw (ENOENT)');
  });
});

describe('password on a terminal', () => {
  it('no echo: raw mode on while typing, the password never written back', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, 'list'], { tty: [`${PASSWORD}\r`] });
    expect(r.code).toBe(0);
    expect(r.rawMode).toEqual([true, false]);
    expect(r.stderr).toBe('Vault password: \n');
    expect(r.stderr + r.stdout).not.toContain(PASSWORD);
  });

  it('editing keys: backspace, Ctrl-U and arrow keys', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    // "xx" erased by Ctrl-U, "Z" erased by backspace, an arrow-key escape sequence ignored.
    const typed = `xx\u0015${PASSWORD.slice(0, 5)}Z\u007f\u001b[D${PASSWORD.slice(5)}\r`;
    const r = await runCli(['--vault', vault, 'list'], { tty: [typed] });
    expect(r.code).toBe(0);
  });

  it('Ctrl-C cancels: exit 130, raw mode restored', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, 'list'], { tty: ['abc\u0003'] });
    expect(r.code).toBe(130);
    expect(r.rawMode).toEqual([true, false]);
  });

  it('not a terminal and no source given: exit 1 with what to do', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['--vault', vault, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('use --password-file FILE or --password-stdin');
  });
});

describe('init', () => {
  it('creates a vault from stdin; a second init refuses and leaves it alone', async () => {
    const vault = path.join(fixture.dir, 'sub', 'new.tessera');
    const r = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: 'a long enough password\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Created an empty vault at ${vault} (Argon2id, 2 passes, 64 MiB).\n`);
    expect((await stat(vault)).mode & 0o077).toBe(0);
    const before = await readFile(vault);
    const again = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: 'another long password\n' });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A vault already exists');
    expect(await readFile(vault)).toEqual(before);
    const list = await runCli(['list', '--json', '--vault', vault, '--password-stdin'], {
      stdin: 'a long enough password',
    });
    expect(list.stdout).toBe('{"entries":[]}\n');
  });

  it('on a terminal asks twice; a mismatch creates nothing', async () => {
    const vault = path.join(fixture.dir, 'tty-init.tessera');
    const bad = await runCli(['init', '--vault', vault], { tty: ['first password 1\r', 'other password 2\r'] });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('New vault password: ');
    expect(bad.stderr).toContain('Repeat it: ');
    expect(bad.stderr).toContain('do not match');
    await expect(stat(vault)).rejects.toThrow();
    const good = await runCli(['init', '--vault', vault], { tty: ['same password 12\r', 'same password 12\r'] });
    expect(good.code).toBe(0);
  });

  it('refuses a short password', async () => {
    const vault = path.join(fixture.dir, 'short.tessera');
    const r = await runCli(['init', '--vault', vault, '--password-stdin'], { stdin: 'short\n' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('at least 10 characters');
  });
});

describe('passwd', () => {
  it('stdin line 1 current, line 2 new: entries kept, old password stops working', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['passwd', '--vault', vault, '--password-stdin'], {
      stdin: `${PASSWORD}\nbrand new password\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Password changed.\n');
    const old = await runCli(['list', '--vault', vault, '--password-stdin'], { stdin: PASSWORD });
    expect(old.code).toBe(2);
    const now = await runCli(['list', '--json', '--vault', vault, '--password-stdin'], { stdin: 'brand new password' });
    expect(JSON.parse(now.stdout).entries).toHaveLength(6);
  });

  it('--password-file for the current one and --new-password-file for the new one', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli([
      'passwd',
      '--vault',
      vault,
      '--password-file',
      await passwordFile(PASSWORD),
      '--new-password-file',
      await passwordFile('from a file, long enough\n'),
    ]);
    expect(r.code).toBe(0);
    const now = await runCli(['list', '--vault', vault, '--password-stdin'], { stdin: 'from a file, long enough' });
    expect(now.code).toBe(0);
  });

  it('wrong current password: exit 2 before the new one is asked', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['passwd', '--vault', vault, '--password-stdin'], { stdin: 'wrong\nbrand new password\n' });
    expect(r.code).toBe(2);
  });

  it('no source for the new password: exit 1, password unchanged', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['passwd', '--vault', vault, '--password-file', await passwordFile(PASSWORD)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--new-password-file');
    expect((await runCli(['list', '--vault', vault, '--password-stdin'], { stdin: PASSWORD })).code).toBe(0);
  });
});

describe('each purpose keeps its own words (password.ts)', () => {
  const exportArgs = (vault: string): string[] => ['--vault', vault, 'export', '--format', 'aegis', '--out'];

  it('passwd: an empty line 2 is an empty new password', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(['passwd', '--vault', vault, '--password-stdin'], { stdin: `${PASSWORD}\n\nmore\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Empty password: the new password on line 2 of standard input is empty.');
  });

  it('export: an empty line 2 reads as a missing one; no source names the export option', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const out = path.join(fixture.dir, 'purpose-export.json');
    const empty = await runCli([...exportArgs(vault), out, '--password-stdin'], { stdin: `${PASSWORD}\n\nmore\n` });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('--password-stdin: expected the export password on line 2 of standard input.');
    const none = await runCli([...exportArgs(vault), out, '--password-file', await passwordFile(PASSWORD)]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Give the export password with --export-password-file FILE.');
  });

  it('export: an empty answer at the prompt is refused in its own words', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const out = path.join(fixture.dir, 'purpose-tty.json');
    const r = await runCli([...exportArgs(vault), out], { tty: [`${PASSWORD}\r`, '\r'] });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      "Vault password: \nExport password: \ntessera: Empty export password.\nRun 'tessera --help' for usage.\n",
    );
  });

  it("a command's own password file is found from the working folder and named in full", async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const out = path.join(fixture.dir, 'purpose-rel.json');
    const argv = [...exportArgs(vault), out, '--password-file', await passwordFile(PASSWORD)];
    const r = await runCli([...argv, '--export-password-file', 'no-such-pw'], { cwd: fixture.dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Cannot read the password file ${path.join(fixture.dir, 'no-such-pw')} (ENOENT).`);
  });
});
