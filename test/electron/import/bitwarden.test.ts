// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bitwarden exports (docs/formats.md §5) beyond the golden fixtures: the password-protected export's
 * key derivation and EncStrings (wrong password, damaged data, other EncString and KDF types), the
 * account-restricted export refused with what to do, the KDF charged to the budget before any
 * derivation (Bitwarden's own maximums and hostile parameters), detection on required fields only,
 * and a fuzz of the content behind the encryption. Encrypted files are written by the fixture
 * generator (scripts/fixtures/bitwarden.ts), which follows Bitwarden's exporter, not the importer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BudgetExceededError,
  detectFormat,
  ImportError,
  importFile,
  KDF_CEILINGS,
  WorkBudget,
  type ImportResult,
} from '../../../electron/import';
import { bitwardenFormat } from '../../../electron/import/bitwarden';
import { base32Encode } from '../../../electron/otp';
import {
  accountRestrictedExport,
  passwordProtectedExport,
  plainJsonExport,
  type BitwardenKdf,
} from '../../../scripts/fixtures/bitwarden';
import { fakeSecret } from '../../../scripts/fixtures/lib';
import { FIXTURES_DIR } from './fixtures';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES_DIR, 'bitwarden', name)));
const failure = async (p: Promise<unknown>): Promise<ImportError> => {
  const error = await p.then(
    () => new Error('resolved'),
    (e: unknown) => e,
  );
  if (!(error instanceof ImportError)) throw new Error(`not an ImportError: ${String(error)}`);
  return error;
};
const CHEAP: BitwardenKdf = { type: 0, iterations: 1 };
const SECRET = fakeSecret('unit');

/** A plain JSON export with the given items (and folders). */
const plain = (items: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ encrypted: false, folders: [], items, ...extra });
const login = (name: string, totp: string | null, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `id-${name}`,
  organizationId: null,
  folderId: null,
  type: 1,
  name,
  notes: null,
  favorite: false,
  login: { uris: [], username: 'user', password: null, totp },
  collectionIds: null,
  ...over,
});
const protectedFile = async (text: string, kdf: BitwardenKdf = CHEAP, password = 'pw'): Promise<Uint8Array> =>
  te.encode(await passwordProtectedExport(text, password, kdf, 'unit'));
/** The password-protected file as an object, to edit one field. */
const protectedJson = async (kdf: BitwardenKdf = CHEAP): Promise<Record<string, unknown>> =>
  JSON.parse(await passwordProtectedExport(plain([login('Example', SECRET)]), 'pw', kdf, 'unit')) as Record<
    string,
    unknown
  >;
const names = (r: ImportResult): string[][] => r.entries.map((e) => [e.type, e.issuer, e.account]);

describe('Bitwarden password-protected export', () => {
  it('reads a PBKDF2 export and names the variant', async () => {
    const pbkdf2 = await importFile(await protectedFile(plain([login('Example', SECRET)])), { password: 'pw' });
    expect(pbkdf2.variant).toBe('password-protected JSON (PBKDF2)');
    expect(pbkdf2.entries.map((e) => base32Encode(e.secret))).toEqual([SECRET]);
  });

  it('derives Argon2id from SHA-256 of the salt text, memory in MiB, the file’s lanes', async () => {
    const file = await protectedFile(plain([login('Example', SECRET)]), {
      type: 1,
      iterations: 2,
      memory: 1,
      parallelism: 2,
    });
    const result = await importFile(file, { password: 'pw' });
    expect(result.variant).toBe('password-protected JSON (Argon2id)');
    expect(names(result)).toEqual([['totp', 'Example', 'user']]);
  });

  it('a wrong password is wrong-password, none is password-required; needsPassword says so', async () => {
    const file = await protectedFile(plain([login('Example', SECRET)]));
    expect(bitwardenFormat.needsPassword(file)).toBe(true);
    expect((await failure(importFile(file, { password: 'other' }))).kind).toBe('wrong-password');
    expect((await failure(importFile(file))).kind).toBe('password-required');
    expect((await failure(importFile(file, { password: '' }))).kind).toBe('wrong-password');
  });

  it('takes the password’s UTF-8 bytes as typed (no normalisation)', async () => {
    const file = await protectedFile(plain([login('Example', SECRET)]), CHEAP, 'caf\u00e9');
    expect((await importFile(file, { password: 'caf\u00e9' })).entries).toHaveLength(1);
    expect((await failure(importFile(file, { password: 'cafe\u0301' }))).kind).toBe('wrong-password');
  });

  it('damaged data after a right password is corrupt; a modified check value reads as a wrong password', async () => {
    const doc = await protectedJson();
    const [head, ct, mac] = String(doc['data']).split('|');
    const flipped = Buffer.from(ct ?? '', 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const damaged = json({ ...doc, data: [head, flipped.toString('base64'), mac].join('|') });
    const error = await failure(importFile(damaged, { password: 'pw' }));
    expect(error.kind).toBe('corrupt');
    expect(error.message).toMatch(/password is right/);
    const validation = json({ ...doc, encKeyValidation_DO_NOT_EDIT: doc['data'] });
    expect((await importFile(validation, { password: 'pw' })).entries).toHaveLength(1); // any EncString under the key
    const other = await protectedJson();
    other['encKeyValidation_DO_NOT_EDIT'] = String(other['encKeyValidation_DO_NOT_EDIT']).replace(
      /\|[^|]+$/,
      `|${Buffer.alloc(32).toString('base64')}`,
    );
    expect((await failure(importFile(json(other), { password: 'pw' }))).kind).toBe('wrong-password');
  });

  it('refuses other EncString types as unsupported and malformed ones as corrupt, before deriving', async () => {
    const doc = await protectedJson();
    const budget = new WorkBudget();
    const type0 = json({
      ...doc,
      data: `0.${Buffer.alloc(16).toString('base64')}|${Buffer.alloc(16).toString('base64')}`,
    });
    expect((await failure(importFile(type0, { password: 'pw', budget }))).kind).toBe('unsupported');
    expect(budget.usage()['kdf-work:bitwarden']).toBeUndefined();
    for (const data of [
      '2.abc',
      '2.||',
      `2.${'A'.repeat(24)}|${'A'.repeat(24)}|${'A'.repeat(44)}`,
      'nonsense',
      '2.!|!|!',
    ]) {
      const error = await failure(importFile(json({ ...doc, data }), { password: 'pw' }));
      expect(error.kind, data).toBe('corrupt');
      expect(error.details).toMatch(/EncString/);
    }
  });

  it('checks the KDF settings: unknown kdfType unsupported; missing or impossible values corrupt', async () => {
    const doc = await protectedJson();
    const kind = async (over: Record<string, unknown>): Promise<string> =>
      (await failure(importFile(json({ ...doc, ...over }), { password: 'pw', format: 'bitwarden' }))).kind;
    expect(await kind({ kdfType: 2 })).toBe('unsupported');
    expect(await kind({ kdfIterations: 0 })).toBe('corrupt');
    expect(await kind({ kdfIterations: 'many' })).toBe('corrupt');
    expect(await kind({ kdfType: 1, kdfIterations: 3 })).toBe('corrupt'); // Argon2id without memory
    expect(await kind({ kdfType: 1, kdfIterations: 3, kdfMemory: 64, kdfParallelism: 17 })).toBe('corrupt');
    expect(await kind({ salt: '' })).toBe('corrupt');
    expect(await kind({ salt: undefined })).toBe('corrupt');
    const older = json({ ...doc, kdfMemory: null, kdfParallelism: 'n/a' }); // PBKDF2: ignored
    expect((await importFile(older, { password: 'pw' })).entries).toHaveLength(1);
  });
});

describe('Bitwarden KDF budget (KDF_CEILINGS.bitwarden)', () => {
  const ceiling = KDF_CEILINGS.bitwarden;
  const GiB = 1024 ** 3;

  it('admits every setting Bitwarden allows for PBKDF2, and Argon2id up to ~3.8 GiB-passes', () => {
    expect(ceiling).toBeDefined();
    const budget = new WorkBudget();
    expect(budget.canAfford('bitwarden', 2_000_000 * 1024)).toBe(true); // PBKDF2 maximum
    expect(budget.canAfford('bitwarden', 64 * 1024 ** 2 * 3)).toBe(true); // Argon2id default
    expect(budget.canAfford('bitwarden', GiB * 3)).toBe(true);
    expect(budget.canAfford('bitwarden', GiB * 4)).toBe(false);
    expect(ceiling?.legitimateMemoryBytes).toBe(GiB); // Bitwarden's maximum memory
  });

  it('refuses more memory than Bitwarden allows (1,024 MiB), even within the budget’s allowance', async () => {
    const doc = await protectedJson();
    const over = { kdfType: 1, kdfIterations: 1, kdfMemory: 1500, kdfParallelism: 4 };
    for (const password of [undefined, 'pw']) {
      const error = await failure(importFile(json({ ...doc, ...over }), { password }));
      expect(error.kind).toBe('too-large');
      expect(error.message).toMatch(/1,500 MB of memory.*at most 1,024 MB/);
    }
  });

  it('refuses hostile parameters as too-large before asking for the password or deriving', async () => {
    const doc = await protectedJson();
    const hostile = [
      { kdfIterations: 50_000_000 },
      { kdfIterations: 2 ** 50 },
      { kdfType: 1, kdfIterations: 10, kdfMemory: 1024, kdfParallelism: 16 }, // Bitwarden's extreme setting
      { kdfType: 1, kdfIterations: 1, kdfMemory: 4096, kdfParallelism: 4 }, // 4 GiB of memory
      { kdfType: 1, kdfIterations: 1_000_000, kdfMemory: 1_000_000, kdfParallelism: 4 },
    ];
    for (const over of hostile) {
      for (const password of [undefined, 'pw']) {
        const started = performance.now();
        const error = await failure(importFile(json({ ...doc, ...over }), { password }));
        expect(error, JSON.stringify(over)).toBeInstanceOf(BudgetExceededError);
        expect(error.kind).toBe('too-large');
        expect(['kdf-work', 'memory']).toContain((error as BudgetExceededError).limit.name);
        expect(error.message).toMatch(/Bitwarden|memory/);
        expect(performance.now() - started).toBeLessThan(200);
      }
    }
  });
});

describe('Bitwarden account-restricted export', () => {
  it('is recognised and refused with what to do instead', async () => {
    const bytes = fixture('bitwarden_account_restricted.json');
    expect(detectFormat(bytes)?.format).toBe('bitwarden');
    expect(bitwardenFormat.needsPassword(bytes)).toBe(false);
    const error = await failure(importFile(bytes, { password: 'anything' }));
    expect(error.kind).toBe('unsupported');
    expect(error.message).toMatch(/Password protected/);
    expect(error.message).toMatch(/export the vault again/i);
    expect(te.encode(accountRestrictedExport())).toEqual(bytes); // the generator is deterministic
  });
});

describe('Bitwarden detection (required fields, never by elimination)', () => {
  it('recognises each variant from its own fields', () => {
    expect(detectFormat(json({ encrypted: false, folders: [], items: [] }))?.format).toBe('bitwarden');
    expect(detectFormat(json({ items: [login('Example', SECRET)] }))?.format).toBe('bitwarden');
    expect(detectFormat(te.encode('name,login_username,login_totp\nExample,u,JBSWY3DPEHPK3PXP\n'))?.format).toBe(
      'bitwarden',
    );
  });

  it('does not claim files without them', () => {
    for (const value of [
      { encrypted: true, passwordProtected: true, items: [] }, // no data, no check value
      { items: [] },
      { items: [{ title: 'Example', fields: [] }] },
      { encrypted: true, data: '2.a|b|c' },
      { accounts: [], version: 3 },
    ]) {
      expect(bitwardenFormat.detect(json(value)), JSON.stringify(value)).toBe(0);
    }
    expect(bitwardenFormat.detect(te.encode('name,username,totp\na,b,c\n'))).toBe(0);
  });

  it('a password-protected marker without its data, read as Bitwarden anyway, is corrupt', async () => {
    const bytes = json({ encrypted: true, passwordProtected: true, items: [] });
    expect((await failure(importFile(bytes))).kind).toBe('unknown-format');
    expect((await failure(importFile(bytes, { format: 'bitwarden' }))).kind).toBe('corrupt');
  });
});

describe('Bitwarden items', () => {
  const read = async (text: string): Promise<ImportResult> => importFile(te.encode(text));

  it('names an unlabelled link after the item, and a link without issuer takes the item name', async () => {
    const result = await read(
      plain([
        login('Example Forum', `otpauth://totp/?secret=${SECRET}`),
        login('Example Wiki', `otpauth://totp/frank?secret=${SECRET}`),
        login('Example Mail', `otpauth://totp/Other:alice?secret=${SECRET}&issuer=Other`),
        login('Example Plain', `otpauth://totp?secret=${SECRET}`, {
          login: { username: null, totp: `otpauth://totp?secret=${SECRET}` },
        }),
      ]),
    );
    expect(names(result)).toEqual([
      ['totp', 'Example Forum', 'user'],
      ['totp', 'Example Wiki', 'frank'],
      ['totp', 'Other', 'alice'],
      ['totp', 'Example Plain', ''],
    ]);
  });

  it('keeps folder, notes and favourite; an organisation export’s first collection is the group', async () => {
    const result = await read(
      plain(
        [
          login('A', SECRET, { folderId: 'f1', notes: 'note', favorite: true }),
          login('B', SECRET, { collectionIds: ['missing', 'c1'] }),
          login('C', SECRET, { folderId: 'unknown' }),
        ],
        { folders: [{ id: 'f1', name: 'Work' }], collections: [{ id: 'c1', name: 'Team', organizationId: 'o' }] },
      ),
    );
    expect(result.entries.map((e) => [e.tags, e.notes, e.favourite])).toEqual([
      [['Work'], 'note', true],
      [['Team'], undefined, undefined],
      [undefined, undefined, undefined],
    ]);
  });

  it('passes over items without a key, skips trashed and unreadable ones with the reason', async () => {
    const result = await read(
      plain([
        login('No key', null),
        login('Empty key', '  '),
        { type: 2, name: 'Note', secureNote: { type: 0 } },
        'not an item',
        login('Trashed', SECRET, { deletedDate: '2024-01-01T00:00:00.000Z' }),
        login('Bad', 'hello world!'),
        login('Motp', 'motp://x?secret=ab'),
      ]),
    );
    expect(result.entries).toHaveLength(0);
    expect(result.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['Trashed (user)', 'it is in Bitwarden’s trash'],
      ['Bad (user)', expect.stringContaining('secret') as string],
      ['Motp (user)', expect.any(String) as string],
    ]);
  });

  it('reads the CSV folder and notes columns, and an organisation CSV’s collections', async () => {
    const csv = [
      'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      `"Team,Other",login,Example,"two\nlines",,0,,u,,${SECRET}`,
    ].join('\r\n');
    const result = await importFile(te.encode(csv));
    expect(result.variant).toBe('CSV export');
    expect(result.entries.map((e) => [e.issuer, e.account, e.tags, e.notes])).toEqual([
      ['Example', 'u', ['Team', 'Other'], 'two\nlines'],
    ]);
  });
});

describe('Bitwarden after decryption: 200 mutated plain exports re-encrypted with 1 PBKDF2 iteration', () => {
  it('never crashes, hangs or leaks a secret', async () => {
    const content = te.encode(plainJsonExport());
    const secrets = new Set([...['mail', 'shop', 'game', 'forum', 'wiki'].map(fakeSecret), SECRET]);
    const probe = prober(secrets);
    const rnd = prng(seedOf(`${process.env.TESSERA_FUZZ_SEED ?? ''}bitwarden-content`));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const mutated = Buffer.from(mutate(content, rnd)).toString('utf8');
      const file = te.encode(await passwordProtectedExport(mutated, 'pw', CHEAP, `fuzz${i}`));
      await probe(`bitwarden content #${i}`, () => importFile(file, { password: 'pw' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
