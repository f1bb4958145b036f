// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Raivo OTP exports (electron/import/raivo.ts) beyond the golden fixtures: the values-as-text
 * rules, Raivo's error object, unencrypted and ZipCrypto ZIPs, damaged files, the work budget (the
 * WinZip AES derivation, inflated size, accounts), and 200 mutated JSON contents re-zipped with the
 * password, as fuzz.test.ts does for Aegis and andOTP.
 */
import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { raivoFormat } from '../../../electron/import/raivo';
import { base32Encode } from '../../../electron/otp';
import { raivoJson, raivoZip, type RaivoAccount } from '../../../scripts/fixtures/raivo';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

configure({ useWebWorkers: false });

const PASSWORD = 'correct horse';
const SECRET = 'JBSWY3DPEHPK3PXP';
const te = new TextEncoder();

const account = (over: Record<string, string | boolean> = {}): RaivoAccount =>
  ({
    issuer: 'Example',
    account: 'alice',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: '6',
    kind: 'TOTP',
    timer: '30',
    counter: '0',
    pinned: 'false',
    iconType: '',
    iconValue: '',
    ...over,
  }) as RaivoAccount;

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

/** A ZIP of `files` written by zip.js, optionally with ZipCrypto or no encryption at all. */
async function zipOf(
  files: readonly (readonly [string, string])[],
  options: { password?: string; zipCrypto?: boolean } = {},
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, ...options });
  for (const [name, text] of files) await writer.add(name, new TextReader(text));
  return writer.close();
}

describe('Raivo OTP: accounts', () => {
  it('reads every value as text: digits, timer and counter of each kind, pinned as favourite', async () => {
    const result = await importFile(
      te.encode(
        raivoJson([
          account({ pinned: 'true', digits: '8', timer: '60', counter: 'not read for TOTP' }),
          account({ kind: 'HOTP', counter: '12', timer: 'not read for HOTP', algorithm: 'SHA256', issuer: 'Forge' }),
          account({ pinned: true, issuer: 'Boolean pin' }),
        ]),
      ),
    );
    expect(result.variant).toBe('JSON (unzipped export)');
    expect(result.skipped).toEqual([]);
    expect(
      result.entries.map((e) => [e.type, e.issuer, e.digits, e.period, e.counter, e.algorithm, e.favourite]),
    ).toEqual([
      ['totp', 'Example', 8, 60, null, 'SHA1', true],
      ['hotp', 'Forge', 6, null, 12, 'SHA256', undefined],
      ['totp', 'Boolean pin', 6, 30, null, 'SHA1', true],
    ]);
    expect(base32Encode(result.entries[0]!.secret)).toBe(SECRET);
  });

  it('reads the oldest exports, without pinned and icons, and numbers written as numbers', async () => {
    const oldest = [
      {
        issuer: 'Old',
        account: 'bob',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        kind: 'TOTP',
        timer: 30,
        counter: 0,
      },
    ];
    const result = await importFile(te.encode(JSON.stringify(oldest)), { format: 'raivo' });
    expect(result.entries).toMatchObject([{ issuer: 'Old', account: 'bob', digits: 6, period: 30 }]);
  });

  it('skips what Tessera cannot use, with the reason, and keeps the rest', async () => {
    const result = await importFile(
      te.encode(
        raivoJson([
          account({ kind: 'MOTP', issuer: 'Other kind' }),
          account({ algorithm: 'MD5', issuer: 'Other hash' }),
          account({ digits: 'six', issuer: 'Bad digits' }),
          account({ secret: '', issuer: 'Empty' }),
          account({ issuer: 'Fine' }),
        ]),
      ),
    );
    expect(result.entries.map((e) => e.issuer)).toEqual(['Fine']);
    expect(result.skipped.map((s) => [s.index, s.label])).toEqual([
      [0, 'Other kind (alice)'],
      [1, 'Other hash (alice)'],
      [2, 'Bad digits (alice)'],
      [3, 'Empty (alice)'],
    ]);
    expect(result.skipped[0]!.reason).toMatch(/not supported/);
  });

  it('an account that is not an object is skipped by its position', async () => {
    const result = await importFile(te.encode(JSON.stringify([account(), 'text', null])), { format: 'raivo' });
    expect(result.entries).toHaveLength(1);
    expect(result.skipped.map((s) => s.label)).toEqual(['entry 2', 'entry 3']);
  });
});

describe('Raivo OTP: files', () => {
  it('detects the ZIP by its member name and the JSON by its fields, nothing else', () => {
    expect(raivoFormat.detect(te.encode(raivoJson([account()])))).toBeGreaterThanOrEqual(0.9);
    expect(raivoFormat.detect(te.encode(JSON.stringify([{ name: 'alice', otpGenerator: {} }])))).toBe(0);
    expect(raivoFormat.detect(te.encode('[]'))).toBe(0);
    expect(raivoFormat.detect(te.encode('PK\u0003\u0004 not really a zip'))).toBe(0);
    expect(raivoFormat.needsPassword(te.encode(raivoJson([account()])))).toBe(false);
  });

  it('a ZIP the app made needs the password; Raivo’s own error object is refused in plain words', async () => {
    const zip = await raivoZip('{"message": "Could not retrieve OTPs from Realm"}', PASSWORD);
    expect(detectFormat(zip)?.format).toBe('raivo');
    expect(raivoFormat.needsPassword(zip)).toBe(true);
    const error = await importFile(zip, { password: PASSWORD }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/could not write the accounts/) });
  });

  it('reads a ZIP a person re-made without a password, and one with the old ZipCrypto encryption', async () => {
    const plain = await zipOf([['raivo-otp-export/raivo-otp-export.json', raivoJson([account()])]]);
    expect(raivoFormat.needsPassword(plain)).toBe(false);
    expect(await importFile(plain)).toMatchObject({ variant: 'ZIP export (not password-protected)' });

    const zipCrypto = await zipOf([['raivo-otp-export.json', raivoJson([account()])]], {
      password: PASSWORD,
      zipCrypto: true,
    });
    const budget = new WorkBudget();
    expect((await importFile(zipCrypto, { password: PASSWORD, budget })).entries).toHaveLength(1);
    expect(budget.usage()['kdf-work:raivo']).toBeUndefined(); // ZipCrypto derives no key
    expect(await kind(importFile(zipCrypto, { password: 'wrong' }))).toBe('wrong-password');
  });

  it('refuses a ZIP without the JSON, a cut-off ZIP and text that is not a list', async () => {
    const htmlOnly = await zipOf([['raivo-otp-export.html', '<html></html>']]);
    expect(await kind(importFile(htmlOnly, { format: 'raivo' }))).toBe('corrupt');
    const zip = await raivoZip(raivoJson([account()]), PASSWORD);
    expect(await kind(importFile(zip.slice(0, zip.length - 30), { format: 'raivo', password: PASSWORD }))).toBe(
      'corrupt',
    );
    expect(await kind(importFile(te.encode('{"issuer": "x"}'), { format: 'raivo' }))).toBe('corrupt');
  });

  it('a modified encrypted member is reported like a wrong password', async () => {
    const zip = await raivoZip(raivoJson([account()]), PASSWORD);
    const at = Buffer.from(zip).indexOf('raivo-otp-export.json') + 'raivo-otp-export.json'.length + 40;
    const damaged = Uint8Array.from(zip);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    expect(await kind(importFile(damaged, { password: PASSWORD }))).toBe('wrong-password');
  });
});

describe('Raivo OTP: work budget', () => {
  it('charges the WinZip AES-256 derivation (4 blocks of 1,000 iterations) before zip.js runs it', async () => {
    const zip = await raivoZip(raivoJson([account()]), PASSWORD);
    const budget = new WorkBudget();
    await importFile(zip, { password: PASSWORD, budget });
    expect(budget.usage()['kdf-work:raivo']).toBe(4 * 1000 * 1024);

    const tight = new WorkBudget({
      kdf: {
        raivo: {
          app: 'Raivo OTP',
          defaults: 'test',
          legitimateMemoryBytes: 0,
          legitimateWork: 1024,
          margin: 1,
          why: 'test',
        },
      },
    });
    const error = await importFile(zip, { password: PASSWORD, budget: tight }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'too-large', limit: { name: 'kdf-work' } });
  });

  it('stops inflating at the archive limit and counts accounts', async () => {
    const many = raivoJson(Array.from({ length: 40 }, (_, i) => account({ issuer: `Example ${i}` })));
    const zip = await raivoZip(many, PASSWORD, 6);
    const small = await importFile(zip, {
      password: PASSWORD,
      budget: new WorkBudget({ limits: { 'archive-bytes': 1024 } }),
    }).catch((e: unknown) => e);
    expect(small).toMatchObject({ kind: 'too-large', limit: { name: 'archive-bytes' } });
    const few = await importFile(zip, {
      password: PASSWORD,
      budget: new WorkBudget({ limits: { accounts: 10 } }),
    }).catch((e: unknown) => e);
    expect(few).toMatchObject({ kind: 'too-large', limit: { name: 'accounts' } });
  });
});

describe('Raivo OTP: fuzzing after decryption', () => {
  it('200 mutated contents, re-zipped with the password (WinZip AES, 1,000 iterations)', async () => {
    const content = te.encode(
      raivoJson([
        account({ pinned: 'true' }),
        account({ kind: 'HOTP', counter: '3', issuer: 'Forge' }),
        account({ algorithm: 'SHA512', digits: '8', issuer: 'Bank' }),
      ]),
    );
    const probe = prober(new Set([SECRET]));
    const rnd = prng(seedOf(`${process.env.TESSERA_FUZZ_SEED ?? ''}raivo content`));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const zip = await raivoZip(mutate(content, rnd), PASSWORD);
      await probe(`raivo content #${i}`, () => importFile(zip, { password: PASSWORD }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
