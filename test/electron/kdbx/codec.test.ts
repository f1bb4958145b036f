// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The KDBX codec end to end: the writer through the reader (every KDF and cipher, random databases
 * with odd names, notes and Unicode), and what a damaged or hostile file gets: damaged headers,
 * truncated blocks, HMAC mismatches → corrupt; a wrong key → wrong-key; KDF parameters past the
 * budget → too-large before any derivation; a decompression bomb, deep nesting, too many elements →
 * too-large; DOCTYPE → corrupt. The KeePassXC-made files of test/fixtures/import/keepass prove the
 * reader on files it did not write (fixtures.test.ts and the KDBX 3.1 cases below).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BudgetExceededError, WorkBudget } from '../../../electron/import';
import {
  KdbxError,
  readKdbx,
  writeKdbx,
  writeKdbxPayload,
  type KdbxWriteOptions,
  type WriteDatabase,
  type WriteGroup,
} from '../../../electron/kdbx';
import { ByteWriter } from '../../../electron/kdbx/bytes';
import { readHeader, writeHeader4 } from '../../../electron/kdbx/header';
import { KDF_AES_KDBX3, KDF_ARGON2ID } from '../../../electron/kdbx/kdf';
import type { VariantValue } from '../../../electron/kdbx/variant-dict';
import { escapeXml } from '../../../electron/kdbx/xml-write';

const FIXTURES = path.resolve(__dirname, '../../fixtures/import/keepass');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(FIXTURES, name)));
const FIXTURE_PASSWORD = 'tessera-fixture';

const CHEAP: KdbxWriteOptions = { password: 'pw', kdf: { kind: 'aes-kdf', rounds: 10 }, cipher: 'aes256' };

const sample: WriteDatabase = {
  generator: 'test',
  name: 'Sample',
  root: {
    name: 'Root',
    entries: [
      {
        fields: [
          { key: 'Title', value: 'Example' },
          { key: 'UserName', value: 'alice' },
          { key: 'Password', value: 'secret password', protected: true },
          { key: 'otp', value: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP', protected: true },
        ],
        tags: ['Favourite', 'Work'],
      },
    ],
    groups: [{ name: 'Sub', entries: [{ fields: [{ key: 'Title', value: 'In sub' }] }], groups: [] }],
  },
};

async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof BudgetExceededError) return `too-large:${error.limit.name}`;
    if (error instanceof KdbxError) return error.kind;
    throw error;
  }
}

const read = (bytes: Uint8Array, password = 'pw', budget = new WorkBudget()) => readKdbx(bytes, { password, budget });

describe('writer → reader', () => {
  const combos: [string, KdbxWriteOptions['kdf'], KdbxWriteOptions['cipher'], string][] = [
    [
      'Argon2id + ChaCha20',
      { kind: 'argon2id', memoryBytes: 64 * 1024, iterations: 1, parallelism: 2 },
      'chacha20',
      'KDBX 4.0 (Argon2id, ChaCha20)',
    ],
    [
      'Argon2d + AES-256',
      { kind: 'argon2d', memoryBytes: 64 * 1024, iterations: 2, parallelism: 1 },
      'aes256',
      'KDBX 4.0 (Argon2d, AES-256)',
    ],
    ['AES-KDF + AES-256', { kind: 'aes-kdf', rounds: 1000 }, 'aes256', 'KDBX 4.0 (AES-KDF, AES-256)'],
  ];
  for (const [name, kdf, cipher, variant] of combos) {
    it(`${name}: reads back every field, tag and group`, async () => {
      const file = await read(await writeKdbx(sample, { password: 'pw', kdf, cipher }));
      expect(file.variant).toBe(variant);
      const [first, second] = file.database.entries;
      expect(Object.fromEntries([...(first?.fields ?? [])].map(([k, f]) => [k, f]))).toEqual({
        Title: { value: 'Example', protected: false },
        UserName: { value: 'alice', protected: false },
        Password: { value: 'secret password', protected: true },
        otp: { value: 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP', protected: true },
      });
      expect(first?.tags).toEqual(['Favourite', 'Work']);
      expect(first?.groupPath).toEqual([]);
      expect(second?.groupPath).toEqual(['Sub']);
      expect(file.database.root?.groups[0]?.name).toBe('Sub');
    });
  }

  it('fresh seeds, IVs and salt every time: the same database never gives the same bytes', async () => {
    const a = await writeKdbx(sample, CHEAP);
    const b = await writeKdbx(sample, CHEAP);
    expect(Buffer.from(a.subarray(0, 200)).equals(Buffer.from(b.subarray(0, 200)))).toBe(false);
  });

  it('wantField: fields not wanted are neither kept nor decrypted, and the stream stays aligned', async () => {
    const file = await readKdbx(await writeKdbx(sample, CHEAP), {
      password: 'pw',
      budget: new WorkBudget(),
      wantField: (k) => k === 'otp' || k === 'Title',
    });
    expect([...(file.database.entries[0]?.fields.keys() ?? [])]).toEqual(['Title', 'otp']);
    expect(file.database.entries[0]?.fields.get('otp')?.value).toContain('JBSWY3DPEHPK3PXP');
  });

  it('uncompressed payloads read too', async () => {
    const file = await read(await writeKdbx(sample, { ...CHEAP, compress: false }));
    expect(file.database.entries).toHaveLength(2);
  });

  /** The characters XML 1.0 cannot hold (the writer drops them, as KeePassXC does). */
  const NOT_XML =
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  /** What XML can carry of a text. */
  const carried = (text: string): string => text.replace(NOT_XML, '');
  /** What UTF-8 carries of a protected value (a lone surrogate becomes U+FFFD). */
  const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

  const odd = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 24 }),
    fc.string({ unit: 'grapheme', maxLength: 24 }),
    fc.constantFrom('', ' ', '  lead', 'trail  ', 'a&b<c>"d\'e', ']]>', '&amp;', '\r\n', 'x\ty', '例え 🔐', 'Ünïcødé'),
  );
  const fieldsArb = fc
    .uniqueArray(fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }), odd, fc.boolean()), {
      selector: ([k]) => k.trim(),
      maxLength: 6,
    })
    .map((list) => list.filter(([k]) => k.trim() !== '' && carried(k) === k && k.trim() === k));
  const groupArb: fc.Arbitrary<WriteGroup> = fc.letrec<{ group: WriteGroup }>((tie) => ({
    group: fc.record({
      name: odd,
      entries: fc.array(
        fc.record({
          fields: fieldsArb.map((l) => l.map(([key, value, p]) => ({ key, value, protected: p }))),
          tags: fc.array(
            fc
              .stringMatching(/^[A-Za-z0-9 éü]{1,8}$/)
              .map((t) => t.trim())
              .filter((t) => t !== ''),
            { maxLength: 3 },
          ),
        }),
        { maxLength: 3 },
      ),
      groups: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constant([]),
        fc.array(tie('group'), { maxLength: 2 }),
      ),
    }),
  })).group;

  it('random databases with odd names, notes and Unicode read back as written (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(
        groupArb,
        fc.constantFrom<KdbxWriteOptions['cipher']>('aes256', 'chacha20'),
        async (root, cipher) => {
          const file = await read(await writeKdbx({ generator: 'fc', name: 'fc', root }, { ...CHEAP, cipher }));
          const want: { path: string[]; fields: [string, { value: string; protected: boolean }][]; tags: string[] }[] =
            [];
          const walk = (g: WriteGroup, p: string[], isRoot: boolean): void => {
            const here = isRoot ? p : [...p, carried(g.name)];
            for (const e of g.entries) {
              want.push({
                path: here,
                fields: e.fields.map((f) => [
                  f.key,
                  { value: f.protected ? utf8(f.value) : carried(f.value), protected: f.protected === true },
                ]),
                tags: [...(e.tags ?? [])],
              });
            }
            for (const s of g.groups) walk(s, here, false);
          };
          walk(root, [], true);
          expect(
            file.database.entries.map((e) => ({ path: [...e.groupPath], fields: [...e.fields], tags: [...e.tags] })),
          ).toEqual(want);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('escapeXml keeps markup out and carries a CR', () => {
    expect(escapeXml('a<b>&"c"\r\u0001')).toBe('a&lt;b&gt;&amp;&quot;c&quot;&#13;');
  });
});

describe('KeePassXC-made KDBX 3.1 (hashed blocks, Salsa20)', () => {
  const file = fixture('kdbx3-aeskdf-aes256.kdbx');

  it('opens, and keeps the history’s protected values out of the way of the entries after them', async () => {
    const db = (await read(file, FIXTURE_PASSWORD)).database;
    expect(db.entries.some((e) => e.fields.get('Title')?.value === 'Example Cloud (old)')).toBe(false);
    const cloud = db.entries.find((e) => e.fields.get('Title')?.value === 'Example Cloud');
    expect(cloud?.fields.get('otp')?.value).toContain('secret=AABSRDLYPKG4233QEVYR3MPBC5ONYYPG');
    const steam = db.entries.find((e) => e.fields.get('Title')?.value === 'Steam');
    expect(steam?.fields.get('otp')?.value).toContain('encoder=steam');
    expect(db.recycleBinUuid).not.toBeNull();
    expect(db.headerHash).not.toBeNull();
  });

  it('a wrong password is wrong-key; damage after the stream start bytes is corrupt', async () => {
    expect(await outcome(() => read(file, 'nope'))).toBe('wrong-key');
    const damaged = Uint8Array.from(file);
    damaged[damaged.length - 200]! ^= 0x55;
    expect(await outcome(() => read(damaged, FIXTURE_PASSWORD))).toMatch(/^(corrupt|wrong-key)$/);
    for (const cut of [file.length - 1, file.length - 16, file.length - 300]) {
      expect(await outcome(() => read(file.subarray(0, cut), FIXTURE_PASSWORD))).toMatch(/^(corrupt|wrong-key)$/);
    }
  });

  it('a header changed after saving no longer matches the hash inside the XML (corrupt)', async () => {
    // The comment field (id 1) is ignored by readers: only the header hash can notice it.
    const comment = new ByteWriter().u8(1).u16(2).bytes(Uint8Array.of(0x41, 0x42)).result();
    const changed = Uint8Array.from(Buffer.concat([file.subarray(0, 12), comment, file.subarray(12)]));
    expect(await outcome(() => read(changed, FIXTURE_PASSWORD))).toBe('corrupt');
  });
});

describe('damaged KDBX 4 files', () => {
  it('every cut inside the header, and a wrong signature, are corrupt; a wrong version is unsupported', async () => {
    const bytes = await writeKdbx(sample, CHEAP);
    for (let cut = 0; cut < 260; cut += 7) {
      expect(await outcome(() => read(bytes.subarray(0, cut))), `cut at ${cut}`).toBe('corrupt');
    }
    const badSig = Uint8Array.from(bytes);
    badSig[0] = 0;
    expect(await outcome(() => read(badSig))).toBe('corrupt');
    const v5 = Uint8Array.from(bytes);
    v5[10] = 5;
    expect(await outcome(() => read(v5))).toBe('unsupported');
    const kdb = Uint8Array.from(bytes);
    kdb[4] = 0x65;
    expect(await outcome(() => read(kdb))).toBe('unsupported');
  });

  it('a changed header byte fails the header checksum before any derivation (corrupt)', async () => {
    const bytes = Uint8Array.from(await writeKdbx(sample, CHEAP));
    bytes[60]! ^= 1; // inside the master seed
    expect(await outcome(() => read(bytes))).toBe('corrupt');
  });

  it('a wrong password fails the header HMAC (wrong-key)', async () => {
    expect(await outcome(async () => read(await writeKdbx(sample, CHEAP), 'not pw'))).toBe('wrong-key');
  });

  it('truncated blocks and HMAC mismatches in the blocks are corrupt', async () => {
    const bytes = await writeKdbx(sample, CHEAP);
    const headerEnd = readHeader(bytes).bytes.length + 64; // after the header, its hash and its HMAC
    for (const cut of [headerEnd, headerEnd + 10, headerEnd + 36, bytes.length - 40, bytes.length - 1]) {
      expect(await outcome(() => read(bytes.subarray(0, cut))), `cut at ${cut}`).toBe('corrupt');
    }
    for (const at of [headerEnd + 3, headerEnd + 40, headerEnd + 100, bytes.length - 10]) {
      const flipped = Uint8Array.from(bytes);
      flipped[at]! ^= 0x80;
      expect(await outcome(() => read(flipped)), `flip at ${at}`).toBe('corrupt');
    }
  });

  it('Twofish and unknown ciphers are unsupported, with a plain message', async () => {
    const twofish = headerOnly({ cipher: Buffer.from('ad68f29f576f4bb9a36ad47af965346c', 'hex') });
    const error = await readKdbx(twofish, { password: 'pw', budget: new WorkBudget() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KdbxError);
    expect((error as KdbxError).kind).toBe('unsupported');
    expect((error as KdbxError).message).toMatch(/Twofish.*AES-256 or ChaCha20/);
    expect(await outcome(() => read(headerOnly({ cipher: new Uint8Array(16).fill(3) })))).toBe('unsupported');
  });
});

/** A KDBX 4 header (valid checksum, junk HMAC) with the given parts, and nothing after it. */
function headerOnly(parts: { cipher?: Uint8Array; kdf?: Map<string, VariantValue> }): Uint8Array {
  const header = writeHeader4({
    cipher: 'aes256',
    compressed: true,
    masterSeed: new Uint8Array(32),
    encryptionIv: new Uint8Array(16),
    kdfParameters:
      parts.kdf ??
      new Map<string, VariantValue>([
        ['$UUID', { type: 'bytes', value: KDF_AES_KDBX3 }],
        ['R', { type: 'u64', value: 1n }],
        ['S', { type: 'bytes', value: new Uint8Array(32) }],
      ]),
  });
  const withCipher = Uint8Array.from(header);
  if (parts.cipher) withCipher.set(parts.cipher, 12 + 5);
  return Uint8Array.from(
    Buffer.concat([
      withCipher,
      createHash('sha256').update(withCipher).digest(),
      new Uint8Array(32),
      new Uint8Array(36),
    ]),
  );
}

describe('the work budget', () => {
  const argon = (memory: bigint, iterations: bigint): Map<string, VariantValue> =>
    new Map<string, VariantValue>([
      ['$UUID', { type: 'bytes', value: KDF_ARGON2ID }],
      ['S', { type: 'bytes', value: new Uint8Array(32) }],
      ['P', { type: 'u32', value: 1 }],
      ['M', { type: 'u64', value: memory }],
      ['I', { type: 'u64', value: iterations }],
      ['V', { type: 'u32', value: 0x13 }],
    ]);

  it('hostile KDF parameters are too-large before any derivation', async () => {
    const cases: [string, Map<string, VariantValue>, string][] = [
      ['4 billion Argon2 passes', argon(1n << 20n, 0xffffffffn), 'too-large:kdf-work'],
      ['4 GiB of Argon2 memory', argon(4n << 30n, 1n), 'too-large:memory'],
      [
        '2⁶⁴−1 AES-KDF rounds',
        new Map<string, VariantValue>([
          ['$UUID', { type: 'bytes', value: KDF_AES_KDBX3 }],
          ['R', { type: 'u64', value: 0xffffffffffffffffn }],
          ['S', { type: 'bytes', value: new Uint8Array(32) }],
        ]),
        'too-large:kdf-work',
      ],
    ];
    for (const [name, kdf, want] of cases) {
      const start = performance.now();
      expect(await outcome(() => read(headerOnly({ kdf }))), name).toBe(want);
      expect(performance.now() - start, name).toBeLessThan(200);
    }
  });

  it('a database that unpacks past the memory bound is too-large (zlib stops there)', async () => {
    const bomb = await writeKdbxPayload(() => ' '.repeat(4 * 1024 * 1024), CHEAP);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const budget = new WorkBudget({ limits: { memory: 3 * 1024 * 1024 } });
    expect(await outcome(() => read(bomb, 'pw', budget))).toBe('too-large:memory');
  });

  it('XML nested deeper than the depth limit, or with too many elements, is too-large; a DOCTYPE is corrupt', async () => {
    const deep = `<KeePassFile><Root>${'<Group>'.repeat(80)}${'</Group>'.repeat(80)}</Root></KeePassFile>`;
    expect(await outcome(async () => read(await writeKdbxPayload(() => deep, CHEAP)))).toBe('too-large:json-depth');
    const many = `<KeePassFile><Root><Group>${'<X/>'.repeat(2000)}</Group></Root></KeePassFile>`;
    const budget = new WorkBudget({ limits: { 'xml-elements': 1000 } });
    expect(await outcome(async () => read(await writeKdbxPayload(() => many, CHEAP), 'pw', budget))).toBe(
      'too-large:xml-elements',
    );
    const doctype = '<!DOCTYPE x [<!ENTITY a "b">]><KeePassFile/>';
    expect(await outcome(async () => read(await writeKdbxPayload(() => doctype, CHEAP)))).toBe('corrupt');
  });

  it('XML that is not a KeePass database, or not XML, is corrupt', async () => {
    for (const xml of ['<Other/>', '<KeePassFile><Root>', 'not xml at all <<<', '']) {
      expect(await outcome(async () => read(await writeKdbxPayload(() => xml, CHEAP))), xml).toBe('corrupt');
    }
    const badProtected =
      '<KeePassFile><Root><Group><Entry><String><Key>otp</Key><Value Protected="True">!!</Value></String></Entry></Group></Root></KeePassFile>';
    expect(await outcome(async () => read(await writeKdbxPayload(() => badProtected, CHEAP)))).toBe('corrupt');
  });
});
