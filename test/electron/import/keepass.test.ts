// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The KeePass / KeePassXC importer (electron/import/keepass.ts) beyond its fixtures: detection, the
 * password questions, each place an entry may keep its one-time password and what wins, names,
 * groups, favourites and the recycle bin, refused files in plain words, the budget, and a fuzz of the
 * content after decryption (200 mutated XML payloads re-encrypted with a cheap KDF).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  detectFormat,
  ImportError,
  importFile,
  importFormat,
  WorkBudget,
  type ImportedEntry,
  type ImportResult,
} from '../../../electron/import';
import { WRONG_PASSWORD_MESSAGE } from '../../../electron/import/keepass';
import {
  writeKdbx,
  writeKdbxPayload,
  type KdbxWriteOptions,
  type WriteDatabase,
  type WriteEntry,
} from '../../../electron/kdbx';
import { keePassXml } from '../../../electron/kdbx/xml-write';
import { base32Encode } from '../../../electron/otp';
import { newTally, prober } from './fuzz-probe';
import { mutateBytes, prng, seedOf } from './mutate';

const FIXTURES = path.resolve(__dirname, '../../fixtures/import/keepass');
const CHEAP: KdbxWriteOptions = { password: 'pw', kdf: { kind: 'aes-kdf', rounds: 1 }, cipher: 'chacha20' };
const SECRET = 'JBSWY3DPEHPK3PXP';
const SECRET_HEX = Buffer.from('Hello!\u00de\u00ad\u00be\u00ef', 'latin1').toString('hex'); // JBSWY3DPEHPK3PXP
const keepass = importFormat('keepass');

type Fields = readonly (readonly [string, string, boolean?])[];
const entry = (fields: Fields, tags?: string[]): WriteEntry => ({
  fields: fields.map(([key, value, p]) => ({ key, value, protected: p === true })),
  ...(tags ? { tags } : {}),
});
const database = (entries: WriteEntry[], groups: WriteDatabase['root']['groups'] = []): WriteDatabase => ({
  generator: 'test',
  name: 'test',
  root: { name: 'Root', entries, groups },
});

async function importEntries(...entries: Fields[]): Promise<ImportResult> {
  const bytes = await writeKdbx(database(entries.map((f) => entry(f))), CHEAP);
  return importFile(bytes, { password: 'pw' });
}

const view = (e: ImportedEntry | undefined) =>
  e && {
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    secret: base32Encode(e.secret),
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
  };

/** What a person should never have to read (the words of test/electron/import/plain-words.test.ts). */
const DEVELOPER_WORDS = /'[\w$«»-]+'|base32|base64|wire type|protobuf|argon2|\bMiB\b/i;

describe('detection and the password', () => {
  const fixture = new Uint8Array(readFileSync(path.join(FIXTURES, 'kdbx4-argon2id-chacha20.kdbx')));

  it('recognises the KDBX signature from the content alone, and asks for a password', () => {
    expect(keepass.detect(fixture)).toBe(1);
    expect(detectFormat(fixture)?.format).toBe('keepass');
    expect(keepass.needsPassword(fixture)).toBe(true);
    expect(keepass.detect(fixture.subarray(0, 7))).toBe(0);
    expect(keepass.detect(new TextEncoder().encode('otpauth://totp/a?secret=JBSWY3DP'))).toBe(0);
    expect(keepass.detect(new Uint8Array(64))).toBe(0);
  });

  it('KeePass 1 (.kdb) and the KeePass 2 pre-release format are recognised, and refused in plain words', async () => {
    for (const [second, words] of [
      [0xb54bfb65, /KeePass 1 database \(\.kdb\)/],
      [0xb54bfb66, /pre-release of KeePass 2/],
    ] as const) {
      const head = Buffer.alloc(124);
      head.writeUInt32LE(0x9aa2d903, 0);
      head.writeUInt32LE(second, 4);
      const bytes = new Uint8Array(head);
      expect(keepass.detect(bytes)).toBe(0.9);
      expect(keepass.needsPassword(bytes)).toBe(false);
      const error = (await importFile(bytes, { password: 'pw' }).catch((e: unknown) => e)) as ImportError;
      expect(error).toBeInstanceOf(ImportError);
      expect(error.kind).toBe('unsupported');
      expect(error.message).toMatch(words);
      expect(error.message).not.toMatch(DEVELOPER_WORDS);
    }
  });

  it('a wrong password says a key file or a hardware key cannot be told apart from it', async () => {
    const error = (await importFile(fixture, { password: 'nope' }).catch((e: unknown) => e)) as ImportError;
    expect(error.kind).toBe('wrong-password');
    expect(error.message).toBe(WRONG_PASSWORD_MESSAGE);
    expect(error.message).toMatch(
      /key file or a hardware key.*Tessera cannot open it.*protected by the password alone/,
    );
    const missing = (await importFile(fixture).catch((e: unknown) => e)) as ImportError;
    expect(missing.kind).toBe('password-required');
  });

  it('damaged and unsupported files are refused in plain words, before the password is asked for', async () => {
    const cut = (await importFile(fixture.subarray(0, 100)).catch((e: unknown) => e)) as ImportError;
    expect(cut.kind).toBe('corrupt');
    const twofish = Uint8Array.from(fixture);
    twofish.set(Buffer.from('ad68f29f576f4bb9a36ad47af965346c', 'hex'), 17);
    const refused = (await importFile(twofish).catch((e: unknown) => e)) as ImportError;
    expect(refused.kind).toBe('unsupported');
    expect(refused.message).toMatch(/Twofish/);
    for (const e of [cut, refused]) expect(e.message).not.toMatch(DEVELOPER_WORDS);
  });
});

describe('where an entry keeps its one-time password', () => {
  it('KeePassXC’s otp link wins over the legacy and KeePass 2 fields', async () => {
    const r = await importEntries([
      ['Title', 'Example'],
      ['UserName', 'alice'],
      ['TOTP Seed', 'GEZDGNBVGY3TQOJQ', true],
      ['TimeOtp-Secret-Base32', 'GEZDGNBVGY3TQOJQ', true],
      ['otp', `otpauth://totp/Other:bob?secret=${SECRET}&period=60&digits=8&algorithm=SHA256&issuer=Other`, true],
    ]);
    expect(r.entries.map(view)).toEqual([
      {
        type: 'totp',
        issuer: 'Example',
        account: 'alice',
        secret: SECRET,
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
        counter: null,
      },
    ]);
  });

  it('names: Title and UserName first; the link’s names when they are empty; "none" is no account', async () => {
    const link = `otpauth://totp/Linked:carol?secret=${SECRET}&issuer=Linked`;
    const r = await importEntries(
      [['otp', link, true]],
      [
        ['Title', 'Shown'],
        ['otp', `otpauth://totp/Shown:none?secret=${SECRET}&issuer=Shown`, true],
      ],
      [
        ['Title', 'dave@example.com'],
        ['UserName', 'dave@example.com'],
        ['otp', `otpauth://totp/dave%40example.com?secret=${SECRET}`, true],
      ],
      [
        ['Title', 'erin@example.com'],
        ['UserName', 'erin@example.com'],
        ['otp', `otpauth://totp/Site:erin?secret=${SECRET}&issuer=Site`, true],
      ],
    );
    expect(r.entries.map((e) => [e.issuer, e.account])).toEqual([
      ['Linked', 'carol'],
      ['Shown', ''],
      ['', 'dave@example.com'],
      ['erin@example.com', 'erin@example.com'],
    ]);
  });

  it('legacy TOTP Seed and TOTP Settings, as KeePassXC reads them', async () => {
    const seed = (settings: string | null): Fields => [
      ['Title', `s ${settings}`],
      ['TOTP Seed', SECRET.toLowerCase(), true],
      ...(settings === null ? [] : [['TOTP Settings', settings] as const]),
    ];
    const r = await importEntries(seed(null), seed('60;8'), seed('45;S'), seed('30'), seed('x;y'), [
      ['Title', 'settings link'],
      ['TOTP Settings', `otpauth://totp/L:m?secret=${SECRET}&digits=7&issuer=L`],
    ]);
    expect(r.entries.map((e) => [e.type, e.digits, e.period])).toEqual([
      ['totp', 6, 30],
      ['totp', 8, 60],
      ['steam', 5, 30], // KeePassXC ignores the period of a Steam entry
      ['totp', 6, 30],
      ['totp', 7, 30],
    ]);
    expect(r.skipped).toEqual([
      expect.objectContaining({ label: 's x;y', reason: 'its one-time password settings are damaged in the file' }),
    ]);
  });

  it('KeePass 2.47+ TimeOtp-*: the secret’s four encodings in KeePass’s order, length, period, algorithm', async () => {
    const r = await importEntries(
      [
        ['Title', 'utf8 wins'],
        ['TimeOtp-Secret', '12345678901234567890', true],
        ['TimeOtp-Secret-Base32', SECRET, true],
      ],
      [
        ['Title', 'hex'],
        ['TimeOtp-Secret-Hex', SECRET_HEX.toUpperCase(), true],
        ['TimeOtp-Algorithm', 'hmac-sha-512'],
        ['TimeOtp-Length', '7'],
        ['TimeOtp-Period', '15'],
      ],
      [
        ['Title', 'base64'],
        ['TimeOtp-Secret-Base64', Buffer.from(SECRET_HEX, 'hex').toString('base64'), true],
      ],
      [
        ['Title', 'bad length'],
        ['TimeOtp-Secret-Base32', SECRET, true],
        ['TimeOtp-Length', 'six'],
      ],
      [
        ['Title', 'bad base64'],
        ['TimeOtp-Secret-Base64', '!!!', true],
      ],
      [
        ['Title', 'md5'],
        ['TimeOtp-Secret-Base32', SECRET, true],
        ['TimeOtp-Algorithm', 'HMAC-MD5'],
      ],
    );
    expect(r.entries.map(view)).toEqual([
      {
        type: 'totp',
        issuer: 'utf8 wins',
        account: '',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
      },
      {
        type: 'totp',
        issuer: 'hex',
        account: '',
        secret: SECRET,
        algorithm: 'SHA512',
        digits: 7,
        period: 15,
        counter: null,
      },
      {
        type: 'totp',
        issuer: 'base64',
        account: '',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
      },
    ]);
    expect(r.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['bad length', 'its one-time password settings are damaged in the file'],
      ['bad base64', 'its secret key is damaged in the file'],
      ['md5', 'its one-time password uses an algorithm Tessera does not support'],
    ]);
  });

  it('KeePass 2.47+ HmacOtp-*: HOTP, 6 digits, SHA-1, the counter as stored (0 when absent)', async () => {
    const r = await importEntries(
      [
        ['Title', 'h1'],
        ['HmacOtp-Secret-Base32', SECRET, true],
        ['HmacOtp-Counter', '42'],
      ],
      [
        ['Title', 'h2'],
        ['HmacOtp-Secret-Hex', SECRET_HEX, true],
      ],
    );
    expect(r.entries.map((e) => [e.type, e.digits, e.algorithm, e.counter, base32Encode(e.secret)])).toEqual([
      ['hotp', 6, 'SHA1', 42, SECRET],
      ['hotp', 6, 'SHA1', 0, SECRET],
    ]);
  });

  it('the KeeOtp plugin’s otp settings: encodings, %3d, HOTP, defaults for numbers that do not parse', async () => {
    const r = await importEntries(
      [
        ['Title', 'k1'],
        ['otp', `key=${SECRET}&step=60&size=8&otpHashMode=Sha512`, true],
      ],
      [
        ['Title', 'k2'],
        ['otp', `key=${Buffer.from(SECRET_HEX, 'hex').toString('base64').replace(/=/g, '%3d')}&encoding=Base64`, true],
      ],
      [
        ['Title', 'k3'],
        ['otp', `key=${SECRET_HEX}&encoding=Hex&type=Hotp&counter=9`, true],
      ],
      [
        ['Title', 'k4'],
        ['otp', 'KEY=12345678901234567890&ENCODING=UTF8&STEP=abc', true],
      ],
      [
        ['Title', 'k5'],
        ['otp', `key=${SECRET}&encoding=Base85`, true],
      ],
    );
    expect(r.entries.map(view)).toEqual([
      {
        type: 'totp',
        issuer: 'k1',
        account: '',
        secret: SECRET,
        algorithm: 'SHA512',
        digits: 8,
        period: 60,
        counter: null,
      },
      {
        type: 'totp',
        issuer: 'k2',
        account: '',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
      },
      {
        type: 'hotp',
        issuer: 'k3',
        account: '',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 6,
        period: null,
        counter: 9,
      },
      {
        type: 'totp',
        issuer: 'k4',
        account: '',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
      },
    ]);
    expect(r.skipped.map((s) => s.label)).toEqual(['k5']);
  });

  it('an otp field in no known form is skipped with the reason; entries without OTP are passed over', async () => {
    const r = await importEntries(
      [
        ['Title', 'bare'],
        ['otp', SECRET, true],
      ],
      [
        ['Title', 'password only'],
        ['Password', 'hunter2', true],
        ['URL', 'https://example.com'],
      ],
      [
        ['Title', 'empty otp'],
        ['otp', '', true],
      ],
    );
    expect(r.entries).toEqual([]);
    expect(r.skipped).toEqual([
      expect.objectContaining({
        label: 'bare',
        reason: 'its one-time password is stored in a form Tessera does not know',
      }),
    ]);
  });
});

describe('names, groups, favourites and the recycle bin', () => {
  it('the group path below the root and the other tags as tags, notes, and the Favourite tag (either spelling)', async () => {
    const link = (n: string): Fields => [
      ['Title', n],
      ['otp', `otpauth://totp/${n}:user?secret=${SECRET}`, true],
    ];
    const bytes = await writeKdbx(
      database(
        [entry([...link('root'), ['Notes', 'two\nlines']], ['favorite'])],
        [
          {
            name: 'Work',
            entries: [entry(link('work'), ['Favourite', 'x'])],
            groups: [{ name: 'Ünï 例', entries: [entry(link('deep'), ['fav'])], groups: [] }],
          },
        ],
      ),
      CHEAP,
    );
    const r = await importFile(bytes, { password: 'pw' });
    expect(r.entries.map((e) => [e.issuer, e.tags ?? [], e.favourite ?? false, e.notes ?? ''])).toEqual([
      ['root', [], true, 'two\nlines'],
      ['work', ['Work', 'x'], true, ''],
      ['deep', ['Work/Ünï 例', 'fav'], false, ''],
    ]);
  });

  it('entries with an OTP in the recycle bin (and its subgroups) are skipped; the others there are passed over', async () => {
    const xml = `<KeePassFile><Meta><RecycleBinUUID>AAAAAAAAAAAAAAAAAAAAAg==</RecycleBinUUID></Meta><Root><Group>
      <UUID>AAAAAAAAAAAAAAAAAAAAAQ==</UUID><Name>Root</Name>
      <Group><UUID>AAAAAAAAAAAAAAAAAAAAAg==</UUID><Name>Recycle Bin</Name>
        <Entry><String><Key>Title</Key><Value>gone</Value></String><String><Key>otp</Key><Value>otpauth://totp/g?secret=${SECRET}</Value></String></Entry>
        <Entry><String><Key>Title</Key><Value>gone password</Value></String></Entry>
        <Group><UUID>AAAAAAAAAAAAAAAAAAAAAw==</UUID><Name>Old</Name>
          <Entry><String><Key>Title</Key><Value>gone deeper</Value></String><String><Key>TOTP Seed</Key><Value>${SECRET}</Value></String></Entry>
        </Group>
      </Group>
      <Entry><String><Key>Title</Key><Value>kept</Value></String><String><Key>otp</Key><Value>otpauth://totp/k?secret=${SECRET}</Value></String></Entry>
    </Group></Root></KeePassFile>`;
    const r = await importFile(await writeKdbxPayload(() => xml, CHEAP), { password: 'pw' });
    expect(r.entries.map((e) => e.issuer)).toEqual(['kept']);
    expect(r.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['gone', 'it is in KeePass’s recycle bin (deleted there)'],
      ['gone deeper', 'it is in KeePass’s recycle bin (deleted there)'],
    ]);
  });
});

describe('budget', () => {
  it('a KDF past the keepass ceiling is too-large before deriving; the message names no developer words', async () => {
    // A file with a real hostile cost is tested in test/electron/kdbx/codec.test.ts; here the ceiling is lowered.
    const cheap = await writeKdbx(database([]), CHEAP);
    const budget = new WorkBudget({
      kdf: {
        keepass: { app: 'KeePass', defaults: '', legitimateMemoryBytes: 0, legitimateWork: 10, margin: 1, why: 'test' },
      },
    });
    const error = (await importFile(cheap, { password: 'pw', budget }).catch((e: unknown) => e)) as ImportError;
    expect(error.kind).toBe('too-large');
    expect(error.message).not.toMatch(DEVELOPER_WORDS);
  });
});

describe('fuzzing the content after decryption', () => {
  /** A database with every kind of OTP field, protected values and a history, as KeePass XML. */
  const rich: WriteDatabase = database(
    [
      entry([
        ['Title', 'Example'],
        ['UserName', 'alice'],
        ['Password', 'pw1', true],
        ['otp', `otpauth://totp/Example:alice?secret=${SECRET}&digits=8`, true],
      ]),
      entry([
        ['Title', 'Legacy'],
        ['TOTP Seed', 'GEZDGNBVGY3TQOJQ', true],
        ['TOTP Settings', '30;S'],
      ]),
      entry([
        ['Title', 'KeePass'],
        ['TimeOtp-Secret-Hex', SECRET_HEX, true],
        ['TimeOtp-Algorithm', 'HMAC-SHA-256'],
      ]),
      entry([
        ['Title', 'HOTP'],
        ['HmacOtp-Secret-Base32', SECRET, true],
        ['HmacOtp-Counter', '3'],
      ]),
      entry([
        ['Title', 'KeeOtp'],
        ['otp', `key=${SECRET}&type=Hotp&counter=2`, true],
      ]),
    ],
    [
      {
        name: 'Group',
        entries: [
          entry([
            ['Title', 'In group'],
            ['otp', `otpauth://steam/S?secret=${SECRET}`, true],
          ]),
        ],
        groups: [],
      },
    ],
  );

  const WEIRD = [
    '',
    ' ',
    'x'.repeat(3000),
    '&amp;',
    '<',
    'True',
    'False',
    '-1',
    '99999999999',
    '\u202e',
    'otpauth://',
    'key=',
    '====',
    '30;S',
  ];

  /** One XML-aware mutation: drop, duplicate or retext an element, flip a Protected flag; or byte damage. */
  function mutateXml(xml: string, rnd: () => number): string {
    const tags = [...xml.matchAll(/<([A-Za-z]+)(?: [^>]*)?>[^<]*<\/\1>/g)];
    const pick = tags[Math.floor(rnd() * tags.length)];
    const choice = rnd();
    if (pick === undefined || choice < 0.3) {
      return new TextDecoder().decode(mutateBytes(new TextEncoder().encode(xml), rnd));
    }
    const [whole] = pick;
    const at = pick.index ?? 0;
    let replacement: string;
    if (choice < 0.45) replacement = '';
    else if (choice < 0.6) replacement = whole + whole;
    else if (choice < 0.75)
      replacement = whole.replace(' Protected="True"', '').replace('<Value>', '<Value Protected="True">');
    else replacement = whole.replace(/>[^<]*</, `>${WEIRD[Math.floor(rnd() * WEIRD.length)] ?? ''}<`);
    return xml.slice(0, at) + replacement + xml.slice(at + whole.length);
  }

  it('200 mutated payloads re-encrypted with a cheap KDF: only ImportError or valid entries, no secret in a message', async () => {
    const probe = prober(new Set([SECRET, 'GEZDGNBVGY3TQOJQ']));
    const rnd = prng(seedOf(`${process.env.TESSERA_FUZZ_SEED ?? ''}keepass content`));
    const tally = newTally();
    const now = new Date(0);
    for (let i = 0; i < 200; i++) {
      const file = await writeKdbxPayload((stream) => {
        let xml = keePassXml(rich, { stream, random: (n) => new Uint8Array(n).fill(i & 0xff), now });
        const rounds = 1 + Math.floor(rnd() * 3);
        for (let m = 0; m < rounds; m++) xml = mutateXml(xml, rnd);
        return xml;
      }, CHEAP);
      await probe(`keepass content #${i}`, () => importFile(file, { password: 'pw', format: 'keepass' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(20);
    expect(Object.keys(tally.errors).every((k) => k === 'corrupt' || k === 'too-large')).toBe(true);
  });
});
