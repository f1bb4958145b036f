// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera scan` end to end: in-process on real image files and fixture vaults, and once through the built bin. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toMigrationUri, type MigrationOtpParameters } from '../../../../electron/otp';
import { copyVault, createFixtureVault, HELLO_B32, PASSWORD, runCli, tempDir, type RunResult } from '../../cli/harness';
import { encodeImage, syntheticScreenshot } from './render';

const ROOT = path.resolve(__dirname, '../../../..');
const NEW_SECRET = 'NBSWY3DPO5XXE3DEMFRGGZDFMZTWQ2LK';
const NEW_TOTP = `otpauth://totp/Example:carol%40example.com?secret=${NEW_SECRET}&issuer=Example&digits=8`;
const DUP_TOTP = `otpauth://totp/GitHub:alice?secret=${HELLO_B32}&issuer=GitHub`; // in the fixture vault
const HOTP = 'otpauth://hotp/Lab:door?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&counter=12';

let dir: string;
let template: string;
let cleanup: () => Promise<void>;
const files: Record<string, string> = {};

const otp = (name: string, byte: number): MigrationOtpParameters => ({
  secret: new Uint8Array(16).fill(byte),
  name,
  issuer: 'ACME',
  algorithm: 1,
  digits: 1,
  type: 2,
  counter: 0n,
});
const batchPart = (index: number, names: string[]): string =>
  toMigrationUri({
    otpParameters: names.map((n, i) => otp(n, 10 * index + i + 1)),
    version: 1,
    batchSize: 3,
    batchIndex: index,
    batchId: 777,
  });

async function imageFile(name: string, texts: string[], format: 'png' | 'jpeg' = 'png'): Promise<void> {
  const shot = await syntheticScreenshot({ width: 1000, height: 700, texts, moduleSize: 3, seed: name.length });
  files[name] = path.join(dir, name);
  await writeFile(files[name], await encodeImage(shot, format));
}

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  template = path.join(dir, 'template.tessera');
  await createFixtureVault(template);
  await imageFile('two.png', [NEW_TOTP, HOTP]);
  await imageFile('dup.png', [DUP_TOTP, NEW_TOTP]);
  await imageFile('url.jpg', ['https://example.com/help'], 'jpeg');
  await imageFile('bad-digits.png', [`otpauth://totp/X:y?secret=${NEW_SECRET}&digits=12`]);
  await imageFile('part1.png', [batchPart(0, ['one', 'two'])]);
  await imageFile('part2.png', [batchPart(1, ['three'])]);
  await imageFile('blank.png', []);
  const md5 = { ...otp('Old:legacy', 99), issuer: '', algorithm: 4 };
  await imageFile('md5.png', [
    toMigrationUri({ otpParameters: [md5, otp('kept', 98)], version: 1, batchSize: 1, batchIndex: 0, batchId: 5 }),
  ]);
  files['notes.txt'] = path.join(dir, 'notes.txt');
  await writeFile(files['notes.txt'], 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n');
});
afterAll(() => cleanup());

const f = (name: string): string => files[name] ?? name;
const scan = (...argv: string[]): Promise<RunResult> =>
  runCli(['--vault', path.join(dir, 'none.tessera'), 'scan', ...argv], { cwd: dir });

async function withVault(...argv: string[]): Promise<{ result: RunResult; vault: string }> {
  const vault = await copyVault(template, dir);
  const result = await runCli(['--vault', vault, '--password-stdin', 'scan', ...argv], { stdin: `${PASSWORD}\n` });
  return { result, vault };
}

async function accountsIn(vault: string): Promise<string[]> {
  const r = await runCli(['--vault', vault, '--password-stdin', 'list', '--json'], { stdin: `${PASSWORD}\n` });
  return (JSON.parse(r.stdout) as { entries: { issuer: string; account: string }[] }).entries.map(
    (e) => `${e.issuer}:${e.account}`,
  );
}

describe('tessera scan (no vault needed)', () => {
  it('lists the accounts of every image, never a secret', async () => {
    const r = await scan('two.png', 'part1.png');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^TYPE\s+ISSUER\s+ACCOUNT\s+CODES\s+FROM$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^totp\s+Example\s+carol@example\.com\s+SHA1, 8 digits, 30 s\s+two\.png$/),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^hotp\s+Lab\s+door\s+SHA1, 6 digits, counter 12\s+two\.png$/));
    expect(lines).toContainEqual(
      expect.stringMatching(/^totp\s+ACME\s+one\s+SHA1, 6 digits, 30 s\s+part1\.png \(QR 1 of 3\)$/),
    );
    expect(r.stderr).toContain(
      'Warning: Google Authenticator export: 1 of 3 QR codes scanned. QR code 2 of 3 is missing. QR code 3 of 3 is missing',
    );
    expect(r.stdout + r.stderr).not.toContain(NEW_SECRET);
  });

  it('--json: the import --dry-run shape, batch for transfer codes, secrets only with --show-secrets', async () => {
    const r = await scan('two.png', 'part1.png', 'part2.png', '--json');
    expect(r.code).toBe(0);
    const { entries, skipped } = JSON.parse(r.stdout) as { entries: Record<string, unknown>[]; skipped: unknown[] };
    expect(entries).toHaveLength(5);
    expect(skipped).toEqual([]);
    expect(entries[0]).toEqual({
      type: 'totp',
      issuer: 'Example',
      account: 'carol@example.com',
      algorithm: 'SHA1',
      digits: 8,
      period: 30,
      counter: null,
      tags: [],
    });
    expect(entries[1]).toMatchObject({ type: 'hotp', period: null, counter: 12 });
    expect(entries[4]).toEqual({
      type: 'totp',
      issuer: 'ACME',
      account: 'three',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      tags: [],
      batch: { id: 777, index: 1, size: 3 },
    });
    expect(r.stdout).not.toMatch(/secret/i);
    expect(r.stderr).toContain('2 of 3 QR codes scanned. QR code 3 of 3 is missing');
    const shown = await scan('two.png', '--json', '--show-secrets');
    expect((JSON.parse(shown.stdout) as { entries: { secret: string }[] }).entries[0]?.secret).toBe(NEW_SECRET);
  });

  it('an export code with an account Tessera cannot use: the others listed, that one skipped with the reason', async () => {
    const r = await scan('md5.png', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { entries: { account: string }[]; skipped: unknown[] };
    expect(out.entries.map((e) => e.account)).toEqual(['kept']);
    expect(out.skipped).toEqual([{ image: 'md5.png', label: 'Old:legacy', reason: 'MD5 codes are not supported' }]);
    expect(r.stderr).toBe('md5.png: Old:legacy cannot be imported: MD5 codes are not supported.\n');
  });

  it('--raw: the text of every code, one per line, whatever it holds', async () => {
    const r = await scan('--raw', 'url.jpg', 'two.png');
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n').sort()).toEqual(['https://example.com/help', HOTP, NEW_TOTP].sort());
  });

  it('a web link only: exit 4 and the reason, nothing on stdout', async () => {
    const r = await scan('url.jpg');
    expect(r).toMatchObject({ code: 4, stdout: '' });
    expect(r.stderr).toContain('url.jpg: This QR code holds a web link, not an authenticator account.');
    expect(r.stderr).toContain('No authenticator account found in the QR codes.');
  });

  it('an unusable account link fails the whole scan, naming the field', async () => {
    const r = await scan('two.png', 'bad-digits.png');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toMatch(
      /bad-digits\.png: This QR code holds an account link that cannot be used\. Codes must have 5 to 10 digits/,
    );
    expect(r.stderr).toMatch(/\n {2}Details: Invalid 'digits' parameter/);
  });

  it('bad files: not an image (1), missing (4), no QR code (4), a 20,000 × 20,000 PNG (1)', async () => {
    const notImage = await scan('notes.txt');
    expect(notImage).toMatchObject({ code: 1, stdout: '' });
    expect(notImage.stderr).toContain(
      'notes.txt: This file is not an image Tessera can read (PNG, JPEG, WebP, BMP or GIF).',
    );
    expect(await scan('missing.png')).toMatchObject({ code: 4, stderr: 'tessera: missing.png: No such file.\n' });
    const blank = await scan('blank.png');
    expect(blank).toMatchObject({ code: 4, stdout: '' });
    expect(blank.stderr).toContain('blank.png: no QR code found.');
    expect(blank.stderr).toContain('zoom in');
    const huge = path.join(dir, 'huge.png');
    const header = Buffer.from('89504e470d0a1a0a0000000d4948445200004e2000004e200806000000', 'hex');
    await writeFile(huge, Buffer.concat([header, Buffer.alloc(16)]));
    const big = await scan(huge);
    expect(big).toMatchObject({ code: 1, stdout: '' });
    expect(big.stderr).toContain('The image is 20000 × 20000 pixels, larger than Tessera scans');
  });

  it('refuses options that do not go together', async () => {
    for (const argv of [['--raw', '--json'], ['--raw', '--add'], ['--show-secrets'], ['--add', '--json']]) {
      const r = await scan('two.png', ...argv);
      expect(r.code, argv.join(' ')).toBe(1);
    }
    expect((await runCli(['scan'])).code).toBe(1);
  });
});

describe('tessera scan --add', () => {
  it('adds the new accounts and skips the ones already in the vault', async () => {
    const { result, vault } = await withVault('--add', f('dup.png'), f('two.png'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      'Added 2 accounts: Example (carol@example.com), Lab (door).\n' + 'Skipped 1 duplicate account: GitHub (alice).\n',
    );
    const accounts = await accountsIn(vault);
    expect(accounts).toHaveLength(8);
    expect(accounts).toEqual(expect.arrayContaining(['Example:carol@example.com', 'Lab:door']));
    const again = await runCli(['--vault', vault, '--password-stdin', 'scan', '--add', f('two.png')], {
      stdin: `${PASSWORD}\n`,
    });
    expect(again).toMatchObject({ code: 4, stdout: '' });
    expect(again.stderr).toBe('tessera: Nothing was added: the 2 accounts found are already in the vault.\n');
  });

  it('adds nothing, and asks no password, when one image is unusable', async () => {
    for (const bad of ['bad-digits.png', 'notes.txt', 'missing.png']) {
      const { result, vault } = await withVault('--add', f('two.png'), f(bad));
      expect(result.code, bad).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(await accountsIn(vault)).toHaveLength(6);
    }
  });

  it('adds the parts of an export scanned so far, warning about the missing one', async () => {
    const { result, vault } = await withVault('--add', f('part1.png'), f('part2.png'));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Added 3 accounts: ACME (one), ACME (two), ACME (three).\n');
    expect(result.stderr).toContain('QR code 3 of 3 is missing');
    expect(await accountsIn(vault)).toHaveLength(9);
  });
});

describe('tessera scan through the built bin', () => {
  const BUNDLE = path.join(ROOT, 'out', 'main', 'cli.js');
  const SOURCES = ['electron', 'package.json'].map((s) => path.join(ROOT, s));
  const newest = (p: string): number =>
    statSync(p).isDirectory()
      ? Math.max(0, ...readdirSync(p).map((n) => newest(path.join(p, n))))
      : statSync(p).mtimeMs;

  it('reads a PNG with the CommonJS bundle (sharp and zxing-wasm loaded from node_modules)', () => {
    if (!existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < Math.max(...SOURCES.map(newest))) {
      const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
      expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    }
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'tessera.js'), 'scan', '--json', f('two.png')], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { entries: { account: string }[] }).entries.map((e) => e.account)).toEqual([
      'carol@example.com',
      'door',
    ]);
  });
});
