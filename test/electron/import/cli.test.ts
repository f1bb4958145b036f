// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera import` end to end, in-process (test/electron/cli/harness.ts): dry run (text and JSON,
 * with and without secrets, with the format's name and variant), duplicates against the vault (also
 * listed as skipped), the real all-or-nothing import, the
 * export's password from a file, from stdin line 2 and from a prompt, and every failure exit code.
 */
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { importFile } from '../../../electron/import';
import { describeCorpus, corpusFile } from '../../helpers/corpus';
import { copyVault, HELLO_B32, PASSWORD, runCli, type RunResult, useTemplateVault } from '../cli/harness';
import { expectedCorpus } from './expected';

const fixture = useTemplateVault();

const stdinRun = (vault: string, argv: string[], stdin = `${PASSWORD}\n`): Promise<RunResult> =>
  runCli(['--vault', vault, '--password-stdin', 'import', ...argv], { stdin });

async function count(vault: string): Promise<number> {
  const r = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], { stdin: `${PASSWORD}\n` });
  return (JSON.parse(r.stdout) as { entries: unknown[] }).entries.length;
}

async function textFile(name: string, text: string): Promise<string> {
  const file = path.join(fixture.dir, name);
  await writeFile(file, text);
  return file;
}

describeCorpus('tessera import', () => {
  const expected = expectedCorpus();
  const aegisPlain = (): string => corpusFile('import/aegis/aegis_plain.json');
  const aegisEncrypted = (): string => corpusFile('import/aegis/aegis_encrypted.json');

  it('--dry-run --json: the stable shape, no secret, nothing changed', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await stdinRun(vault, [aegisPlain(), '--dry-run', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      format: string;
      formatName: string;
      variant: string | null;
      entries: Record<string, unknown>[];
      skipped: unknown[];
    };
    expect(out.format).toBe('aegis');
    expect(out.formatName).toBe('Aegis');
    expect(out.variant).toBe((await importFile(await readFile(aegisPlain()))).variant ?? null);
    expect(out).not.toHaveProperty('added');
    expect(out.skipped).toEqual([]);
    expect(out.entries).toHaveLength(7);
    expect(out.entries[0]).toEqual({
      type: 'totp',
      issuer: 'Deno',
      account: 'Mason',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      tags: [],
      duplicate: false,
    });
    expect(out.entries[3]).toMatchObject({ type: 'hotp', counter: 1, period: null });
    expect(r.stdout).not.toMatch(/secret|4SJHB4GSD43FZBAI7C2HLRJGPQ/i);
    expect(await count(vault)).toBe(6);
  });

  it('--show-secrets adds each base32 secret (and needs --json)', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await stdinRun(vault, [aegisPlain(), '--dry-run', '--json', '--show-secrets']);
    const out = JSON.parse(r.stdout) as { entries: { secret: string }[] };
    const want = expected.files['aegis/aegis_plain.json']?.entries.map((e) => e.secret);
    expect(out.entries.map((e) => e.secret)).toEqual(want);
    const bad = await stdinRun(vault, [aegisPlain(), '--dry-run', '--show-secrets']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--show-secrets needs --json/);
  });

  it('imports an encrypted export all at once, then flags every account as a duplicate', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const pw = await textFile('aegis-pw.txt', 'test\n');
    await chmod(pw, 0o600);
    const first = await stdinRun(vault, [aegisEncrypted(), '--file-password-file', pw]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Imported 7 new account\(s\)/);
    expect(first.stderr).toBe('');
    expect(await count(vault)).toBe(13);

    const again = await stdinRun(vault, [aegisEncrypted(), '--file-password-file', pw]);
    expect(again.code).toBe(4);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/already in the vault/);
    expect(await count(vault)).toBe(13);

    const dry = await stdinRun(vault, [aegisEncrypted(), '--file-password-file', pw, '--dry-run', '--json']);
    expect(dry.code).toBe(0);
    const out = JSON.parse(dry.stdout) as {
      variant: string | null;
      entries: { duplicate: boolean }[];
      skipped: { kind: string; reason: string; entry: number }[];
    };
    expect(out.entries.every((e) => e.duplicate)).toBe(true);
    expect(out.skipped.map((s) => [s.entry, s.kind, s.reason])).toEqual(
      out.entries.map((_, i) => [i, 'duplicate', 'already in the vault']),
    );
    const plain = await importFile(await readFile(aegisEncrypted()), { password: 'test' });
    expect(out.variant).toBe(plain.variant ?? null);
    expect(out.variant).not.toBe((await importFile(await readFile(aegisPlain()))).variant ?? null);
  });

  it('flags an account the vault already holds under another name, and adds only the new one', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const list = await textFile(
      'links.txt',
      `otpauth://totp/Renamed:someone?secret=${HELLO_B32.toLowerCase()}\notpauth://totp/New:one?secret=ORSXG5A\nnot a link\n`,
    );
    const dry = await stdinRun(vault, [list, '--dry-run', '--json']);
    const out = JSON.parse(dry.stdout) as { entries: { duplicate: boolean; issuer: string }[]; skipped: unknown[] };
    expect(out.entries.map((e) => [e.issuer, e.duplicate])).toEqual([
      ['Renamed', true],
      ['New', false],
    ]);
    expect(out.skipped).toEqual([
      { entry: 0, label: 'Renamed (someone)', kind: 'duplicate', reason: 'already in the vault' },
      { index: 2, label: 'line 3', kind: 'other', reason: expect.stringMatching(/not an account link/) },
    ]);
    const real = await stdinRun(vault, [list]);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(
      /already in the vault[\s\S]*Skipped 2 \(1 already in the vault, 1 that cannot be imported\):\n {2}Renamed \(someone\): already in the vault\n {2}line 3: [\s\S]*Imported 1 new account/,
    );
    expect(await count(vault)).toBe(7);
  });

  it('--password-stdin: line 1 is the vault password, line 2 the export’s', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await stdinRun(
      vault,
      [corpusFile('import/2fas/2fas_authenticator_encrypted.2fas'), '--dry-run'],
      `${PASSWORD}\ntest\n`,
    );
    expect(r.code).toBe(0);
    const { variant } = await importFile(await readFile(corpusFile('import/2fas/2fas_authenticator_encrypted.2fas')), {
      password: 'test',
    });
    expect(r.stdout).toContain(
      `4 account(s) in 2fas_authenticator_encrypted.2fas (${variant ? `2FAS, ${variant}` : '2FAS'}):\n`,
    );
    expect(r.stdout).toMatch(/Dry run: nothing was changed/);
    const missing = await stdinRun(vault, [corpusFile('import/2fas/2fas_authenticator_encrypted.2fas'), '--dry-run']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/line 2 of standard input/);
  });

  it('on a terminal, asks for the vault password and then the export’s', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await runCli(
      ['--vault', vault, 'import', corpusFile('import/andotp/andotp_encrypted.bin'), '--dry-run', '--json'],
      {
        tty: [`${PASSWORD}\r`, 'test\r'],
      },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Vault password: [\s\S]*Password of the file to import: /);
    expect((JSON.parse(r.stdout) as { format: string }).format).toBe('andotp');
  });

  it('failures: wrong export password 2, no password source 1, unknown format 3, nothing importable 4, no file 4', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const wrong = await textFile('wrong-pw.txt', 'nope\n');
    await chmod(wrong, 0o600);
    const r2 = await stdinRun(vault, [aegisEncrypted(), '--file-password-file', wrong]);
    expect([r2.code, r2.stdout]).toEqual([2, '']);
    expect(r2.stderr).toMatch(/password does not open this Aegis file/);

    const r1 = await runCli(['--vault', vault, '--password-file', wrong, 'import', aegisEncrypted()]);
    expect(r1.code).toBe(1);

    const junk = await textFile('junk.bin', 'hello, world\n');
    const r3 = await stdinRun(vault, [junk]);
    expect(r3.code).toBe(3);
    expect(r3.stderr).toMatch(/does not recognise/);
    expect(r3.stderr).toMatch(/Aegis, .*2FAS/);

    const empty = await textFile('empty-batch.txt', 'otpauth-migration://offline?data=EAEYACAAKOfg%2B%2FgC\n');
    const r4 = await stdinRun(vault, [empty, '--dry-run', '--json']);
    expect([r4.code, r4.stdout]).toEqual([4, '']);
    expect(r4.stderr).toMatch(/No account could be imported/);

    const r5 = await stdinRun(vault, [path.join(fixture.dir, 'absent.json')]);
    expect(r5.code).toBe(4);
    const r6 = await stdinRun(vault, [aegisPlain(), '--format', 'nope']);
    expect(r6.code).toBe(1);
    expect(r6.stderr).toMatch(/Unknown --format 'nope'/);
    expect(await count(vault)).toBe(6);
  });

  it('--format reads a file as the given format', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const r = await stdinRun(vault, [
      corpusFile('import/ente/ente_auth.txt'),
      '--format',
      'otpauth-uri-list',
      '--dry-run',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { format: string }).format).toBe('otpauth-uri-list');
  });
});
