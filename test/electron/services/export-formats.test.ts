// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The export formats as the app offers them (electron/services/export-formats.ts): every format's
 * save-dialog spec and password rule, the warnings of the formats that cannot carry everything,
 * and the KeePassXC export's wiring through the export service. `exportKeePass` (the KDBX writer,
 * tested on its own with the files it writes) is replaced here by a recording fake: this file
 * checks what the service hands it and what it does with the answer.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXPORT_FILE_FORMATS } from '../../../electron/domain';
import type { ExportEntry } from '../../../electron/export';
import { toIpcError } from '../../../electron/services/error-report';
import {
  checkExportPassword,
  defaultExportName,
  exportedCount,
  FILE_FORMATS,
  fileWarnings,
  keePassTagProblem,
  keepassWarnings,
} from '../../../electron/services/export-formats';
import type { NewVaultEntry } from '../../../electron/vault';
import { DAY, EXPORT_PASSWORD, mixedEntries, PASSWORD, T0, totp, useExportHarness } from './export-harness';

/** What the fake KDBX writer was given, copied at the call (the service wipes its copies after). */
const keepassCalls: { entries: { issuer: string; account: string; secret: string }[]; password: string }[] = [];
const FAKE_KDBX = Uint8Array.from([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5]);

vi.mock(import('../../../electron/export/keepass'), () => ({
  exportKeePass: vi.fn(async (entries: readonly ExportEntry[], password: string) => {
    keepassCalls.push({
      entries: entries.map((e) => ({
        issuer: e.issuer,
        account: e.account,
        secret: Buffer.from(e.secret).toString('hex'),
      })),
      password,
    });
    return Uint8Array.from(FAKE_KDBX);
  }),
}));

const MIXED = (): NewVaultEntry[] => mixedEntries({ period: 90, digits: 10 });

const h = useExportHarness('tessera-export-formats-');
beforeEach(() => {
  keepassCalls.length = 0;
});

describe('the file formats as the app offers them', () => {
  it('gives every format a save dialog, a default name and its protection', () => {
    expect(
      EXPORT_FILE_FORMATS.map((f) => [
        f,
        FILE_FORMATS[f].encrypted,
        defaultExportName(f, T0),
        FILE_FORMATS[f].filter.name,
      ]),
    ).toEqual([
      ['tessera', true, `tessera-backup-${DAY}.tessera`, 'Tessera backup'],
      ['aegis', true, `aegis-export-${DAY}.json`, 'Aegis vault (JSON)'],
      ['aegis-plain', false, `aegis-export-plain-${DAY}.json`, 'Aegis vault (JSON)'],
      ['2fas', true, `2fas-backup-${DAY}.2fas`, '2FAS backup'],
      ['2fas-plain', false, `2fas-backup-plain-${DAY}.2fas`, '2FAS backup'],
      ['bitwarden', false, `bitwarden-export-${DAY}.json`, 'Bitwarden export (JSON)'],
      ['ente', false, `ente-auth-codes-${DAY}.txt`, 'Text file'],
      ['keepass', true, `tessera-keepass-${DAY}.kdbx`, 'KeePass database'],
      ['uri-list', false, `otpauth-links-${DAY}.txt`, 'Text file'],
    ]);
  });

  it('asks a password of the encrypted formats only', () => {
    for (const format of EXPORT_FILE_FORMATS) {
      if (FILE_FORMATS[format].encrypted) {
        expect(() => checkExportPassword(format, undefined)).toThrow(/Choose a/);
        expect(checkExportPassword(format, 'a long enough password')).toBe('a long enough password');
      } else {
        expect(checkExportPassword(format, undefined)).toBeNull();
        expect(() => checkExportPassword(format, 'pw')).toThrow(/not encrypted/);
      }
    }
  });

  it('names what KeePassXC shows wrongly: HOTP, periods over 60 s, 10-digit codes', () => {
    expect(keepassWarnings(MIXED())).toEqual([
      {
        index: 1,
        label: 'Bank (alice)',
        reason:
          'KeePassXC makes only time-based codes: the otpauth:// link, counter included, is kept in the entry, but ' +
          'the codes KeePassXC shows for it are wrong',
      },
      {
        index: 3,
        label: 'Slow (bob)',
        reason: 'KeePassXC uses periods of at most 60 seconds and would show wrong codes for 90 s',
      },
      { index: 3, label: 'Slow (bob)', reason: 'KeePassXC cannot compute 10-digit codes correctly' },
    ]);
    expect(keepassWarnings([totp('A', 'b', 1, { period: 60, digits: 9 })])).toEqual([]);
  });

  it('names the tags KeePassXC reads differently: split at , ; : or taken for its favourite mark', () => {
    expect(keepassWarnings([totp('A', 'b', 1, { tags: ['Work', 'x, y', 'Favourite'] })])).toEqual([
      {
        index: 0,
        label: 'A (b)',
        reason: 'KeePassXC splits the tag “x, y” into several at its commas, semicolons and colons',
      },
      { index: 0, label: 'A (b)', reason: 'KeePassXC takes the tag “Favourite” for its favourite mark' },
    ]);
    expect(keePassTagProblem('a:b')).not.toBeNull();
  });

  it('says which formats keep one folder or group (the first tag) and which leave custom icons out', () => {
    const icon = { mime: 'image/png' as const, bytes: new Uint8Array([1]) };
    const entries = [
      totp('A', 'a', 1, { tags: ['One', 'Two'] }),
      totp('B', 'b', 2, { tags: ['One', 'Three'] }),
      { ...totp('C', 'c', 3), icon: { kind: 'custom' as const, id: 'f'.repeat(64) }, iconImage: icon },
      { ...totp('D', 'd', 4), icon: null, iconImage: icon },
    ];
    expect(fileWarnings('2fas-plain', entries)).toEqual([
      '2FAS keeps one group per account: the first tag is used (2 accounts have more).',
      '2FAS does not take icons from a file: 1 account loses its custom icon here.',
    ]);
    expect(fileWarnings('bitwarden', entries)).toEqual([
      'Bitwarden keeps one folder per account: the first tag is used (2 accounts have more).',
      'Bitwarden does not take icons from a file: 1 account loses its custom icon here.',
    ]);
    expect(fileWarnings('ente', entries)).toEqual([
      'Ente Auth does not take icons from a file: 1 account loses its custom icon here.',
    ]);
    expect(fileWarnings('uri-list', entries)).toEqual([
      'Tags, notes, favourites and icons are not part of otpauth:// links: 4 accounts lose their here.',
    ]);
    expect(fileWarnings('aegis-plain', entries)).toEqual([]);
  });

  it('lists per format what the file leaves out', () => {
    const entries = MIXED();
    expect(fileWarnings('ente', entries)).toEqual([]);
    expect(fileWarnings('bitwarden', entries)).toEqual([
      expect.stringMatching(/^Bank \(alice\): Bitwarden has no counter-based/),
      'Bitwarden keeps one folder per account: the first tag is used (1 account has more).',
    ]);
    expect(fileWarnings('2fas-plain', entries)).toEqual([
      'Slow (bob): 2FAS for iPhone has only 6-, 7- and 8-digit codes and would show wrong codes for 10 digits',
      '2FAS keeps one group per account: the first tag is used (1 account has more).',
      'Notes and favourites are not part of a 2FAS backup: 1 account loses its here.',
    ]);
    expect(fileWarnings('2fas', [totp('', 'solo', 1), totp('', 'duo', 2)])).toEqual([
      '2FAS names every account after its service: 2 accounts without an issuer are named after the account name.',
    ]);
    expect(fileWarnings('keepass', entries)).toHaveLength(3);
    expect(fileWarnings('aegis', entries)).toEqual([]);
    expect(fileWarnings('tessera', entries)).toEqual([]);
    expect(exportedCount('2fas', [...entries, { ...(entries[1] as NewVaultEntry), counter: 2 ** 31 }])).toBe(4);
    expect(exportedCount('bitwarden', entries)).toBe(4);
  });
});

describe('KeePassXC export through the service', () => {
  it('hands the accounts and the export password to the KDBX writer and saves its bytes, 0600', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'vault.kdbx';
    const saved = await s.exports.save('keepass', EXPORT_PASSWORD);
    expect(saved).toMatchObject({ status: 'saved', path: path.join(h.outDir, 'vault.kdbx'), count: 4 });
    expect(saved.status === 'saved' && saved.warnings).toEqual(fileWarnings('keepass', MIXED()));
    expect(keepassCalls).toEqual([
      {
        entries: MIXED().map((e) => ({
          issuer: e.issuer,
          account: e.account,
          secret: Buffer.from(e.secret).toString('hex'),
        })),
        password: EXPORT_PASSWORD,
      },
    ]);
    const file = path.join(h.outDir, 'vault.kdbx');
    expect(new Uint8Array(readFileSync(file))).toEqual(FAKE_KDBX);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(h.dialogs).toEqual([
      {
        title: 'Save a KeePassXC database',
        defaultName: `tessera-keepass-${DAY}.kdbx`,
        filters: [{ name: 'KeePass database', extensions: ['kdbx'] }],
      },
    ]);
  });

  it('asks for the export password before the save dialog, and never calls the writer without one', async () => {
    const s = await h.vaultWith(MIXED());
    await s.exports.authorize(PASSWORD);
    h.nextSave = 'vault.kdbx';
    expect(await s.exports.save('keepass').catch(toIpcError)).toMatchObject({
      code: 'weak-password',
      field: 'exportPassword',
      message: 'Choose a password for the encrypted export.',
    });
    expect(h.dialogs).toEqual([]);
    h.nextSave = null;
    expect(await s.exports.save('keepass', EXPORT_PASSWORD)).toEqual({ status: 'cancelled' });
    expect(keepassCalls).toEqual([]);
  });
});
