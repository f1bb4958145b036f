// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Microsoft Authenticator's database beyond the fixtures: the variant name, damaged secrets, a
 * database that is not the app's.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile } from '../../../electron/import';
import { VARIANT } from '../../../electron/import/microsoft-authenticator';

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

async function phoneFactor(rows: readonly (readonly [string, string, string, number])[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(
    'CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `name` TEXT NOT NULL, `username` TEXT NOT NULL, `oath_secret_key` TEXT NOT NULL, `account_type` INTEGER NOT NULL)',
  );
  for (const r of rows)
    db.run('INSERT INTO accounts (name, username, oath_secret_key, account_type) VALUES (?, ?, ?, ?)', [...r]);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('Microsoft Authenticator databases', () => {
  it('reads TOTP and personal accounts, skips damaged secrets and notification-only accounts with a reason', async () => {
    const bytes = await phoneFactor([
      ['Example', 'alice', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 0],
      ['Microsoft', 'bob', 'ASNFZ4mrze8BI0VniavN7w==', 1],
      ['Broken', 'carol', 'not base32!', 0],
      ['Broken', 'dave', '%%%', 1],
      ['Corp', 'eve', '', 2],
    ]);
    expect(detectFormat(bytes)?.format).toBe('microsoft-authenticator');
    const result = await importFile(bytes);
    expect(result.variant).toBe(VARIANT);
    expect(result.entries.map((e) => [e.issuer, e.account, e.digits])).toEqual([
      ['Example', 'alice', 6],
      ['Microsoft', 'bob', 8],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      'its secret key is damaged in the file',
      'its secret key is damaged in the file',
      expect.stringMatching(/signs in by notification/),
    ]);
  });

  it('a database without oath_secret_key is not the app’s', async () => {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec('CREATE TABLE accounts (name TEXT, username TEXT, account_type INTEGER)');
    const bytes = db.export();
    db.close();
    expect(detectFormat(bytes)).toBeNull();
    expect(await kind(importFile(bytes, { format: 'microsoft-authenticator' }))).toBe('corrupt');
  });
});
