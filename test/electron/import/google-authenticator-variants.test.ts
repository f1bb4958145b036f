// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator's database beyond the fixtures: the oldest schema (no `provider`, no
 * `issuer`), databases that are not the app's, rows that cannot be imported, and the row budget.
 */
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { VARIANTS } from '../../../electron/import/google-authenticator';

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

async function database(schema: string, rows: readonly (readonly unknown[])[], insert: string): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.exec(schema);
  for (const r of rows) db.run(insert, r as (string | number | null)[]);
  const bytes = db.export();
  db.close();
  return bytes;
}

describe('Google Authenticator databases', () => {
  it('reads the oldest schema (email, secret, counter, type only)', async () => {
    const bytes = await database(
      'CREATE TABLE IF NOT EXISTS accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER)',
      [
        ['Example:alice', SECRET, 0, 0],
        ['bob', SECRET, 3, 1],
      ],
      'INSERT INTO accounts (email, secret, counter, type) VALUES (?, ?, ?, ?)',
    );
    expect(detectFormat(bytes)?.format).toBe('google-authenticator');
    const result = await importFile(bytes);
    expect(result.variant).toBe(VARIANTS.withoutIssuers);
    expect(result.entries.map((e) => [e.type, e.issuer, e.account, e.counter])).toEqual([
      ['totp', 'Example', 'alice', null],
      ['hotp', '', 'bob', 3],
    ]);
  });

  it('needs only email and secret; a NULL type is TOTP; an unknown type and an empty secret are skipped', async () => {
    const bytes = await database(
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT, secret TEXT, counter INTEGER, type INTEGER, issuer TEXT)',
      [
        ['alice', SECRET, null, null, 'Example'],
        ['bob', SECRET, 0, 7, null],
        ['carol', '', 0, 0, null],
      ],
      'INSERT INTO accounts (email, secret, counter, type, issuer) VALUES (?, ?, ?, ?, ?)',
    );
    const result = await importFile(bytes);
    expect(result.variant).toBe(VARIANTS.current);
    expect(result.entries.map((e) => [e.type, e.issuer, e.account])).toEqual([['totp', 'Example', 'alice']]);
    expect(result.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['bob', 'its kind of code (type 7) is unknown to Tessera'],
      ['carol', 'its secret key is empty in the file'],
    ]);
  });

  it('a database without the accounts table or its secret column is not the app’s', async () => {
    const other = await database('CREATE TABLE notes (email TEXT, secret TEXT)', [], '');
    expect(detectFormat(other)).toBeNull();
    expect(await kind(importFile(other, { format: 'google-authenticator' }))).toBe('corrupt');
    const noSecret = await database('CREATE TABLE accounts (email TEXT, secrets TEXT)', [], '');
    expect(await kind(importFile(noSecret, { format: 'google-authenticator' }))).toBe('corrupt');
    expect(await kind(importFile(new TextEncoder().encode('not a database'), { format: 'google-authenticator' }))).toBe(
      'corrupt',
    );
  });

  it('refuses past database-rows before reading a row', async () => {
    const bytes = await database(
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL)',
      [
        ['a', SECRET],
        ['b', SECRET],
        ['c', SECRET],
      ],
      'INSERT INTO accounts (email, secret) VALUES (?, ?)',
    );
    const budget = new WorkBudget({ limits: { 'database-rows': 2 } });
    await expect(importFile(bytes, { budget })).rejects.toMatchObject({
      kind: 'too-large',
      limit: { name: 'database-rows' },
    });
  });
});
