// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera export` end to end, in-process: every format, read back with the importers (or
 * readBackup), the export password from a file, stdin line 2 and a twice-asked prompt, the
 * plaintext warnings, mode 0600, and no overwrite without --force.
 */
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBackup } from '../../../electron/export';
import { importFile } from '../../../electron/import';
import { fixtureEntries, inlineKdf, PASSWORD, runCli, useExportVault } from '../cli/harness';

const ctx = useExportVault();
const run = ctx.run;
const names = fixtureEntries().map((e) => `${e.issuer}/${e.account}`);

describe('tessera export', () => {
  it('aegis: encrypted with the export password file; 0600; refuses to overwrite without --force', async () => {
    const out = path.join(ctx.dir, 'aegis.json');
    const r = await run(['--format', 'aegis', '--out', out, '--export-password-file', ctx.pwFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Exported 6 account(s)');
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    const result = await importFile(new Uint8Array(await readFile(out)), { password: 'export secret' });
    expect(result.entries.map((e) => `${e.issuer}/${e.account}`)).toEqual(names);
    const again = await run(['--format', 'aegis', '--out', out, '--export-password-file', ctx.pwFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    expect((await run(['--format', 'aegis', '--out', out, '--export-password-file', ctx.pwFile, '--force'])).code).toBe(
      0,
    );
  });

  it('tessera: a vault under the export password from stdin line 2', async () => {
    const out = path.join(ctx.dir, 'backup.tessera');
    const r = await run(['--format', 'tessera', '--out', out], `${PASSWORD}\nexport secret\n`);
    expect(r.code).toBe(0);
    const entries = await readBackup(out, 'export secret', { kdf: inlineKdf });
    expect(entries.map((e) => `${e.issuer}/${e.account}`)).toEqual(names);
    expect((await readdir(ctx.dir)).filter((n) => n.startsWith('.tessera-export-'))).toEqual([]);
  });

  it('asks for the export password twice on a terminal and refuses a mismatch', async () => {
    const out = path.join(ctx.dir, 'tty.json');
    const argv = ['--vault', ctx.vault, 'export', '--format', 'aegis', '--out', out];
    const bad = await runCli(argv, { tty: [`${PASSWORD}\r`, 'one\r', 'two\r'] });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/do not match/);
    const ok = await runCli(argv, { tty: [`${PASSWORD}\r`, 'same\r', 'same\r'] });
    expect(ok.code).toBe(0);
    expect((await importFile(new Uint8Array(await readFile(out)), { password: 'same' })).entries).toHaveLength(6);
  });

  it('checks the vault password first: a wrong one exits 2 and writes nothing', async () => {
    const out = path.join(ctx.dir, 'never.txt');
    const r = await run(['--format', 'uri-list', '--out', out], 'wrong password\n');
    expect(r.code).toBe(2);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('uri-list and aegis-plain: warn on stderr that the file is not encrypted', async () => {
    for (const format of ['uri-list', 'aegis-plain']) {
      const out = path.join(ctx.dir, `plain-${format}`);
      const r = await run(['--format', format, '--out', out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/NOT encrypted/);
      expect((await importFile(new Uint8Array(await readFile(out)))).entries).toHaveLength(6);
    }
  });

  it('migration-qr: PNGs 1-of-N in DIR and the accounts left out', async () => {
    const out = path.join(ctx.dir, 'qr');
    await mkdir(out);
    const r = await run(['--format', 'migration-qr', '--out', out]);
    expect(r.code).toBe(0);
    expect(await readdir(out)).toEqual(['tessera-migration-1-of-1.png']);
    expect(r.stderr).toMatch(/Not exported: Steam \(gaben\): Steam Guard/);
    expect(r.stdout).toContain('Exported 5 account(s)');
    expect((await stat(path.join(out, 'tessera-migration-1-of-1.png'))).mode & 0o777).toBe(0o600);
    expect((await run(['--format', 'migration-qr', '--out', out])).code).toBe(1);
  });

  it('rejects an unknown format and a missing --out', async () => {
    expect((await run(['--format', 'csv', '--out', 'x'])).code).toBe(1);
    expect((await run(['--format', 'aegis'])).code).toBe(1);
  });
});
