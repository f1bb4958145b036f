// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera add` and duplicates (issue 14, item 10): an exact duplicate — same name, same codes — is
 * refused with a word and exit 4 unless `--allow-duplicate`; the same codes under another name are
 * added with a warning (import and scan skip them; `add` is the user naming the account on purpose).
 */
import { describe, expect, it } from 'vitest';
import { copyVault, HELLO_B32, PASSWORD, runCli, type RunResult, useTemplateVault } from './harness';

const fixture = useTemplateVault();

const run = (vault: string, ...argv: string[]): Promise<RunResult> =>
  runCli(['--vault', vault, '--password-stdin', ...argv], { stdin: `${PASSWORD}\n` });

async function count(vault: string): Promise<number> {
  const r = await run(vault, 'list', '--json');
  return (JSON.parse(r.stdout) as { entries: unknown[] }).entries.length;
}

const GITHUB = `otpauth://totp/GitHub:alice?secret=${HELLO_B32}&issuer=GitHub`; // in the fixture vault

describe('add: duplicates', () => {
  it('refuses an exact duplicate with exit 4, says so, and adds nothing', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await run(vault, 'add', GITHUB);
    expect(r.code).toBe(4);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'tessera: Nothing was added: GitHub (alice) is already in the vault, with the same codes. ' +
        'To add a second copy anyway, use --allow-duplicate.\n',
    );
    const flags = await run(
      vault,
      'add',
      '--secret',
      HELLO_B32.toLowerCase(),
      '--issuer',
      'GitHub',
      '--account',
      'alice',
    );
    expect(flags.code).toBe(4);
    expect(await count(vault)).toBe(6);
  });

  it('adds it anyway with --allow-duplicate', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await run(vault, 'add', GITHUB, '--allow-duplicate');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('Added GitHub (alice) (TOTP SHA1, 6 digits, 30 s).\n');
    expect(await count(vault)).toBe(7);
  });

  it('adds the same codes under another name, with a warning', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await run(vault, 'add', `otpauth://totp/Work:alice?secret=${HELLO_B32}&issuer=Work`);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('Warning: GitHub (alice), already in the vault, gives the same codes as this account.\n');
    expect(await count(vault)).toBe(7);
  });

  it('a different period is a different account: added without a word', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await run(vault, 'add', `${GITHUB}&period=60`);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(await count(vault)).toBe(7);
  });
});
