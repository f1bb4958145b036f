// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * 1Password 1PUX exports (electron/import/one-password.ts) beyond the golden fixture: where the
 * names come from, several one-time passwords in one item, archived and trashed items, the shapes
 * other writers use, damaged files, the work budget, and 200 mutated export.data contents re-packed.
 */
import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { onePasswordFormat } from '../../../electron/import/one-password';
import { base32Encode } from '../../../electron/otp';
import { onePux } from '../../../scripts/fixtures/1password';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

configure({ useWebWorkers: false });

const SECRET = 'JBSWY3DPEHPK3PXP';
const SECRET2 = 'KRSXG5CTMVRXEZLU';
const te = new TextEncoder();

const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

interface ItemOptions {
  readonly title?: string;
  readonly username?: unknown;
  readonly totps?: readonly (readonly [string, string])[];
  readonly extra?: Record<string, unknown>;
}

function item({
  title = 'Example',
  username = 'alice',
  totps = [['one-time password', SECRET]],
  extra = {},
}: ItemOptions = {}) {
  return {
    uuid: 'exampleuuid',
    favIndex: 0,
    state: 'active',
    categoryUuid: '001',
    details: {
      loginFields: [{ value: username, name: 'username', fieldType: 'T', designation: 'username' }],
      sections: [{ title: '', fields: totps.map(([t, v]) => ({ title: t, id: 'TOTP_x', value: { totp: v } })) }],
    },
    overview: { title, url: 'https://example.com/' },
    ...extra,
  };
}

const exportOf = (...items: unknown[]) => ({
  accounts: [{ attrs: { name: 'Example' }, vaults: [{ attrs: { name: 'Private' }, items }] }],
});

describe('1Password: accounts', () => {
  it('takes the link’s names first, then the item’s title and username', async () => {
    const result = await importFile(
      await onePux(
        exportOf(
          item({ totps: [['otp', `otpauth://totp/Issuer:acct?secret=${SECRET}`]] }),
          item({ title: 'Titled', totps: [['otp', `otpauth://totp/?secret=${SECRET}&issuer=FromLink`]] }),
          item({ title: 'Titled', username: 'bob', totps: [['otp', `otpauth://totp/onlyacct?secret=${SECRET}`]] }),
          item({ title: 'Colon: in title', username: 'a:b', totps: [['otp', `otpauth://totp/?secret=${SECRET}`]] }),
          item({ title: 'Counter', totps: [['otp', `otpauth://hotp/?secret=${SECRET}&counter=5`]] }),
        ),
      ),
    );
    expect(result.skipped).toEqual([]);
    expect(result.entries.map((e) => [e.type, e.issuer, e.account])).toEqual([
      ['totp', 'Issuer', 'acct'],
      ['totp', 'FromLink', 'alice'],
      ['totp', 'Titled', 'onlyacct'],
      ['totp', 'Colon: in title', 'a:b'],
      ['hotp', 'Counter', 'alice'],
    ]);
    expect(result.entries[4]?.counter).toBe(5);
  });

  it('reads a bare secret as a person typed it, and every one-time-password field of an item', async () => {
    const result = await importFile(
      await onePux(
        exportOf(
          item({
            totps: [
              ['main', 'jbsw y3dp ehpk 3pxp'],
              ['backup', SECRET2],
              ['empty', '  '],
            ],
          }),
        ),
      ),
    );
    expect(result.entries.map((e) => [e.account, base32Encode(e.secret)])).toEqual([
      ['alice (main)', SECRET],
      ['alice (backup)', SECRET2],
    ]);
  });

  it('skips archived and trashed items with the reason, and passes over items without a one-time password', async () => {
    const result = await importFile(
      await onePux(
        exportOf(
          item({ title: 'Archived', extra: { state: 'archived' } }),
          item({ title: 'Trashed', extra: { trashed: true } }),
          item({ title: 'No OTP', totps: [] }),
          { file: { attrs: { uuid: 'doc', name: 'scan.pdf' }, path: 'files/doc__scan.pdf' } },
          item({ title: 'Kept', extra: { favIndex: 3 } }),
        ),
      ),
    );
    expect(result.entries.map((e) => [e.issuer, e.favourite, e.tags])).toEqual([['Kept', true, ['Private']]]);
    expect(result.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['Archived (alice)', 'it is archived in 1Password'],
      ['Trashed (alice)', 'it is in 1Password’s trash'],
    ]);
  });

  it('reads the shapes other writers use: items wrapped in `item`, usernames as e-mail objects', async () => {
    const result = await importFile(
      await onePux(exportOf({ item: item({ username: { email_address: 'carol@example.com', provider: 'x' } }) })),
    );
    expect(result.entries.map((e) => e.account)).toEqual(['carol@example.com']);
  });

  it('an item without any name is skipped by its position when its link is unusable', async () => {
    const result = await importFile(
      await onePux(exportOf(item({ title: '', username: '', totps: [['otp', 'otpauth://totp/?secret=1!!']] }))),
    );
    expect(result.skipped.map((s) => s.label)).toEqual(['item 1']);
  });
});

describe('1Password: files', () => {
  it('detects a ZIP holding export.data, surer with export.attributes beside it', async () => {
    const full = await onePux(exportOf(item()));
    expect(onePasswordFormat.detect(full)).toBeGreaterThanOrEqual(0.95);
    const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
    await writer.add('export.data', new TextReader(JSON.stringify(exportOf(item()))));
    const bare = await writer.close();
    expect(onePasswordFormat.detect(bare)).toBeGreaterThanOrEqual(0.5);
    expect(detectFormat(bare)?.format).toBe('1password');
    expect((await importFile(bare)).entries).toHaveLength(1);
    expect(onePasswordFormat.detect(te.encode(JSON.stringify(exportOf(item()))))).toBe(0);
    expect(onePasswordFormat.needsPassword(full)).toBe(false);
  });

  it('refuses what is not a 1PUX export, in plain words', async () => {
    expect(await kind(importFile(te.encode('{"accounts": []}'), { format: '1password' }))).toBe('corrupt');
    expect(await kind(importFile(await onePux('not json'), { format: '1password' }))).toBe('corrupt');
    expect(await kind(importFile(await onePux({ vaults: [] }), { format: '1password' }))).toBe('corrupt');
    const other = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
    await other.add('Accounts.txt', new TextReader('x'));
    expect(await kind(importFile(await other.close(), { format: '1password' }))).toBe('corrupt');
    const encrypted = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false, password: 'pw' });
    await encrypted.add('export.data', new TextReader('{}'));
    expect(await kind(importFile(await encrypted.close(), { format: '1password', password: 'pw' }))).toBe('corrupt');
    const full = await onePux(exportOf(item()));
    expect(await kind(importFile(full.slice(0, full.length - 40), { format: '1password' }))).toBe('corrupt');
  });

  it('an empty export imports nothing, without an error', async () => {
    expect(await importFile(await onePux({ accounts: [] }))).toMatchObject({
      entries: [],
      skipped: [],
      variant: '1PUX export',
    });
  });
});

describe('1Password: work budget', () => {
  it('counts inflated bytes, JSON and accounts', async () => {
    const big = await onePux(exportOf(...Array.from({ length: 50 }, (_, i) => item({ title: `Example ${i}` }))));
    const tooLarge = async (limits: Record<string, number>): Promise<unknown> =>
      importFile(big, { budget: new WorkBudget({ limits }) }).catch((e: unknown) => e);
    expect(await tooLarge({ 'archive-bytes': 2048 })).toMatchObject({
      kind: 'too-large',
      limit: { name: 'archive-bytes' },
    });
    expect(await tooLarge({ 'json-values': 100 })).toMatchObject({ kind: 'too-large', limit: { name: 'json-values' } });
    expect(await tooLarge({ accounts: 10 })).toMatchObject({ kind: 'too-large', limit: { name: 'accounts' } });
    expect(await tooLarge({ 'archive-entries': 1 })).toMatchObject({
      kind: 'too-large',
      limit: { name: 'archive-entries' },
    });
  });
});

describe('1Password: fuzzing the content', () => {
  it('200 mutated export.data contents, re-packed', async () => {
    const content = te.encode(
      JSON.stringify(
        exportOf(
          item({ totps: [['otp', `otpauth://totp/Issuer:acct?secret=${SECRET}`]] }),
          item({
            title: 'Two',
            totps: [
              ['a', SECRET],
              ['b', SECRET2],
            ],
            extra: { favIndex: 1 },
          }),
          item({ title: 'Archived', extra: { state: 'archived' } }),
        ),
      ),
    );
    const probe = prober(new Set([SECRET, SECRET2]));
    const rnd = prng(seedOf(`${process.env.TESSERA_FUZZ_SEED ?? ''}1password content`));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const file = await onePux(new TextDecoder().decode(mutate(content, rnd)));
      await probe(`1password content #${i}`, () => importFile(file, { format: '1password' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
