// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What every importer does with the groups, tags, folders and categories a file gives an account
 * (electron/import/entries.ts `cleanTags`): they become the account's tags in the vault's normal
 * form and within its limits, whatever the file holds — a long or odd tag never costs an account.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTRY_LIMITS, tagsProblem } from '../../../electron/domain';
import { importFile } from '../../../electron/import';
import { cleanTags, toImportedEntry } from '../../../electron/import/entries';

const SECRET = Uint8Array.from({ length: 20 }, (_, i) => i + 1);

describe('cleanTags', () => {
  it('any list of texts becomes tags the vault accepts (normal form, limits)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: 'grapheme', maxLength: 200 }), { nil: undefined })), (raw) => {
        const tags = cleanTags(raw);
        expect(tagsProblem(tags)).toBeNull();
        expect(tags.length).toBeLessThanOrEqual(ENTRY_LIMITS.maxTags);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the source’s order and first spelling, drops empties, repeats ignoring case and missing names', () => {
    expect(cleanTags(['  Work ', undefined, '', 'home\tlab', 'WORK', 'Home  lab', 'Games'])).toEqual([
      'Work',
      'home lab',
      'Games',
    ]);
  });

  it('cuts a long tag at the limit, replaces control characters, keeps the first 20', () => {
    const [long] = cleanTags(['x'.repeat(100)]);
    expect(long).toHaveLength(ENTRY_LIMITS.tagMaxLength);
    expect(cleanTags(['a\u0007b'])).toEqual(['a\ufffdb']);
    const many = Array.from({ length: 30 }, (_, i) => `t${i}`);
    expect(cleanTags(many)).toEqual(many.slice(0, ENTRY_LIMITS.maxTags));
  });

  it('an entry without tags has none; with tags they come normalised', () => {
    const base = { type: 'totp', issuer: 'I', account: 'a', secret: SECRET };
    expect(toImportedEntry(base).tags).toBeUndefined();
    expect(toImportedEntry({ ...base, tags: [' ', undefined] }).tags).toBeUndefined();
    expect(toImportedEntry({ ...base, tags: [' b ', 'a', 'B'] }).tags).toEqual(['b', 'a']);
  });
});

describe('importers keep every group as a tag', () => {
  const te = new TextEncoder();
  const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));

  it('2FAS: the service’s group (one per service)', async () => {
    const result = await importFile(
      json({
        schemaVersion: 4,
        services: [
          { name: 'A', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'a', tokenType: 'TOTP' }, groupId: 'g' },
          { name: 'B', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'b', tokenType: 'TOTP' }, groupId: 'gone' },
        ],
        groups: [{ id: 'g', name: 'Work' }],
      }),
    );
    expect(result.entries.map((e) => e.tags)).toEqual([['Work'], undefined]);
  });

  it('andOTP: every tag', async () => {
    const result = await importFile(
      json([
        {
          secret: 'JBSWY3DPEHPK3PXP',
          issuer: 'I',
          label: 'a',
          type: 'TOTP',
          digits: 6,
          period: 30,
          tags: ['x', 'y', 3],
        },
      ]),
    );
    expect(result.entries[0]?.tags).toEqual(['x', 'y']);
  });

  it('Ente: every tag of codeDisplay', async () => {
    const display = encodeURIComponent(JSON.stringify({ tags: ['One', 'Two', 'one'] }));
    const result = await importFile(te.encode(`otpauth://totp/I:a?secret=JBSWY3DPEHPK3PXP&codeDisplay=${display}\n`));
    expect(result.entries[0]?.tags).toEqual(['One', 'Two']);
  });
});
