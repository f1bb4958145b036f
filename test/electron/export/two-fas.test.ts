// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The 2FAS export (electron/export/two-fas.ts): read back by Tessera's own 2FAS importer, and by a
 * reader written here from the 2FAS apps' backup classes (2fas-android `BackupContent`,
 * `BackupService`, `BackupGroup`, `BackupCipherImpl`; 2fas-ios `ExchangeData2`), decrypting with
 * node:crypto alone at 2FAS's real parameters. Random entry sets with awkward names round-trip.
 */
import { createDecipheriv, pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exportTwoFasEncrypted,
  exportTwoFasPlain,
  TWO_FAS_REFERENCE,
  twoFasLosses,
  twoFasProblem,
  twoFasWarnings,
  type ExportEntry,
} from '../../../electron/export';
import { importFile } from '../../../electron/import';
import { countingRandom, filledSecret, importedViews, SAMPLE } from './export-test-helpers';
import { base32Hex, codeView, firstTag, fullView, oddVaultArb, type Viewable } from './odd-entries';

const ENTRIES: ExportEntry[] = [
  SAMPLE.github,
  { ...SAMPLE.bank, tags: ['Work'] },
  SAMPLE.steam,
  { ...SAMPLE.noIssuer, tags: ['Home', 'Work'] },
];

/** What Tessera's importer gives back for an entry 2FAS carries: no notes, no favourite, a name. */
function afterTwoFas(e: Viewable): Record<string, unknown> {
  return {
    ...fullView(e),
    tags: firstTag(e),
    issuer: e.issuer !== '' ? e.issuer : e.account,
    notes: '',
    favourite: false,
  };
}

const carried = (entries: readonly ExportEntry[]): ExportEntry[] => entries.filter((e) => twoFasProblem(e) === null);

// ---- An independent reader, from the 2FAS apps' own classes -------------------------------------

interface TwoFasFile {
  services: Record<string, unknown>[];
  groups: { id: string; name: string; isExpanded: boolean; updatedAt: number }[];
  updatedAt: number;
  schemaVersion: number;
  appVersionCode: number;
  appVersionName: string;
  appOrigin: string;
  servicesEncrypted?: string;
  reference?: string;
}

/** `BackupCipherImpl.decrypt`: "b64(ct‖tag):b64(salt):b64(iv)", PBKDF2-HMAC-SHA256 × 10,000 → AES-256-GCM. */
function open(field: string, password: string): Buffer {
  const [sealed, salt, iv] = field.split(':').map((p) => Buffer.from(p, 'base64'));
  if (!sealed || !salt || !iv) throw new Error('not three parts');
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 10_000, 32, 'sha256');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(sealed.subarray(-16));
  return Buffer.concat([decipher.update(sealed.subarray(0, -16)), decipher.final()]);
}

/** Checks what both apps require of the file and of each service; answers the services. */
function readTwoFas(bytes: Uint8Array, password?: string): { file: TwoFasFile; services: Record<string, unknown>[] } {
  const file = JSON.parse(Buffer.from(bytes).toString('utf8')) as TwoFasFile;
  expect(file.schemaVersion).toBe(4);
  expect(['android', 'ios']).toContain(file.appOrigin); // iOS decodes it as an enum
  expect(Number.isSafeInteger(file.appVersionCode)).toBe(true);
  expect(typeof file.appVersionName).toBe('string');
  expect(Number.isSafeInteger(file.updatedAt)).toBe(true);
  expect(Array.isArray(file.services)).toBe(true);
  for (const g of file.groups) {
    expect(g).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: expect.any(String),
      isExpanded: true,
      updatedAt: file.updatedAt,
    });
  }
  let services = file.services;
  if (password !== undefined) {
    expect(services).toEqual([]);
    expect(open(file.reference ?? '', password).toString('utf8')).toBe(TWO_FAS_REFERENCE);
    services = JSON.parse(open(file.servicesEncrypted ?? '', password).toString('utf8')) as Record<string, unknown>[];
  } else {
    expect(file.servicesEncrypted).toBeUndefined();
    expect(file.reference).toBeUndefined();
  }
  services.forEach((s, position) => {
    // BackupService's non-null fields, and ExchangeData2's required ones (otp.source, icon.iconCollection).
    expect(typeof s['name']).toBe('string');
    expect(s['secret']).toMatch(/^[A-Z2-7]+$/);
    expect(s['updatedAt']).toBe(file.updatedAt);
    expect(s['order']).toEqual({ position });
    const otp = s['otp'] as Record<string, unknown>;
    expect(otp['source']).toBe('Manual');
    expect(['TOTP', 'HOTP', 'STEAM']).toContain(otp['tokenType']);
    expect(['SHA1', 'SHA256', 'SHA512']).toContain(otp['algorithm']);
    const icon = s['icon'] as {
      selected: string;
      label: { text: string; backgroundColor: string };
      iconCollection: { id: string };
    };
    expect(icon.selected).toBe('Label');
    expect(icon.iconCollection.id).toBe('a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad');
    expect(icon.label.backgroundColor).toBe('Default');
    expect(Array.from(icon.label.text).length).toBeLessThanOrEqual(2);
    if (s['groupId'] !== undefined) expect(file.groups.map((g) => g.id)).toContain(s['groupId']);
    // Nothing is written as null: the apps omit absent values.
    expect(JSON.stringify(s)).not.toContain('null');
  });
  return { file, services };
}

/** An entry as a 2FAS app reads a service (name, otp.*, the group's name). */
function entryOf(s: Record<string, unknown>, file: TwoFasFile): Record<string, unknown> {
  const otp = s['otp'] as Record<string, unknown>;
  const type = String(otp['tokenType']).toLowerCase();
  return {
    type,
    name: s['name'],
    issuer: otp['issuer'] ?? '',
    account: otp['account'],
    algorithm: otp['algorithm'],
    digits: otp['digits'],
    period: type === 'hotp' ? null : otp['period'],
    counter: type === 'hotp' ? otp['counter'] : null,
    secret: base32Hex(String(s['secret'])),
    group: file.groups.find((g) => g.id === s['groupId'])?.name ?? null,
  };
}

function expectedService(e: ExportEntry): Record<string, unknown> {
  const v = codeView(e);
  return {
    ...v,
    name: e.issuer !== '' ? e.issuer : e.account,
    digits: e.type === 'steam' ? 5 : e.digits,
    group: e.tags?.[0] ?? null,
  };
}

// ---- Tests --------------------------------------------------------------------------------------

describe('2FAS export, plain', () => {
  it('is read back by Tessera’s 2FAS importer: parameters, names, groups; Steam and HOTP kept', async () => {
    const bytes = exportTwoFasPlain(ENTRIES, { now: 1_700_000_000_000 });
    expect(await importedViews(bytes, '2fas')).toEqual(ENTRIES.map(afterTwoFas));
  });

  it('has every field 2FAS for Android and iPhone read, with groups and schema 4', () => {
    const { file, services } = readTwoFas(exportTwoFasPlain(ENTRIES, { now: 1_700_000_000_000 }));
    expect(file).toMatchObject({ updatedAt: 1_700_000_000_000, appOrigin: 'android', appVersionName: '5.4.8' });
    expect(file.groups.map((g) => g.name)).toEqual(['Work', 'Home']);
    expect(services.map((s) => entryOf(s, file))).toEqual(ENTRIES.map(expectedService));
    const [github, bank, steam, bob] = services as [
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
      Record<string, unknown>,
    ];
    expect(github['otp']).toEqual({
      label: 'alice@example.com',
      account: 'alice@example.com',
      issuer: 'GitHub',
      digits: 8,
      period: 60,
      algorithm: 'SHA256',
      tokenType: 'TOTP',
      source: 'Manual',
    });
    expect(bank['otp']).toMatchObject({ tokenType: 'HOTP', counter: 42 });
    expect(bank['otp']).not.toHaveProperty('period');
    expect(steam['otp']).toMatchObject({ tokenType: 'STEAM', digits: 5, period: 30, algorithm: 'SHA1' });
    expect(steam['icon']).toMatchObject({ label: { text: 'ST' } });
    // No issuer: 2FAS needs a service name, so the account names the service.
    expect(bob).toMatchObject({ name: 'bob:home', otp: { account: 'bob:home' } });
    expect(bob['otp']).not.toHaveProperty('issuer');
    expect(github['groupId']).toBe(bank['groupId']);
    expect(steam).not.toHaveProperty('groupId');
  });

  it('is the same bytes for the same randomness and time', () => {
    const a = exportTwoFasPlain(ENTRIES, { randomBytes: countingRandom(), now: 1 });
    const b = exportTwoFasPlain(ENTRIES, { randomBytes: countingRandom(), now: 1 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

describe('2FAS export, encrypted', () => {
  it('decrypts with PBKDF2-HMAC-SHA256 × 10,000 and AES-256-GCM; reference and services share the salt', async () => {
    const bytes = await exportTwoFasEncrypted(ENTRIES, 'pässword 1', { now: 5 });
    const text = Buffer.from(bytes).toString('utf8');
    for (const e of ENTRIES) expect(text).not.toContain(Buffer.from(e.secret).toString('hex'));
    expect(text).not.toContain('GitHub');
    const { file, services } = readTwoFas(bytes, 'pässword 1');
    const [, servicesSalt, servicesIv] = (file.servicesEncrypted ?? '').split(':').map((p) => Buffer.from(p, 'base64'));
    const [, referenceSalt, referenceIv] = (file.reference ?? '').split(':').map((p) => Buffer.from(p, 'base64'));
    expect(servicesSalt?.length).toBe(256);
    expect(servicesIv?.length).toBe(12);
    expect(referenceSalt?.equals(servicesSalt ?? Buffer.alloc(0))).toBe(true);
    expect(referenceIv?.equals(servicesIv ?? Buffer.alloc(0))).toBe(false);
    // Groups stay readable, as 2FAS leaves them.
    expect(file.groups.map((g) => g.name)).toEqual(['Work', 'Home']);
    expect(services.map((s) => entryOf(s, file))).toEqual(ENTRIES.map(expectedService));
    expect(() => open(file.servicesEncrypted ?? '', 'password 1')).toThrow();
  });

  it('is read back by Tessera’s importer with the password, and refused without it or with another', async () => {
    const bytes = await exportTwoFasEncrypted(ENTRIES, 'export password');
    await expect(importFile(bytes)).rejects.toMatchObject({ kind: 'password-required' });
    await expect(importFile(bytes, { password: 'another password' })).rejects.toMatchObject({ kind: 'wrong-password' });
    expect(await importedViews(bytes, '2fas', { password: 'export password' })).toEqual(ENTRIES.map(afterTwoFas));
  });

  it('refuses an empty password', async () => {
    await expect(exportTwoFasEncrypted(ENTRIES, '')).rejects.toThrow(TypeError);
  });
});

describe('what 2FAS cannot carry', () => {
  const odd: ExportEntry[] = [
    { ...(ENTRIES[1] as ExportEntry), counter: 2 ** 31 - 1 },
    { ...(ENTRIES[1] as ExportEntry), issuer: 'Big', counter: 2 ** 31 },
    { ...(ENTRIES[0] as ExportEntry), issuer: 'Ten', digits: 10, period: 45 },
    { ...(ENTRIES[0] as ExportEntry), issuer: 'Tiny', secret: new Uint8Array([1]) },
  ];

  it('leaves out counters above 2^31 − 1 (the Android app would refuse the file) and warns of the rest', async () => {
    expect(twoFasWarnings(odd)).toEqual([
      {
        index: 1,
        label: 'Big (alice)',
        reason: 'not exported: 2FAS stores counters up to 2,147,483,647 and this one is larger',
      },
      {
        index: 2,
        label: 'Ten (alice@example.com)',
        reason: '2FAS for iPhone has only 6-, 7- and 8-digit codes and would show wrong codes for 10 digits',
      },
      {
        index: 2,
        label: 'Ten (alice@example.com)',
        reason: '2FAS for iPhone has only 10-, 30-, 60- and 90-second periods and would show wrong codes for 45 s',
      },
      {
        index: 3,
        label: 'Tiny (alice@example.com)',
        reason: '2FAS for iPhone skips secrets shorter than 4 or longer than 512 base32 characters',
      },
    ]);
    const { services } = readTwoFas(exportTwoFasPlain(odd));
    expect(services.map((s) => s['name'])).toEqual(['Bank', 'Ten', 'Tiny']);
    expect((services[0]?.['otp'] as Record<string, unknown>)['counter']).toBe(2 ** 31 - 1);
    const result = await importFile(exportTwoFasPlain(odd));
    expect(result.entries.map(fullView)).toEqual(carried(odd).map(afterTwoFas));
  });

  it('names an account whose secret an earlier one has: 2FAS keeps one service per secret', () => {
    const twin = { ...(ENTRIES[0] as ExportEntry), issuer: 'Twin', secret: filledSecret(1) };
    expect(twoFasWarnings([...ENTRIES, twin])).toEqual([
      {
        index: 4,
        label: 'Twin (alice@example.com)',
        reason: 'it has the same secret as GitHub (alice@example.com), and 2FAS keeps only one of them',
      },
    ]);
  });

  it('counts the notes, favourites and missing issuers it drops, among the entries it carries', () => {
    expect(twoFasLosses(ENTRIES)).toEqual({ metadata: 1, unnamed: 1 });
    expect(twoFasLosses(odd)).toEqual({ metadata: 2, unnamed: 0 });
    expect(twoFasWarnings(ENTRIES)).toEqual([]);
  });
});

describe('2FAS export, random entry sets', () => {
  it('plain: Tessera’s importer and the independent reader get every carried entry back', async () => {
    await fc.assert(
      fc.asyncProperty(oddVaultArb, async (entries) => {
        const bytes = exportTwoFasPlain(entries);
        expect(await importedViews(bytes, '2fas')).toEqual(carried(entries).map(afterTwoFas));
        const { file, services } = readTwoFas(bytes);
        expect(services.map((s) => entryOf(s, file))).toEqual(carried(entries).map(expectedService));
      }),
      { numRuns: 60 },
    );
  });

  it('encrypted: the same, under a random password', async () => {
    await fc.assert(
      fc.asyncProperty(
        oddVaultArb,
        fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }),
        async (entries, pw) => {
          const bytes = await exportTwoFasEncrypted(entries, pw);
          expect(await importedViews(bytes, '2fas', { password: pw })).toEqual(carried(entries).map(afterTwoFas));
          const { file, services } = readTwoFas(bytes, pw);
          expect(services.map((s) => entryOf(s, file))).toEqual(carried(entries).map(expectedService));
        },
      ),
      { numRuns: 15 },
    );
  });
});
