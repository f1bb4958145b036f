// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * FreeOTP's and FreeOTP+'s variants beyond the fixtures (electron/import/freeotp.ts and
 * freeotp-plus.ts, docs/formats.md §8): FreeOTP+'s internal tokens.xml is FreeOTP's file — detected as
 * FreeOTP, read the same when FreeOTP+ is chosen — the Java serialization magic alone is not enough,
 * and FreeOTP+'s database skips what it cannot read.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../electron/import';
import { allFixtures } from './fixtures';

const te = new TextEncoder();

describe('FreeOTP and FreeOTP+: the internal tokens.xml', () => {
  const xml = allFixtures().find((f) => f.rel === 'freeotp/tokens.xml');

  it('is detected as FreeOTP (nothing in it names FreeOTP+), and reads the same chosen as FreeOTP+', async () => {
    expect(xml).toBeDefined();
    if (xml === undefined) return;
    expect(detectFormat(xml.bytes)?.format).toBe('freeotp');
    const asFreeOtp = await importFile(xml.bytes);
    const asPlus = await importFile(xml.bytes, { format: 'freeotp-plus' });
    expect(asPlus.format).toBe('freeotp-plus');
    expect(asPlus.variant).toBe(asFreeOtp.variant);
    expect(asPlus.entries.map((e) => [e.issuer, e.account, e.type])).toEqual(
      asFreeOtp.entries.map((e) => [e.issuer, e.account, e.type]),
    );
  });

  it('a shared_prefs map without tokens is not FreeOTP’s', () => {
    const prefs = te.encode('<map><string name="tokenOrder">[]</string><string name="theme">dark</string></map>');
    expect(detectFormat(prefs)).toBeNull();
  });
});

describe('FreeOTP 2 backups: the magic alone is not evidence', () => {
  it('Java serialization of another class is not recognised', () => {
    const other = Uint8Array.from([
      0xac,
      0xed,
      0x00,
      0x05,
      0x73,
      0x72,
      0x00,
      0x13,
      ...te.encode('java.util.ArrayList'),
      1,
      2,
      3,
    ]);
    expect(detectFormat(other)).toBeNull();
    expect(detectFormat(Uint8Array.from([0xac, 0xed, 0x00, 0x05, 0x74, 0x00, 0x02, 0x68, 0x69]))).toBeNull();
  });
});

describe('FreeOTP+ internal database', () => {
  async function database(rows: readonly (readonly [string, string])[], table = 'otp_tokens'): Promise<Uint8Array> {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run(
      `CREATE TABLE \`${table}\` (\`id\` INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, \`ordinal\` INTEGER NOT NULL, \`issuer\` TEXT, \`label\` TEXT NOT NULL, \`imagePath\` TEXT, \`tokenType\` TEXT NOT NULL, \`algorithm\` TEXT NOT NULL, \`secret\` TEXT NOT NULL, \`digits\` INTEGER NOT NULL, \`counter\` INTEGER NOT NULL, \`period\` INTEGER NOT NULL, \`encryptionType\` TEXT NOT NULL)`,
    );
    rows.forEach(([label, encryption], i) =>
      db.run(
        `INSERT INTO \`${table}\` VALUES (?, ?, 'Example', ?, NULL, 'TOTP', 'SHA1', 'JBSWY3DPEHPK3PXP', 6, 0, 30, ?)`,
        [i + 1, i, label, encryption],
      ),
    );
    const bytes = db.export();
    db.close();
    return bytes;
  }

  it('skips a token whose secret is not stored as plain text, with the reason', async () => {
    const file = await database([
      ['alice', 'PLAIN_TEXT'],
      ['bob', 'ENCRYPTED'],
    ]);
    expect(detectFormat(file)?.format).toBe('freeotp-plus');
    const result = await importFile(file);
    expect(result.entries.map((e) => e.account)).toEqual(['alice']);
    expect(result.skipped).toMatchObject([
      { label: 'Example (bob)', reason: expect.stringMatching(/encrypted on the phone/) },
    ]);
  });

  it('another app’s database is not FreeOTP+’s', async () => {
    expect(detectFormat(await database([['alice', 'PLAIN_TEXT']], 'tokens'))).toBeNull();
  });
});
