// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera export` to the other apps' formats, in-process: 2FAS (encrypted and plain), Bitwarden,
 * Ente Auth and KeePassXC. Each file is read back with Tessera's importers; the plaintext ones
 * warn that they are not encrypted, every format lists on stderr what it cannot carry, files are
 * 0600 and the export password comes from the usual sources. The KDBX writer is a recording fake
 * here (it is tested with its files on its own); this checks the command's wiring.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { ExportEntry } from '../../../electron/export';
import { importFile } from '../../../electron/import';
import { createVault, KDF_FLOOR } from '../../../electron/vault';
import { fixtureEntries, inlineKdf, NOW, PASSWORD, useExportVault } from './harness';

const keepassCalls: { names: string[]; password: string }[] = [];

vi.mock(import('../../../electron/export/keepass'), () => ({
  exportKeePass: vi.fn(async (entries: readonly ExportEntry[], password: string) => {
    keepassCalls.push({ names: entries.map((e) => `${e.issuer}/${e.account}`), password });
    return new TextEncoder().encode('fake kdbx');
  }),
}));

const ctx = useExportVault();
const run = ctx.run;
const names = fixtureEntries().map((e) => `${e.issuer}/${e.account}`);
const HOTP_NAME = 'RFC4226 (hotp)';
const codeOf = (e: Pick<ExportEntry, 'type' | 'secret'>): string =>
  `${e.type}:${Buffer.from(e.secret).toString('hex')}`;

async function expectPrivate(file: string): Promise<Uint8Array> {
  expect((await stat(file)).mode & 0o777).toBe(0o600);
  return new Uint8Array(await readFile(file));
}

describe('tessera export to other apps', () => {
  it('2fas: encrypted under the export password file; Tessera’s 2FAS importer reads every account back', async () => {
    const out = path.join(ctx.dir, 'backup.2fas');
    const r = await run(['--format', '2fas', '--out', out, '--export-password-file', ctx.pwFile]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Exported 6 account(s) to ${out} (2fas).\n`);
    expect(r.stderr).not.toMatch(/NOT encrypted/);
    const bytes = await expectPrivate(out);
    await expect(importFile(bytes, { password: 'wrong' })).rejects.toMatchObject({ kind: 'wrong-password' });
    const result = await importFile(bytes, { password: 'export secret' });
    expect(result.format).toBe('2fas');
    expect(result.entries.map((e) => `${e.issuer}/${e.account}`)).toEqual(names);
    expect((await run(['--format', '2fas', '--out', out, '--export-password-file', ctx.pwFile])).code).toBe(1);
  });

  it.each([
    ['2fas-plain', '2FAS backup'],
    ['bitwarden', 'Bitwarden file'],
    ['ente', 'Ente Auth file'],
  ])('%s: warns on stderr that the %s is not encrypted, and is read back', async (format) => {
    const out = path.join(ctx.dir, `plain-${format}`);
    const r = await run(['--format', format, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/NOT encrypted/);
    const result = await importFile(await expectPrivate(out));
    expect(result.format).toBe(format === '2fas-plain' ? '2fas' : format);
    // Bitwarden has no HOTP: that login carries no TOTP key, so it is not imported back.
    const expected = fixtureEntries().filter((e) => format !== 'bitwarden' || e.type !== 'hotp');
    expect(result.entries.map(codeOf)).toEqual(expected.map(codeOf));
  });

  it('bitwarden: lists what Bitwarden cannot show, one line per account', async () => {
    const out = path.join(ctx.dir, 'warn-bitwarden.json');
    const r = await run(['--format', 'bitwarden', '--out', out]);
    expect(r.stderr.split('\n').filter((l) => l.startsWith(`Warning: ${HOTP_NAME}`))).toEqual([
      `Warning: ${HOTP_NAME}: Bitwarden has no counter-based (HOTP) codes, so it will show no code for this login; ` +
        'its otpauth:// link is kept in the hidden field “HOTP otpauth:// link”.',
    ]);
  });

  it('keepass: the KDBX writer gets the accounts and the export password from stdin line 2; warnings listed', async () => {
    const out = path.join(ctx.dir, 'vault.kdbx');
    const r = await run(['--format', 'keepass', '--out', out], `${PASSWORD}\nkeepass secret\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`Exported 6 account(s) to ${out} (keepass).\n`);
    expect(keepassCalls).toEqual([{ names, password: 'keepass secret' }]);
    expect(Buffer.from(await expectPrivate(out)).toString('utf8')).toBe('fake kdbx');
    expect(r.stderr).toContain(`Warning: ${HOTP_NAME}: KeePassXC makes only time-based codes`);
    expect(r.stderr).not.toMatch(/NOT encrypted/);
  });

  it('2fas: leaves out a counter 2FAS cannot store, and refuses when no account is left', async () => {
    const file = path.join(ctx.dir, 'big-counter.tessera');
    const v = await createVault({ path: file, kdf: inlineKdf, kdfParams: KDF_FLOOR, now: () => NOW }, PASSWORD);
    const big = { ...(fixtureEntries()[3] as Parameters<typeof v.add>[0][number]), counter: 2 ** 31 };
    await v.add([big]);
    v.lock();
    const out = path.join(ctx.dir, 'none.2fas');
    const r = await run(['--format', '2fas-plain', '--out', out], `${PASSWORD}\n`, file);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`Warning: ${HOTP_NAME}: not exported: 2FAS stores counters up to 2,147,483,647`);
    expect(r.stderr).toMatch(/No account can be exported as 2fas-plain/);
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('rejects an unknown format naming the new ones', async () => {
    const r = await run(['--format', 'kdbx', '--out', path.join(ctx.dir, 'x')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2fas, 2fas-plain, bitwarden, ente, keepass, uri-list, migration-qr/);
  });
});
