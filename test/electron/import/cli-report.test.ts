// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What `tessera import` says it did, without the corpus: the app and the variant read, every account
 * not added with its reason and kind (already in the vault, listed twice, unsupported, malformed,
 * other) in the text review and in `--json` (`format`, `formatName`, `variant`, `added`, `skipped`),
 * and the unknown-format message naming the apps.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, supportedAppNames } from '../../../electron/import';
import { copyVault, HELLO_B32, PASSWORD, runCli, type RunResult, useTemplateVault } from '../cli/harness';

const fixture = useTemplateVault();

const te = new TextEncoder();
const stdinRun = (vault: string, argv: string[]): Promise<RunResult> =>
  runCli(['--vault', vault, '--password-stdin', 'import', ...argv], { stdin: `${PASSWORD}\n` });

const totp = (issuer: string, name: string, info: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'totp',
  issuer,
  name,
  info: { secret: 'ORSXG5A', algo: 'SHA1', digits: 6, period: 30, ...info },
});

/**
 * A plain Aegis export: the fixture vault's GitHub account renamed (a duplicate of the vault), a new
 * account in two groups whose icon is no image (imported without it: a notice), the new one again
 * (listed twice), an mOTP account (unsupported) and one of 11 digits (out of range).
 */
const AEGIS = JSON.stringify({
  version: 1,
  header: { slots: null, params: null },
  db: {
    version: 3,
    entries: [
      totp('Renamed', 'someone', { secret: HELLO_B32 }),
      { ...totp('New', 'one'), groups: ['g1', 'g2'], icon: Buffer.from('no image').toString('base64') },
      totp('New', 'again'),
      { ...totp('Bank', 'bob', { algo: 'MD5', period: 10, pin: '1234' }), type: 'motp' },
      totp('Odd', 'eve', { digits: 11 }),
    ],
    groups: [
      { uuid: 'g1', name: 'Work' },
      { uuid: 'g2', name: 'Lab' },
    ],
  },
});

async function aegisFile(): Promise<{ file: string; variant: string | undefined }> {
  const file = path.join(fixture.dir, 'aegis-export.json');
  await writeFile(file, AEGIS);
  // The importer's own words for what it read, whatever they are.
  const { variant } = await importFile(te.encode(AEGIS), { fileName: 'aegis-export.json' });
  return { file, variant };
}

const EXPECTED_NOTICES = [
  {
    index: 1,
    label: 'New (one)',
    reason: 'its icon was left out (Tessera cannot use that image); the account is imported without it',
    details: expect.stringMatching(/PNG, JPEG or SVG/) as unknown,
  },
];

const EXPECTED_SKIPPED = [
  { entry: 0, label: 'Renamed (someone)', kind: 'duplicate', reason: 'already in the vault' },
  { entry: 2, label: 'New (again)', kind: 'duplicate', reason: 'listed twice in the file' },
  {
    index: 3,
    label: 'Bank (bob)',
    kind: 'unsupported',
    reason: '“motp” codes are not supported by Tessera (only TOTP, HOTP and Steam)',
  },
  {
    index: 4,
    label: 'Odd (eve)',
    kind: 'malformed',
    reason: expect.stringMatching(/digits/) as unknown,
    details: expect.stringMatching(/'digits'/) as unknown,
  },
];

describe('tessera import: what it did', () => {
  it('--dry-run --json: format, its name, the variant, and every account not added with its kind', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file, variant } = await aegisFile();
    expect(variant).toEqual(expect.any(String));
    const r = await stdinRun(vault, [file, '--dry-run', '--json']);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['format', 'formatName', 'variant', 'entries', 'skipped', 'notices']);
    expect(out).toMatchObject({ format: 'aegis', formatName: 'Aegis', variant });
    expect(
      (out['entries'] as { issuer: string; duplicate: boolean; tags: string[] }[]).map((e) => [
        e.issuer,
        e.duplicate,
        e.tags,
      ]),
    ).toEqual([
      ['Renamed', true, []],
      ['New', false, ['Work', 'Lab']],
      ['New', true, []],
    ]);
    expect(out['skipped']).toEqual(EXPECTED_SKIPPED);
    expect(out['notices']).toEqual(EXPECTED_NOTICES);
  });

  it('the text review names the app and the variant and lists every account not added', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file, variant } = await aegisFile();
    const r = await stdinRun(vault, [file, '--dry-run']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`3 account(s) in aegis-export.json (Aegis, ${variant ?? ''}):`);
    expect(r.stdout).toMatch(/Renamed +someone +already in the vault\n/);
    expect(r.stdout).toMatch(/New +one +new\n/);
    expect(r.stdout).toMatch(/New +again +listed twice in the file\n/);
    const from = lines.findIndex((l) => l.startsWith('Skipped'));
    expect(lines.slice(from, from + 5)).toEqual([
      'Skipped 4 (1 already in the vault, 1 listed twice in the file, 2 that cannot be imported):',
      '  Renamed (someone): already in the vault',
      '  New (again): listed twice in the file',
      '  Bank (bob): “motp” codes are not supported by Tessera (only TOTP, HOTP and Steam)',
      expect.stringMatching(/^ {2}Odd \(eve\): .*digits/),
    ]);
    expect(lines[from + 5]).toMatch(/^ {4}Details: .*'digits'/);
    expect(lines.slice(from + 6, from + 9)).toEqual([
      'Imported without a part (1):',
      '  New (one): its icon was left out (Tessera cannot use that image); the account is imported without it',
      expect.stringMatching(/^ {4}Details: Tessera can use a PNG, JPEG or SVG image as an icon/),
    ]);
    expect(r.stdout).toMatch(/Dry run: nothing was changed\.\n$/);
  });

  it('--json after a real import: "added", and the same "skipped"', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const { file, variant } = await aegisFile();
    const r = await stdinRun(vault, [file, '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['format', 'formatName', 'variant', 'added', 'entries', 'skipped', 'notices']);
    expect(out).toMatchObject({
      format: 'aegis',
      variant,
      added: 1,
      skipped: EXPECTED_SKIPPED,
      notices: EXPECTED_NOTICES,
    });

    const again = await stdinRun(vault, [file]);
    expect([again.code, again.stdout]).toEqual([4, '']);
    // Both copies of the account just added now match the vault.
    expect(again.stderr).toMatch(/^Skipped 5 \(3 already in the vault, 2 that cannot be imported\):$/m);
    expect(again.stderr).toMatch(/ {2}New \(again\): already in the vault\n/);
  });

  it('only duplicates: "Skipped N already in the vault"', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const file = path.join(fixture.dir, 'links.txt');
    await writeFile(
      file,
      `otpauth://totp/Renamed:someone?secret=${HELLO_B32}\notpauth://totp/New:one?secret=ORSXG5A\n`,
    );
    const r = await stdinRun(vault, [file, '--dry-run']);
    expect(r.stdout).toMatch(/\nSkipped 1 already in the vault:\n {2}Renamed \(someone\): already in the vault\n/);
  });

  it('a line the importer skipped without a kind is "other"; a file with nothing to import still names what it read', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const file = path.join(fixture.dir, 'nothing.txt');
    const text = 'otpauth://totp/Bad:one?secret=JBSWY3DPEHPK3PXP&digits=4\nnot a link\n';
    await writeFile(file, text);
    const { variant } = await importFile(te.encode(text), { fileName: 'nothing.txt' });
    const r = await stdinRun(vault, [file, '--dry-run', '--json']);
    expect([r.code, r.stdout]).toEqual([4, '']);
    expect(r.stderr).toContain(`0 account(s) in nothing.txt (otpauth:// link list, ${variant ?? ''}).\n`);
    expect(r.stderr).toMatch(/Skipped 2 that cannot be imported:\n {2}line 1: .*\n {4}Details: .*\n {2}line 2: /);
    expect(r.stderr).toMatch(/No account could be imported from nothing\.txt \(see above\)/);

    const links = path.join(fixture.dir, 'links-and-text.txt');
    await writeFile(links, 'otpauth://totp/New:one?secret=ORSXG5A\nnot a link\n');
    const json = await stdinRun(vault, [links, '--dry-run', '--json']);
    expect((JSON.parse(json.stdout) as { skipped: unknown[] }).skipped).toEqual([
      { index: 1, label: 'line 2', kind: 'other', reason: expect.stringMatching(/not an account link/) as unknown },
    ]);
  });

  it('a file no importer recognises: the message names the apps Tessera reads and --format', async () => {
    const vault = await copyVault(fixture.template, fixture.dir);
    const junk = path.join(fixture.dir, 'junk.bin');
    await writeFile(junk, 'hello, world\n');
    const r = await stdinRun(vault, [junk]);
    expect([r.code, r.stdout]).toEqual([3, '']);
    expect(r.stderr).toContain(`(${supportedAppNames().join(', ')})`);
    expect(r.stderr).toMatch(/does not recognise this file[\s\S]*--format NAME/);
  });
});
