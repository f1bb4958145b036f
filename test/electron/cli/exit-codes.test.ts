// SPDX-License-Identifier: GPL-3.0-or-later
/** Every exit code the CLI documents, in-process: 0, 1 usage, 2 password/tamper, 3 corrupt/unsupported, 4 not found. */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyVault, PASSWORD, runCli, useTemplateVault } from './harness';

const fixture = useTemplateVault();

const list = (vault: string) => runCli(['list', '--vault', vault, '--password-stdin'], { stdin: PASSWORD });

describe('exit 1: usage', () => {
  it.each([
    [[], 'Missing command'],
    [['frobnicate'], "Unknown command 'frobnicate'"],
    [['list', '--frob'], "Unknown option '--frob'"],
    [['list', 'extra'], "unexpected argument 'extra'"],
    [['code'], 'code: missing QUERY'],
    [['remove'], 'remove: missing QUERY'],
    [['code', 'x', '--at', 'yesterday'], "Invalid '--at'"],
    [['code', 'x', '--at', '-5'], "'--at'"],
    [['list', '--vault'], "'--vault <value>' argument missing"],
    [['list', '--password', 'hunter2'], 'Passwords are never taken from the command line'],
    [['list', '--password=hunter2'], 'Passwords are never taken from the command line'],
    [['list', '--password-file', 'f', '--password-stdin'], 'not both'],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain("Run 'tessera --help' for usage.");
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toContain('hunter2');
  });
});

describe('exit 0: help and version', () => {
  it.each([[['--help']], [['-h']], [['help']], [['help', 'code']], [['code', '--help']], [['--version']]])(
    '%j',
    async (argv) => {
      const r = await runCli(argv);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(0);
      expect(r.stderr).toBe('');
    },
  );

  it('general help lists every command and the exit codes', async () => {
    const r = await runCli(['--help']);
    for (const c of ['init', 'add', 'list', 'code', 'remove', 'passwd', 'info']) expect(r.stdout).toContain(`  ${c} `);
    expect(r.stdout).toContain('2 wrong password or tampered file');
  });
});

describe('exit 2: wrong password or tampered', () => {
  it('a changed byte in the payload is refused as tampering; the file is unchanged', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const bytes = await readFile(vault);
    bytes[bytes.length - 20] = (bytes[bytes.length - 20] ?? 0) ^ 0x01;
    await writeFile(vault, bytes);
    const r = await list(vault);
    expect(r.code).toBe(2);
    expect(await readFile(vault)).toEqual(bytes);
  });
});

describe('exit 3: corrupt or unsupported (2 for an unauthenticated cut)', () => {
  it.each([
    ['garbage', () => Buffer.from('this is not a vault at all, just some text\n'), [3]],
    ['empty file', () => Buffer.alloc(0), [3]],
    ['truncated inside the header', (b: Buffer) => b.subarray(0, 20), [3]],
    [
      'a newer format version',
      (b: Buffer) => Buffer.concat([b.subarray(0, 8), Buffer.from([3, 0]), b.subarray(10)]),
      [3],
    ],
    // The container does not store the payload length: a cut inside the ciphertext fails
    // authentication, which the vault may report as tampering (2) rather than corruption (3).
    ['truncated to half', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2)), [2, 3]],
  ])('%s', async (_name, mutate: (b: Buffer) => Buffer, codes: number[]) => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const bad = mutate(await readFile(vault));
    await writeFile(vault, bad);
    const r = await list(vault);
    expect(codes).toContain(r.code);
    expect(r.stdout).toBe('');
    expect(await readFile(vault)).toEqual(bad);
  });
});

describe('exit 4: not found', () => {
  it('no vault file: said before any password is asked', async () => {
    const r = await runCli(['list', '--vault', path.join(fixture.dir, 'absent.tessera')], { tty: [] });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain("Create one with 'tessera init'");
    expect(r.stderr).not.toContain('password:');
  });

  it('the default location comes from TESSERA_VAULT, then XDG_CONFIG_HOME', async () => {
    const viaEnv = await runCli(['list'], { env: { TESSERA_VAULT: path.join(fixture.dir, 'env.tessera') } });
    expect(viaEnv.stderr).toContain(`No vault at ${path.join(fixture.dir, 'env.tessera')}`);
    const viaXdg = await runCli(['list'], { env: { XDG_CONFIG_HOME: '/xdg' } });
    expect(viaXdg.stderr).toContain('No vault at /xdg/Tessera/vault.tessera');
    const relative = await runCli(['list', '--vault', 'v.tessera'], { cwd: fixture.dir });
    expect(relative.stderr).toContain(`No vault at ${path.join(fixture.dir, 'v.tessera')}`);
  });
});
