// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Behaviour the corpus files do not show: variants without a sample (Ente encrypted, Authy
 * encrypted tokens, andOTP old format, Authenticator Pro legacy, Bitwarden CSV), entries that must
 * be skipped with a reason, lenient-but-safe secrets, refused variants, detection and duplicates.
 */
import { describe, expect, it } from 'vitest';
import {
  detectCandidates,
  detectFormat,
  findDuplicates,
  ImportError,
  importFile,
  toNewVaultEntry,
  type ImportedEntry,
} from '../../../electron/import';
import { base32Encode } from '../../../electron/otp';
import type { VaultEntry } from '../../../electron/vault';
import { andOtpOldEncrypted, authenticatorProLegacy, authyEncryptedToken, enteEncrypted } from './writers';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));
const b32 = (e: ImportedEntry): string => base32Encode(e.secret);
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

const aegisPlain = (entries: unknown[], extra: Record<string, unknown> = {}, version = 3): Uint8Array =>
  json({ version: 1, header: { slots: null, params: null }, db: { version, entries, ...extra } });
const aegisTotp = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'totp',
  name: 'alice',
  issuer: 'Example',
  info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
  ...over,
});

describe('Aegis variants', () => {
  it('keeps notes, favourites and groups as tags (v3 by uuid, v2 by name); skips motp and yandex with a reason', async () => {
    const v3 = await importFile(
      aegisPlain(
        [
          aegisTotp({ note: 'recovery in the safe', favorite: true, groups: ['g1', 'unknown', 'g2', 'g3'] }),
          aegisTotp({
            type: 'motp',
            info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 10, pin: '1234' },
          }),
          aegisTotp({ type: 'yandex', name: 'ya' }),
        ],
        {
          groups: [
            { uuid: 'g1', name: 'Work' },
            { uuid: 'g2', name: '  Side   project ' },
            { uuid: 'g3', name: 'WORK' },
          ],
        },
      ),
    );
    expect(v3.entries).toHaveLength(1);
    // Every group the vault names, in the entry's order, in the tags' normal form (a repeat ignoring case dropped).
    expect(v3.entries[0]).toMatchObject({
      notes: 'recovery in the safe',
      favourite: true,
      tags: ['Work', 'Side project'],
    });
    expect(v3.skipped).toEqual([
      {
        index: 1,
        label: 'Example (alice)',
        reason: expect.stringMatching(/“motp” codes are not supported/),
        kind: 'unsupported',
      },
      {
        index: 2,
        label: 'Example (ya)',
        reason: expect.stringMatching(/“yandex” codes are not supported/),
        kind: 'unsupported',
      },
    ]);
    const v2 = await importFile(aegisPlain([aegisTotp({ group: 'Personal' })], {}, 2));
    expect(v2.entries[0]?.tags).toEqual(['Personal']);
  });

  it('skips values that would give wrong codes, naming the field', async () => {
    const result = await importFile(
      aegisPlain([
        aegisTotp({ info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA384', digits: 6, period: 30 } }),
        aegisTotp({ info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 11, period: 30 } }),
        aegisTotp({ info: { secret: 'JBSW1', algo: 'SHA1', digits: 6, period: 30 } }),
        aegisTotp({ info: { secret: '', algo: 'SHA1', digits: 6, period: 30 } }),
      ]),
    );
    expect(result.entries).toEqual([]);
    // The reason in plain words; the field named in the technical detail.
    expect(result.skipped.map((s) => [s.reason, s.details])).toEqual([
      [expect.stringMatching(/^The algorithm must be/), expect.stringMatching(/'algorithm'.*SHA384/)],
      [expect.stringMatching(/^Codes must have 5 to 10 digits/), expect.stringMatching(/'digits'/)],
      ['its secret key is damaged in the file', expect.stringMatching(/not valid base32/)],
      ['its secret key is empty in the file', undefined],
    ]);
  });

  it('refuses newer versions, biometric-only vaults and out-of-range scrypt parameters', async () => {
    expect(await kind(importFile(aegisPlain([], {}, 4)))).toBe('unsupported');
    const slot = (type: number, n: number): Record<string, unknown> => ({
      type,
      key: '00'.repeat(32),
      key_params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) },
      n,
      r: 8,
      p: 1,
      salt: '00'.repeat(32),
    });
    const encrypted = (slots: unknown[]): Uint8Array =>
      json({ version: 1, header: { slots, params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) } }, db: 'AAAA' });
    expect(await kind(importFile(encrypted([slot(2, 2)]), { password: 'x' }))).toBe('unsupported');
    expect(await kind(importFile(encrypted([slot(1, 2 ** 22)]), { password: 'x' }))).toBe('unsupported');
    expect(await kind(importFile(encrypted([slot(1, 1000)]), { password: 'x' }))).toBe('unsupported');
  });
});

describe('lenient where real files deviate, by the bytes', () => {
  it('reads lowercase, spaced, hyphenated, padded and odd-length base32 (leftover bits dropped)', async () => {
    const list = [
      'otpauth://totp/A:a?secret=jbsw%20y3dp-ehpk3pxp',
      'otpauth://totp/B:b?secret=JBSWY3DPEHPK3PXP%3D%3D%3D%3D',
      'otpauth://totp/C:c?secret=ABCB', // docs/formats.md §7.3: decodes to 00 44 like ABCA
      'otpauth://totp/D:d?secret=ABCDEFGHI', // L mod 8 = 1: lenient decoders drop the leftover bits
      'otpauth://totp/Example%3Aalice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=A%20%26%20B&algorithm=sha256&period=null',
    ].join('\r\n');
    const result = await importFile(te.encode(list));
    expect(result.skipped).toEqual([]);
    expect(result.entries.map(b32)).toEqual([
      'JBSWY3DPEHPK3PXP',
      'JBSWY3DPEHPK3PXP',
      'ABCA',
      'ABCDEFGH',
      'JBSWY3DPEHPK3PXP',
    ]);
    expect(result.entries[4]).toMatchObject({
      issuer: 'A & B',
      account: 'alice@example.com',
      algorithm: 'SHA256',
      period: 30,
    });
  });

  it('skips a link that would give wrong codes, with the field named', async () => {
    const result = await importFile(
      te.encode(
        'otpauth://totp/X:y?secret=JBSWY3DPEHPK3PXP&algorithm=MD5\nmotp://x?secret=abcd\notpauth://yaotp/x?secret=JBSWY3DP',
      ),
      { format: 'otpauth-uri-list' },
    );
    expect(result.entries).toEqual([]);
    expect(result.skipped.map((s) => [s.reason, s.details])).toEqual([
      [expect.stringMatching(/^The algorithm must be/), expect.stringMatching(/'algorithm'/)],
      [expect.stringMatching(/not an account link/), undefined],
      [expect.stringMatching(/kind of code Tessera does not make/), expect.stringMatching(/'type'/)],
    ]);
  });
});

describe('variants without a corpus file', () => {
  it('Ente: encrypted export (Argon2id + secretstream), trashed codes skipped, pins and notes kept', async () => {
    const display = (d: Record<string, unknown>): string => encodeURIComponent(JSON.stringify(d));
    const text = [
      `otpauth://totp/Deno:Mason?secret=4SJHB4GSD43FZBAI7C2HLRJGPQ&codeDisplay=${display({ pinned: true, note: 'n', tags: ['Work'] })}`,
      `otpauth://totp/Old:one?secret=JBSWY3DPEHPK3PXP&codeDisplay=${display({ trashed: true })}`,
    ].join('\n');
    const file = await enteEncrypted(text, 'secret words');
    expect(detectFormat(file)?.format).toBe('ente');
    expect(await kind(importFile(file))).toBe('password-required');
    expect(await kind(importFile(file, { password: 'nope' }))).toBe('wrong-password');
    const result = await importFile(file, { password: 'secret words' });
    expect(result.entries).toHaveLength(1);
    expect(result.entries[0]).toMatchObject({ issuer: 'Deno', favourite: true, notes: 'n', tags: ['Work'] });
    expect(result.skipped).toEqual([{ index: 1, label: 'line 2', reason: 'this code is in Ente’s trash' }]);
  });

  it('Authy: encrypted tokens need the backup password', async () => {
    const token = authyEncryptedToken('4SJHB4GSD43FZBAI7C2HLRJGPQ', 'pw', 'saltsalt');
    const tokens = [
      {
        accountType: 'authenticator',
        encryptedSecret: token,
        salt: 'saltsalt',
        digits: 6,
        originalName: 'Deno:Mason',
        name: 'Deno: Mason',
      },
    ];
    const xml = `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n<string name="com.authy.storage.tokens.authenticator.key">${JSON.stringify(tokens).replace(/"/g, '&quot;')}</string>\n</map>\n`;
    const bytes = te.encode(xml);
    expect(await kind(importFile(bytes))).toBe('password-required');
    expect(await kind(importFile(bytes, { password: 'wrong' }))).toBe('wrong-password');
    const result = await importFile(bytes, { password: 'pw' });
    expect(result.entries.map((e) => [e.issuer, e.account, b32(e)])).toEqual([
      ['Deno', 'Mason', '4SJHB4GSD43FZBAI7C2HLRJGPQ'],
    ]);
  });

  it('andOTP old encrypted format: key SHA-256(password), "Issuer - account" labels', async () => {
    const plain = json([
      {
        secret: 'JBSWY3DPEHPK3PXP',
        label: 'Deno - Deno:Mason',
        digits: 6,
        type: 'TOTP',
        algorithm: 'SHA1',
        period: 30,
      },
    ]);
    const file = andOtpOldEncrypted(plain, 'pw');
    expect(await kind(importFile(file, { format: 'andotp', password: 'bad' }))).toBe('wrong-password');
    const result = await importFile(file, { format: 'andotp', password: 'pw' });
    expect(result.entries.map((e) => [e.issuer, e.account])).toEqual([['Deno', 'Deno:Mason']]);
  });

  it('Authenticator Pro legacy backups (PBKDF2 + AES-CBC)', async () => {
    const file = authenticatorProLegacy(
      JSON.stringify({
        Authenticators: [
          { Type: 2, Issuer: 'I', Username: 'u', Secret: 'JBSWY3DPEHPK3PXP', Algorithm: 1, Digits: 6, Period: 30 },
        ],
      }),
      'pw',
    );
    expect(detectFormat(file)?.format).toBe('stratum');
    expect(await kind(importFile(file, { password: 'bad' }))).toBe('wrong-password');
    const result = await importFile(file, { password: 'pw' });
    expect(result.entries[0]).toMatchObject({ issuer: 'I', account: 'u', algorithm: 'SHA256' });
  });

  it('Bitwarden CSV (quoted fields, bare secrets, steam://) and refusing encrypted JSON', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      ',1,login,"Mail, personal",,,0,https://x,alice,pw,JBSWY3DPEHPK3PXP',
      ',,login,Game,"multi',
      'line",,0,,bob,,steam://JRZCL47CMXVOQMNPZR2F7J4RGI',
      ',,login,No OTP,,,0,,carol,,',
    ].join('\n');
    const result = await importFile(te.encode(csv));
    expect(result.format).toBe('bitwarden');
    expect(result.entries.map((e) => [e.type, e.issuer, e.account, e.favourite ?? false])).toEqual([
      ['totp', 'Mail, personal', 'alice', true],
      ['steam', 'Steam', 'Steam account', false],
    ]);
    // Encrypted with the account's key (no `passwordProtected`): refused with what to export instead.
    const encrypted = json({
      encrypted: true,
      encKeyValidation_DO_NOT_EDIT: '2.AAAA|AAAA|AAAA',
      folders: [],
      items: [],
    });
    expect(await kind(importFile(encrypted))).toBe('unsupported');
  });

  it('2FAS: refuses schema 5, skips SHA384 entries', async () => {
    const service = (algorithm: string): Record<string, unknown> => ({
      name: 'S',
      secret: 'JBSWY3DPEHPK3PXP',
      otp: { account: 'a', digits: 6, period: 30, algorithm, tokenType: 'TOTP' },
    });
    expect(await kind(importFile(json({ services: [], schemaVersion: 5 })))).toBe('unsupported');
    const result = await importFile(json({ services: [service('SHA1'), service('SHA384')], schemaVersion: 4 }));
    expect(result.entries).toHaveLength(1);
    expect(result.skipped[0]?.details).toMatch(/SHA384/);
  });
});

describe('importFile and detection', () => {
  it('refuses empty, unknown and oversize input with distinct kinds', async () => {
    expect(await kind(importFile(new Uint8Array(0)))).toBe('corrupt');
    expect(await kind(importFile(te.encode('just some notes\n')))).toBe('unknown-format');
    expect(detectFormat(te.encode('{"hello": 1}'))).toBeNull();
  });

  it('uses the file name only to break near-ties, never against the content', () => {
    const links = te.encode('otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP\n');
    expect(detectFormat(links, 'aegis-backup.json')?.format).toBe('otpauth-uri-list');
    const candidates = detectCandidates(links, 'list.txt');
    expect(candidates[0]).toMatchObject({ format: 'otpauth-uri-list' });
  });
});

describe('findDuplicates and toNewVaultEntry', () => {
  const entry = (over: Partial<ImportedEntry> = {}): ImportedEntry => ({
    type: 'totp',
    issuer: 'I',
    account: 'a',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: Uint8Array.from([1, 2, 3, 4, 5]),
    ...over,
  });
  const vaultEntry = (e: ImportedEntry, id: string): VaultEntry => ({
    ...e,
    id,
    tags: [],
    icon: null,
    favourite: false,
    notes: '',
    sortOrder: 0,
    createdAt: 0,
    updatedAt: 0,
    changed: { names: 0, tags: 0, icon: 0, favourite: 0, notes: 0, sortOrder: 0 },
    conflictNotes: [],
    notesSuperseded: [],
  });

  it('same codes = duplicate whatever the names; other parameters or secret = new; repeats in the file too', () => {
    const existing = [
      vaultEntry(entry({ issuer: 'Old name' }), 'id-1'),
      vaultEntry(entry({ type: 'hotp', period: null, counter: 3 }), 'id-2'),
    ];
    const imported = [
      entry({ issuer: 'Renamed', account: 'b' }),
      entry({ digits: 8 }),
      entry({ secret: Uint8Array.from([9]) }),
      entry({ type: 'hotp', period: null, counter: 40 }),
      entry({ secret: Uint8Array.from([9]) }),
    ];
    expect(findDuplicates(imported, existing)).toEqual([
      { of: 'vault', id: 'id-1' },
      null,
      null,
      { of: 'vault', id: 'id-2' },
      { of: 'import', index: 2 },
    ]);
  });

  it('toNewVaultEntry copies the secret and fills the metadata defaults', () => {
    const e = entry({ notes: 'n' });
    const input = toNewVaultEntry(e);
    expect(input).toMatchObject({
      issuer: 'I',
      account: 'a',
      notes: 'n',
      tags: [],
      favourite: false,
      period: 30,
      counter: null,
    });
    expect(input.secret).toEqual(e.secret);
    expect(input.secret).not.toBe(e.secret);
  });
});
