// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Stratum / Authenticator Pro beyond the fixtures: each file kind's variant name, the HTML backup's
 * detection and quirks, databases without categories or without the app's table, damaged legacy
 * backups, the KDF budget, and a fuzz of the HTML reader.
 */
import { randomBytes } from 'node:crypto';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { readJson, stratumFormat, VARIANTS } from '../../../electron/import/stratum';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';
import { authenticatorProLegacy } from './writers';

const te = new TextEncoder();
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );
const SECRET = 'KRUGS4ZANFZSAYJAMZQWWZJAMJQXGZJT';
const auth = (over: Record<string, unknown> = {}) => ({
  Type: 2,
  Issuer: 'Example',
  Username: 'alice',
  Secret: SECRET,
  Algorithm: 0,
  Digits: 6,
  Period: 30,
  Counter: 0,
  ...over,
});

function html(rows: readonly string[], header = '<th>OTP Auth URI</th>'): Uint8Array {
  const cells = rows
    .map(
      (r) => `<tr><td>I</td><td>u</td><td><code>${r}</code></td><td><img src="data:image/png;base64,AA=="></td></tr>`,
    )
    .join('\n');
  return te.encode(
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>Sauvegarde</title></head><body><table>` +
      `<tr><th>Issuer</th><th>Username</th>${header}<th>QR Code</th></tr>\n${cells}</table></body></html>`,
  );
}

describe('Stratum: variants', () => {
  it('names the plain backup and the legacy encrypted one', async () => {
    const json = JSON.stringify({ Authenticators: [auth()] });
    expect((await importFile(te.encode(json))).variant).toBe(VARIANTS.plain);
    const legacy = authenticatorProLegacy(json, 'pw');
    expect((await importFile(legacy, { password: 'pw' })).variant).toBe(VARIANTS.legacy);
    expect(readJson(json).variant).toBe(VARIANTS.plain);
  });

  it('its categories become tags, by their link ranking; a blank name is left out', () => {
    const result = readJson(
      JSON.stringify({
        Authenticators: [auth()],
        Categories: [
          { Id: 'a', Name: 'Later' },
          { Id: 'b', Name: 'First' },
          { Id: 'c', Name: '   ' },
        ],
        AuthenticatorCategories: [
          { CategoryId: 'a', AuthenticatorSecret: SECRET, Ranking: 5 },
          { CategoryId: 'c', AuthenticatorSecret: SECRET, Ranking: 0 },
          { CategoryId: 'b', AuthenticatorSecret: SECRET, Ranking: 1 },
        ],
      }),
    );
    expect(result.entries[0]?.tags).toEqual(['First', 'Later']);
  });
});

describe('Stratum: the HTML backup', () => {
  it('is recognised by its table header whatever the (translated) title, and only by it', () => {
    const link = `otpauth://totp/Example%3Aalice?secret=${SECRET}&issuer=Example`;
    expect(stratumFormat.detect(html([link]))).toBe(0.9);
    expect(detectFormat(html([link]))?.format).toBe('stratum');
    expect(stratumFormat.detect(html([link], '<th>Link</th>'))).toBe(0);
    expect(stratumFormat.detect(te.encode(`<p><th>OTP Auth URI</th></p>`))).toBe(0);
  });

  it('reads links with entities, Stratum’s Steam conventions, and skips mOTP and Yandex with a reason', async () => {
    const result = await importFile(
      html([
        `otpauth://totp/Example%3Aalice?secret=${SECRET}&amp;issuer=Example&amp;digits=8`,
        `otpauth://totp/Steam%3Abob?secret=${SECRET}&issuer=Steam`,
        `otpauth://totp/Steam%3Acarol?secret=${SECRET}&issuer=Steam&digits=6`,
        `otpauth://totp/Game%3Adave?secret=${SECRET}&issuer=Game&steam`,
        `motp://Old:eve?secret=abcdef0123456789`,
        `otpauth://yaotp/frank?secret=${SECRET}&issuer=Yandex&pin_length=4`,
      ]),
    );
    expect(result.variant).toBe(VARIANTS.html);
    expect(result.entries.map((e) => [e.type, e.issuer, e.account, e.digits])).toEqual([
      ['totp', 'Example', 'alice', 8],
      ['steam', 'Steam', 'bob', 5],
      ['totp', 'Steam', 'carol', 6],
      ['steam', 'Game', 'dave', 5],
    ]);
    expect(result.skipped.map((s) => s.reason)).toEqual([
      expect.stringMatching(/“motp” codes are not supported/),
      expect.stringMatching(/kind of code Tessera does not make/),
    ]);
  });

  it('an empty backup has no entries; the lines are charged to the budget', async () => {
    expect((await importFile(html([]))).entries).toEqual([]);
    const budget = new WorkBudget({ limits: { lines: 2 } });
    await expect(importFile(html(['x']), { budget })).rejects.toMatchObject({
      kind: 'too-large',
      limit: { name: 'lines' },
    });
  });

  it('200 mutated HTML backups: only ImportError or valid entries', async () => {
    const file = html([
      `otpauth://totp/Example%3Aalice?secret=${SECRET}&issuer=Example`,
      `otpauth://hotp/VPN%3Abob?secret=${SECRET}&issuer=VPN&counter=3`,
    ]);
    const probe = prober(new Set([SECRET]));
    const rnd = prng(seedOf('stratum html'));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const input = mutate(file, rnd);
      await probe(`stratum html #${i}`, () => importFile(input, { format: 'stratum' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});

describe('Stratum: the internal database', () => {
  async function database(withCategories: boolean, table = 'authenticator'): Promise<Uint8Array> {
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.exec(
      `CREATE TABLE "${table}" ("type" integer, "icon" varchar, "issuer" varchar(32), "username" varchar(40), "secret" varchar primary key not null, "pin" varchar, "algorithm" integer, "digits" integer, "period" integer, "counter" integer, "ranking" integer)`,
    );
    db.run(`INSERT INTO "${table}" VALUES (2, NULL, 'Example', 'alice', ?, NULL, 1, 6, 30, 0, 0)`, [SECRET]);
    if (withCategories) {
      db.exec('CREATE TABLE "category" ("id" varchar(8) primary key not null, "name" varchar(32), "ranking" integer)');
      db.exec(
        'CREATE TABLE "authenticatorcategory" ("categoryId" varchar, "authenticatorSecret" varchar, "ranking" integer)',
      );
      db.run('INSERT INTO "category" VALUES (?, ?, 0)', ['c1', 'Work']);
      db.run('INSERT INTO "authenticatorcategory" VALUES (?, ?, 0)', ['c1', SECRET]);
    }
    const bytes = db.export();
    db.close();
    return bytes;
  }

  it('reads an older database without categories, and tags from the tables when present', async () => {
    const plain = await importFile(await database(false));
    expect(plain.variant).toBe(VARIANTS.database);
    expect(plain.entries.map((e) => [e.issuer, e.algorithm, e.tags])).toEqual([['Example', 'SHA256', undefined]]);
    expect((await importFile(await database(true))).entries[0]?.tags).toEqual(['Work']);
  });

  it('a database without the app’s table is not Stratum’s', async () => {
    const other = await database(false, 'things');
    expect(detectFormat(other)).toBeNull();
    expect(await kind(importFile(other, { format: 'stratum' }))).toBe('corrupt');
  });

  it('refuses past database-rows by name', async () => {
    const budget = new WorkBudget({ limits: { 'database-rows': 0 } });
    await expect(importFile(await database(true), { budget })).rejects.toMatchObject({
      kind: 'too-large',
      limit: { name: 'database-rows' },
    });
  });
});

describe('Stratum: damaged and hostile encrypted backups', () => {
  it('a legacy backup cut inside a block is damaged, not a wrong password', async () => {
    const legacy = authenticatorProLegacy(JSON.stringify({ Authenticators: [auth()] }), 'pw');
    expect(await kind(importFile(legacy.subarray(0, legacy.length - 5), { password: 'pw' }))).toBe('corrupt');
    expect(await kind(importFile(legacy.subarray(0, 40), { password: 'pw' }))).toBe('corrupt');
    expect(await kind(importFile(legacy, { password: 'nope' }))).toBe('wrong-password');
  });

  it('the Argon2id and PBKDF2 costs are charged before deriving: a lowered ceiling refuses by name', async () => {
    const ceiling = {
      app: 'Stratum',
      defaults: 'x',
      legitimateMemoryBytes: 64 * 1024 * 1024,
      legitimateWork: 1024,
      margin: 1,
      why: 'test',
    };
    const current = Uint8Array.from(Buffer.concat([Buffer.from('AUTHENTICATORPRO'), randomBytes(16 + 12 + 64)]));
    const legacy = authenticatorProLegacy(JSON.stringify({ Authenticators: [] }), 'pw');
    for (const file of [current, legacy]) {
      const budget = new WorkBudget({ kdf: { stratum: ceiling } });
      await expect(importFile(file, { password: 'pw', budget })).rejects.toMatchObject({
        kind: 'too-large',
        limit: { name: 'kdf-work' },
      });
    }
  });
});
