// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Enpass JSON export (docs/formats.md §8) beyond its golden fixture: which fields become entries
 * (type `totp`, not deleted, with a value), whose names they take (the item's title and first
 * username or e-mail field; the link's only where the item has none), trash and archive, tags
 * (folders), detection on Enpass's own item fields, damaged files and the work budget.
 */
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { enpassFormat } from '../../../electron/import/enpass';
import { base32Encode } from '../../../electron/otp';
import { enpassExport, field, item } from '../../../scripts/fixtures/enpass';
import { fakeSecret } from '../../../scripts/fixtures/lib';

const te = new TextEncoder();
const SECRET = fakeSecret('enpass-unit');
const OTHER = fakeSecret('enpass-unit-2');
const file = (items: unknown[], folders: unknown[] = []): Uint8Array => te.encode(JSON.stringify({ folders, items }));
const read = (items: unknown[], folders: unknown[] = []) => importFile(file(items, folders));
const totp = (value: string, extra: Record<string, unknown> = {}) => field(20, 'totp', 'One-time code', value, extra);
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

describe('Enpass: which fields become entries', () => {
  it('every live totp field with a value, in item order; deleted and empty ones are passed over', async () => {
    const result = await read([
      item('a', 'Example A', [
        field(10, 'username', 'Username', 'alice'),
        totp(SECRET),
        totp(OTHER, { deleted: 1 }),
        totp('   '),
        totp(OTHER, { label: 'Second code' }),
      ]),
      item('b', 'Example B', [field(10, 'username', 'Username', 'bob'), totp(SECRET, { deleted: true })]),
      item('c', 'Example C', [field(10, 'password', 'Password', 'x')]),
      item('d', 'Example D', []),
      { title: 'No fields', category: 'login' },
      'not an item',
      item('e', 'Example E', ['not a field', { type: 'totp', value: 42 }]),
    ]);
    expect(result.variant).toBe('JSON export');
    expect(result.entries.map((e) => [e.issuer, e.account, base32Encode(e.secret)])).toEqual([
      ['Example A', 'alice', SECRET],
      ['Example A', 'alice', OTHER],
    ]);
    expect(result.skipped).toEqual([]);
  });

  it('names: the title and the first username, else e-mail field (deleted or empty ones ignored)', async () => {
    const result = await read([
      item('a', 'Example A', [
        field(10, 'username', 'Username', 'old', { deleted: 1 }),
        field(11, 'username', 'Username', ''),
        field(12, 'email', 'E-mail', 'a@example.com'),
        totp(SECRET),
      ]),
      item('b', 'Example B', [
        field(12, 'email', 'E-mail', 'b@example.com'),
        field(13, 'username', 'Login', 'bee'),
        totp(SECRET),
      ]),
      item('c', '', [totp(`otpauth://totp/Link%20Issuer:link-user?secret=${SECRET}`)]),
      item('d', 'Example D', [
        field(10, 'username', 'Username', 'dee'),
        totp(`otpauth://totp/Link:other?secret=${SECRET}&digits=8`),
      ]),
      item('e', 'Example E', [totp(`otpauth://totp/?secret=${SECRET}`)]),
      item('f', 'Example Game', [totp(`steam://${SECRET}`)]),
    ]);
    expect(result.entries.map((e) => [e.type, e.issuer, e.account, e.digits])).toEqual([
      ['totp', 'Example A', 'a@example.com', 6],
      ['totp', 'Example B', 'bee', 6],
      ['totp', 'Link Issuer', 'link-user', 6],
      ['totp', 'Example D', 'dee', 8],
      ['totp', 'Example E', '', 6],
      ['steam', 'Example Game', 'Steam account', 5],
    ]);
  });

  it('keeps note, favourite and every tag that exists, in order; archived items are imported', async () => {
    const folders = [
      { uuid: 'f-empty', title: '  ', parent_uuid: '' },
      { uuid: 'f-work', title: 'Work', parent_uuid: '' },
      { uuid: 'f-child', title: 'Child', parent_uuid: 'f-work' },
    ];
    const result = await read(
      [
        item('a', 'A', [totp(SECRET)], {
          note: 'line 1\nline 2',
          favorite: 1,
          folders: ['missing', 'f-empty', 'f-child', 'f-work'],
        }),
        item('b', 'B', [totp(SECRET)], { archived: 1, favorite: true, folders: 'f-work' }),
        item('c', 'C', [totp(SECRET)], { favorite: 0, folders: [7, 'f-work'] }),
      ],
      folders,
    );
    expect(result.entries.map((e) => [e.notes, e.favourite, e.tags])).toEqual([
      ['line 1\nline 2', true, ['Child', 'Work']],
      [undefined, true, undefined],
      [undefined, undefined, ['Work']],
    ]);
  });

  it('lists codes in the trash and damaged keys as skipped, with the reason', async () => {
    const result = await read([
      item('a', 'Example Old', [field(10, 'username', 'Username', 'carol'), totp(SECRET), totp(OTHER)], { trashed: 1 }),
      item('b', 'Example Bin', [totp(SECRET)], { trashed: true }),
      item('c', 'Example Broken', [totp('not a secret!')]),
      item('d', 'Example Link', [totp('otpauth://totp/A:b?secret=JBSWY3DP&digits=12')]),
      item('e', '', [totp('!!')]),
    ]);
    expect(result.entries).toEqual([]);
    expect(result.skipped.map((s) => [s.index, s.label])).toEqual([
      [0, 'Example Old (carol)'],
      [0, 'Example Old (carol)'],
      [1, 'Example Bin'],
      [2, 'Example Broken'],
      [3, 'Example Link'],
      [4, 'item 5'],
    ]);
    expect(result.skipped[0]?.reason).toBe('it is in Enpass’s trash');
    expect(result.skipped[3]?.reason).toMatch(/secret/);
    for (const s of result.skipped) expect(s.reason).not.toContain(SECRET);
  });
});

describe('Enpass: detection and damaged files', () => {
  it('is recognised by Enpass item fields, not by elimination', () => {
    expect(detectFormat(te.encode(enpassExport()))?.format).toBe('enpass');
    expect(enpassFormat.detect(file([item('a', 'A', [])]))).toBeGreaterThanOrEqual(0.9);
    for (const value of [
      { folders: [], items: [] },
      { items: [{ title: 'A' }] },
      { items: [{ name: 'A', type: 1, login: {} }] },
      { encrypted: false, folders: [], items: [{ type: 1, name: 'A', login: { totp: SECRET } }] },
      [{ title: 'A', category: 'login', fields: [] }],
    ]) {
      expect(enpassFormat.detect(te.encode(JSON.stringify(value))), JSON.stringify(value)).toBe(0);
    }
    expect(enpassFormat.detect(te.encode('title,category\nA,login\n'))).toBe(0);
    expect(detectFormat(file([item('a', 'A', [])]))?.format).toBe('enpass');
    expect(detectFormat(te.encode(JSON.stringify({ encrypted: false, folders: [], items: [] })))?.format).toBe(
      'bitwarden',
    );
  });

  it('refuses a file that is not an Enpass export as corrupt when read as one', async () => {
    const options = { format: 'enpass' } as const;
    expect(await kind(importFile(te.encode('{"items": 5}'), options))).toBe('corrupt');
    expect(await kind(importFile(te.encode('[1, 2]'), options))).toBe('corrupt');
    expect(await kind(importFile(te.encode('{"items": ['), options))).toBe('corrupt');
    expect(await kind(importFile(Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), options))).toBe('corrupt');
    expect((await importFile(te.encode('{"items": []}'), options)).entries).toEqual([]);
  });

  it('charges every code, kept or skipped, to the accounts limit', async () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      item(`i${i}`, `Example ${i}`, [totp(SECRET)], { trashed: i % 2 }),
    );
    const budget = new WorkBudget({ limits: { accounts: 10 } });
    const error = await importFile(file(items), { budget }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect((error as BudgetExceededError).limit.name).toBe('accounts');
  });
});
