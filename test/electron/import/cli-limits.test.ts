// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera import` and the work budget, in-process (test/electron/cli/harness.ts): a file over a
 * limit is refused before any password is asked, with the limit named in words, in `Details:` and,
 * with `--json`, on standard output; many skipped accounts are summed up, not listed one per line.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyVault, PASSWORD, runCli, useTemplateVault } from '../cli/harness';
import { enteExport } from './hostile/files';

const fixture = useTemplateVault();

async function file(name: string, content: string): Promise<string> {
  const full = path.join(fixture.dir, name);
  await writeFile(full, content);
  return full;
}

describe('tessera import: limits of the work budget', () => {
  it('refuses a file over a limit before asking any password: exit 1, the limit in words and in --json', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const deep = await file('deep.json', `${'['.repeat(100)}${']'.repeat(100)}`);
    const r = await runCli(['--vault', vault, 'import', deep, '--json']); // no password source at all
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'tessera: This file nests its data more than 64 levels deep; exports from authenticator apps nest five or six. ' +
        "Tessera stopped reading it: nothing was imported.\nDetails: Limit 'json-depth' (64) exceeded: reached 100.\n",
    );
    expect(JSON.parse(r.stdout)).toEqual({
      error: {
        kind: 'too-large',
        limit: { name: 'json-depth', value: 64 },
        message: expect.stringMatching(/^This file nests its data more than 64 levels deep/),
        details: "Limit 'json-depth' (64) exceeded: reached 100.",
      },
    });
    const text = await runCli(['--vault', vault, 'import', deep]);
    expect([text.code, text.stdout]).toEqual([1, '']);
  });

  it('an Ente export asking for 20 passes over 1 GiB: refused before its password is asked', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const ente = await file('ente.json', enteExport(20, 1024 ** 3));
    const r = await runCli(['--vault', vault, '--password-stdin', 'import', ente], { stdin: `${PASSWORD}\n` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^tessera: This Ente Auth file asks for far more password-checking work/);
    expect(r.stderr).toMatch(/Details: Limit 'kdf-work' \(6442450944 byte-passes\) exceeded/);
  });

  it('lists 20 skipped accounts, then sums up the rest', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const lines = ['otpauth://totp/New:one?secret=ORSXG5A', ...Array.from({ length: 30 }, (_, i) => `junk ${i}`)];
    const list = await file('list.txt', `${lines.join('\n')}\n`);
    const r = await runCli(['--vault', vault, '--password-stdin', 'import', list, '--dry-run'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Skipped 30 that cannot be imported:\n/);
    expect(r.stdout.match(/: this line is not an account link/g)).toHaveLength(20);
    expect(r.stdout).toMatch(/ {2}…and 10 more skipped\.\n/);
    const json = await runCli(['--vault', vault, '--password-stdin', 'import', list, '--dry-run', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    expect((JSON.parse(json.stdout) as { skipped: unknown[] }).skipped).toHaveLength(30);
  });
});
