// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import work budget (issue 14): the limits table, the WorkBudget that parsers charge, and every
 * format's way of charging it, each reached with a small file and a lowered limit (the full-size
 * hostile files run through the CLI in hostile/hostile.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  detectFormat,
  IMPORT_LIMITS,
  ImportError,
  importFile,
  importFormat,
  KDF_CEILINGS,
  WorkBudget,
  type ImportOptions,
  type LimitName,
} from '../../../electron/import';
import { sniffJson } from '../../../electron/import/fields';
import { BoundedWriter, checkZipDirectory } from '../../../electron/import/zip-directory';
import { countLines, scanJson, scanXml } from '../../../electron/import/prescan';
import {
  aegisSlots,
  enteExport,
  freeOtpReferences,
  sqliteRows,
  xmlElements,
  zipBomb,
  zipWithEntries,
} from './hostile/files';
import { andOtpEncrypted, javaStringMap } from './writers';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const LINK = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP';

async function refusal(bytes: Uint8Array, options: ImportOptions): Promise<BudgetExceededError> {
  const error = await importFile(bytes, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BudgetExceededError);
  return error as BudgetExceededError;
}

const lowered = (limits: Partial<Record<LimitName, number>>): WorkBudget => new WorkBudget({ limits });

describe('the limits table', () => {
  it('has a value and a reason for every limit, and words a person can read', () => {
    for (const [name, row] of Object.entries(IMPORT_LIMITS)) {
      expect(row.value, name).toBeGreaterThan(0);
      expect(row.why.length, name).toBeGreaterThan(20);
      expect(row.exceeded, name).toContain('{limit}');
      const sentence = `${row.exceeded}; ${row.usual}.`;
      expect(sentence, name).not.toMatch(/\bMiB\b|base64|base32|argon2|scrypt|'[\w-]+'/i);
    }
    for (const [format, ceiling] of Object.entries(KDF_CEILINGS)) {
      expect(ceiling.margin, format).toBeGreaterThanOrEqual(1);
      expect(ceiling.legitimateWork, format).toBeGreaterThan(0);
      expect(ceiling.why.length, format).toBeGreaterThan(20);
    }
  });

  it('accounts and database rows follow the vault’s own maximum', () => {
    expect(IMPORT_LIMITS.accounts.value).toBe(10_000);
    expect(IMPORT_LIMITS['database-rows'].value).toBe(10_000);
  });
});

describe('WorkBudget', () => {
  it('adds up what is spent and names the limit it passes, in plain words and in details', () => {
    const budget = new WorkBudget();
    budget.spend('xml-elements', 150_000);
    expect(budget.remaining('xml-elements')).toBe(50_000);
    const error = (() => {
      try {
        budget.spend('xml-elements', 60_000);
      } catch (e) {
        return e;
      }
      return null;
    })() as BudgetExceededError;
    expect(error).toBeInstanceOf(ImportError);
    expect(error.kind).toBe('too-large');
    expect(error.message).toBe(
      'This file has more than 200,000 XML elements; exports from authenticator apps have a few hundred. ' +
        'Tessera stopped reading it: nothing was imported.',
    );
    expect(error.details).toBe("Limit 'xml-elements' (200000) exceeded: reached 210000.");
    expect(error.limit).toEqual({ name: 'xml-elements', value: 200_000, reached: 210_000 });
  });

  it('checks single measurements without spending, and takes lowered limits', () => {
    const budget = lowered({ 'json-depth': 3 });
    expect(() => budget.atMost('json-depth', 3)).not.toThrow();
    expect(() => budget.atMost('json-depth', 4)).toThrow(/nests its data more than 3 levels deep/);
    expect(() => budget.atMost('file-bytes', 60 * 1024 * 1024)).toThrow(/larger than 50 MB/);
  });

  it('reserves and releases memory, allowing a format’s legitimate key derivation on top', () => {
    const budget = lowered({ memory: 1000 });
    const release = budget.reserve(800);
    expect(() => budget.reserve(300)).toThrow(/take more than 1000 bytes of memory/);
    release();
    release(); // idempotent
    budget.reserve(900)();
    expect(() => budget.reserve(1500, 600)).not.toThrow();
  });

  it('charges key derivations per format, summed over attempts, against app defaults × margin', () => {
    const budget = new WorkBudget();
    const aegis = KDF_CEILINGS.aegis;
    expect(aegis).toBeDefined();
    const slot = { memoryBytes: 32 * 1024 * 1024, work: 32 * 1024 * 1024 };
    for (let i = 0; i < 16; i++) budget.kdf('aegis', slot)();
    expect(budget.canAfford('aegis', slot.work)).toBe(false);
    expect(() => budget.kdf('aegis', slot)).toThrow(/This Aegis file asks for far more password-checking work/);
    expect(() => budget.kdf('duo', slot)).toThrow(/No KDF ceiling/);
  });
});

describe('cheap scans before parsing', () => {
  it('count what a parser would build', () => {
    // Values err on the high side: the root and its object both count.
    expect(scanJson('{"a": [1, 2, {"b": "[{,"}], "c\\"": ",]"}')).toEqual({ depth: 3, values: 7 });
    expect(scanXml('<?xml version="1.0"?><map a="&amp;" b=\'x=y\'><!-- <x y="1"> & --><i v="1"/>&lt;</map>')).toEqual({
      elements: 2,
      attributes: 3,
      attributesPerElement: 2,
      references: 2,
      declaresEntities: false,
    });
    expect(scanXml('<!DOCTYPE map [<!ENTITY a "b">]><map/>').declaresEntities).toBe(true);
    for (const t of ['', 'a', 'a\n', '\r\n\r\n', 'a\rb\nc\r\nd', '\n\r', 'x\r\r\n\n']) {
      expect(countLines(t), JSON.stringify(t)).toBe(t.split(/\r\n|\r|\n/).length);
    }
  });

  it('a JSON text nested past the limit is refused by name, not taken for an unknown file', async () => {
    const deep = text(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(sniffJson(deep)).toBeUndefined();
    expect(detectFormat(deep)).toBeNull();
    const error = await refusal(deep, {});
    expect(error.limit.name).toBe('json-depth');
    expect(error.message).toMatch(/more than 64 levels deep/);
  });

  it('brackets and quotes inside strings do not count', async () => {
    const file = JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 3, entries: [] } });
    const tricky = text(file.replace('"db"', '"x": "[[[[\\"{{{{,,,,", "db"'));
    const result = await importFile(tricky, { budget: lowered({ 'json-depth': 3, 'json-values': 14 }) });
    expect(result).toMatchObject({ format: 'aegis', entries: [] });
  });

  it('JSON values, and the JSON text parsed over a whole import, are limited', async () => {
    const many = text(JSON.stringify({ Authenticators: Array.from({ length: 100 }, () => ({})) }));
    expect((await refusal(many, { budget: lowered({ 'json-values': 50 }) })).limit.name).toBe('json-values');
    expect((await refusal(many, { budget: lowered({ 'json-text': 100 }) })).limit.name).toBe('json-text');
  });

  it('XML elements, attributes per element and references are counted before parsing', async () => {
    const xml = text(xmlElements(20));
    expect((await refusal(xml, { budget: lowered({ 'xml-elements': 10 }) })).limit.name).toBe('xml-elements');
    const wide = text(
      '<map><string name="com.authy.storage.tokens.authenticator.key" a="1" b="2" c="3">[]</string></map>',
    );
    expect((await refusal(wide, { budget: lowered({ 'xml-attributes-per-element': 2 }) })).limit.name).toBe(
      'xml-attributes-per-element',
    );
    const refs = text(
      '<map><string name="com.authy.storage.tokens.authenticator.key">[]</string><string name="x">&amp;&lt;</string>' +
        '<!-- & & --></map>',
    );
    const budget = lowered({ 'xml-references': 2 });
    await expect(importFile(refs, { budget })).resolves.toMatchObject({ format: 'authy' });
    expect((await refusal(refs, { budget: lowered({ 'xml-references': 1 }) })).limit.name).toBe('xml-references');
  });

  it('an Authy file past the XML limits needs no password and is refused quickly, also when asked directly', () => {
    const xml = text(xmlElements(250_000));
    const started = performance.now();
    expect(importFormat('authy').needsPassword(xml)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('every format charges the budget', () => {
  it('link lists: lines before splitting, then accounts (entries and skipped lines alike)', async () => {
    const list = text(`${LINK}\n`.repeat(10));
    expect((await refusal(list, { budget: lowered({ lines: 5 }) })).limit.name).toBe('lines');
    expect((await refusal(list, { budget: lowered({ accounts: 5 }) })).limit.name).toBe('accounts');
    const junk = text(`${LINK}\n${'not a link\n'.repeat(9)}`);
    expect((await refusal(junk, { budget: lowered({ accounts: 5 }) })).limit.name).toBe('accounts');
  });

  it('Bitwarden CSV: cells as they are read', async () => {
    const csv = text(`name,login_username,login_totp\n${'x,y,JBSWY3DPEHPK3PXP\n'.repeat(10)}`);
    expect((await refusal(csv, { budget: lowered({ 'csv-cells': 20 }) })).limit.name).toBe('csv-cells');
  });

  it('SQLite: rows counted before any is read, and the engine’s copy held against memory', async () => {
    const db = await sqliteRows(20);
    const options = { format: 'google-authenticator' } as const;
    expect((await refusal(db, { ...options, budget: lowered({ 'database-rows': 10 }) })).limit.name).toBe(
      'database-rows',
    );
    expect((await refusal(db, { ...options, budget: lowered({ memory: 1024 }) })).limit.name).toBe('memory');
    const fine = await importFile(db, { ...options, budget: lowered({ 'database-rows': 20 }) });
    expect(fine.skipped).toHaveLength(20);
  });

  it('ZIP: entries from the end records (ZIP64 too) and declared sizes before anything is inflated', async () => {
    expect(checkZipDirectory(zipWithEntries(3), new WorkBudget())).toEqual({ entries: 3, uncompressedBytes: 0 });
    expect(checkZipDirectory(zipWithEntries(70_000), lowered({ 'archive-entries': 100_000 }))).toMatchObject({
      entries: 70_000,
    });
    const many = zipWithEntries(70_000);
    expect((await refusal(many, {})).limit).toMatchObject({ name: 'archive-entries', reached: 70_000 });
    const big = zipBomb(2 * 1024 * 1024, 2 * 1024 * 1024);
    expect((await refusal(big, { budget: lowered({ 'archive-bytes': 1024 * 1024 }) })).limit.name).toBe(
      'archive-bytes',
    );
  });

  it('ZIP: a header that understates its size is not inflated past it', async () => {
    const lying = zipBomb(4 * 1024 * 1024, 100);
    await expect(importFile(lying, {})).rejects.toMatchObject({ kind: 'corrupt' });
  });

  it('ZIP: every inflated chunk is charged, whatever the headers said', async () => {
    const budget = lowered({ 'archive-bytes': 100, memory: 1000 });
    const writer = new BoundedWriter(budget);
    await writer.writeUint8Array(new Uint8Array(60));
    await expect(writer.writeUint8Array(new Uint8Array(60))).rejects.toMatchObject({
      limit: { name: 'archive-bytes' },
    });
    writer.release();
  });

  it('Java serialization: every string handed out is charged (hostile/ covers back-references)', async () => {
    const long = 'x'.repeat(1000);
    const map = javaStringMap([
      ['masterKey', long],
      ['a', long],
    ]);
    const error = await refusal(map, { format: 'freeotp', budget: lowered({ 'reference-expansion': 1500 }) });
    expect(error.limit.name).toBe('reference-expansion');
    const referring = freeOtpReferences(100, 1000); // 100 uses of one 1,000-character string
    const budget = lowered({ 'reference-expansion': 10_000 });
    const { limit } = await refusal(referring, { format: 'freeotp', budget });
    expect(limit.name).toBe('reference-expansion');
    expect(limit.reached - limit.value).toBeLessThanOrEqual(1000); // stopped at the use that went over
  });

  it('Aegis: slots are counted first, then each derivation is charged as it is tried', async () => {
    const many = text(aegisSlots(17, { n: 16, r: 8, p: 1 }));
    expect((await refusal(many, {})).limit).toMatchObject({ name: 'key-slots', value: 16 });
    const three = text(aegisSlots(3, { n: 16, r: 8, p: 1 }));
    const perSlot = 128 * 8 * 16;
    const kdf = { aegis: { ...KDF_CEILINGS.aegis!, legitimateWork: perSlot, margin: 2 } };
    const error = await refusal(three, { password: 'wrong', budget: new WorkBudget({ kdf }) });
    expect(error.limit).toMatchObject({ name: 'kdf-work', value: 2 * perSlot, reached: 3 * perSlot });
    const two = text(aegisSlots(2, { n: 16, r: 8, p: 1 }));
    await expect(importFile(two, { password: 'wrong', budget: new WorkBudget({ kdf }) })).rejects.toMatchObject({
      kind: 'wrong-password',
    });
  });

  it('Ente: the file’s Argon2id cost is refused before the password is asked for', async () => {
    const file = text(enteExport(20, 1024 * 1024 * 1024));
    const error = await refusal(file, {});
    expect(error.limit).toMatchObject({ name: 'kdf-work', value: 6 * 1024 ** 3, reached: 20 * 1024 ** 3 });
    expect(error.message).toMatch(/^This Ente Auth file asks for far more password-checking work/);
    const sensitive = text(enteExport(4, 1024 * 1024 * 1024));
    await expect(importFile(sensitive, {})).rejects.toMatchObject({ kind: 'password-required' });
  });

  it('andOTP: an iteration count past the ceiling is not derived; the old format is tried first', async () => {
    const plain = text(JSON.stringify([{ secret: 'JBSWY3DPEHPK3PXP', label: 'a', type: 'TOTP' }]));
    const file = andOtpEncrypted(plain, 'pw', 20);
    const kdf = { andotp: { ...KDF_CEILINGS.andotp!, legitimateWork: 10 * 1024, margin: 1 } };
    const error = await refusal(file, { format: 'andotp', password: 'pw', budget: new WorkBudget({ kdf }) });
    expect(error.limit.name).toBe('kdf-work');
    const fine = await importFile(file, { format: 'andotp', password: 'pw' });
    expect(fine.entries).toHaveLength(1);
  });
});
