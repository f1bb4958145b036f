// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * TOTP Authenticator beyond the fixtures: detection on positive evidence only (texts that are not
 * canonical base64 of whole AES blocks never match, whatever their name), the app's built-in
 * password, internal storage that is damaged, the budget, and a fuzz of the content after decryption.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectCandidates, detectFormat, ImportError, importFile, WorkBudget } from '../../../electron/import';
import { ciphertextOf, totpAuthenticatorFormat } from '../../../electron/import/totp-authenticator';
import { mutate, newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';

const te = new TextEncoder();
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

const SECRET_HEX = '0123456789abcdef0123456789abcdef01234567';
const entry = (issuer: string, name: string, extra: Record<string, unknown> = {}) => ({
  base: 16,
  key: SECRET_HEX,
  issuer,
  name,
  digits: '6',
  period: '30',
  ...extra,
});
const plaintext = (list: readonly unknown[]): string => JSON.stringify({ [JSON.stringify(list)]: '1700000000' });
function encrypt(text: string | Uint8Array, password: string): Buffer {
  const key = createHash('sha256').update(password, 'utf8').digest();
  const c = createCipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return Buffer.concat([c.update(text), c.final()]);
}
const exportFile = (text: string | Uint8Array, password: string): Uint8Array =>
  te.encode(encrypt(text, password).toString('base64'));

describe('TOTP Authenticator: detection on positive evidence only', () => {
  const notBase64OfBlocks: Readonly<Record<string, string>> = {
    'a shopping list': 'Milk\nEggs\nBread\nButter\nApples\nCheese\nCoffee\nTea\nRice\nPasta\nSalt\nSugar\n',
    'a shopping list with quantities': 'Milk 2L\nEggs x12\nBread\nButter 250g\n',
    'one word per line that happens to be base64 when joined':
      'Abcd\nEfgh\nIjkl\nMnop\nQrst\nUvwx\nYz01\n2345\n6789\nAbcd\nEfgh\nIjkl\nMnop\nQrst\nUvwx\nYz01\n',
    'a long word without digits': 'Donaudampfschifffahrtselektrizitaetenhauptbetriebswerkbauunterbeamtengesellschaft',
    'digits only': '1234567890123456789012345678901234567890123456789012345678901234',
    'base64 of 40 bytes (not whole blocks)': Buffer.from('x'.repeat(30) + '0123456789').toString('base64'),
    'base64 of 16 bytes (one block)': Buffer.alloc(16, 0x41).toString('base64'),
    'non-canonical padding bits': `${Buffer.alloc(32, 7).toString('base64').slice(0, -2)}B=`,
    'base64 of whole blocks wrapped at 76 (a MIME dump)': `${(
      Buffer.alloc(96, 9)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\n')}\n`,
    'base64 of whole blocks wrapped at 64 (a PEM body)': (
      Buffer.alloc(96, 9)
        .toString('base64')
        .match(/.{1,64}/g) ?? []
    ).join('\n'),
    'a PEM block': `-----BEGIN DATA-----\n${Buffer.alloc(48, 3).toString('base64')}\n-----END DATA-----\n`,
    'a URL-safe token': Buffer.from(Array.from({ length: 48 }, (_, i) => (i * 37) & 0xff)).toString('base64url'),
  };
  for (const [what, text] of Object.entries(notBase64OfBlocks)) {
    it(`${what}: not recognised, whatever the name`, async () => {
      const bytes = te.encode(text);
      expect(ciphertextOf(bytes)).toBeNull();
      expect(totpAuthenticatorFormat.detect(bytes)).toBe(0);
      expect(detectCandidates(bytes, 'totp_authenticator.bin').map((c) => c.format)).not.toContain(
        'totp-authenticator',
      );
      if (detectFormat(bytes, 'totp_authenticator.bin') === null) {
        expect(await kind(importFile(bytes, { fileName: 'totp_authenticator.bin' }))).toBe('unknown-format');
      }
    });
  }

  it('one line as the app writes it, with or without a final line feed: strong structural evidence (0.5–0.9)', () => {
    const data = encrypt(plaintext([entry('Example', 'alice')]), 'pw');
    const oneLine = te.encode(data.toString('base64'));
    const withLineFeed = te.encode(`${data.toString('base64')}\r\n`);
    for (const bytes of [oneLine, withLineFeed]) {
      const score = totpAuthenticatorFormat.detect(bytes);
      expect(score).toBeGreaterThanOrEqual(0.5);
      expect(score).toBeLessThan(0.9);
      expect(detectFormat(bytes)?.format).toBe('totp-authenticator');
    }
  });

  it('internal storage: unmistakable by its preference, not by the map alone', () => {
    const prefs = (body: string): Uint8Array =>
      te.encode(`<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${body}\n</map>\n`);
    const list = JSON.stringify([entry('Example', 'alice')]).replace(/"/g, '&quot;');
    expect(totpAuthenticatorFormat.detect(prefs(`<string name="STATIC_TOTP_CODES_LIST">${list}</string>`))).toBe(0.95);
    expect(totpAuthenticatorFormat.detect(prefs('<string name="SORT_ACCOUNT_BY">CUSTOM</string>'))).toBe(0);
    expect(totpAuthenticatorFormat.detect(te.encode(`STATIC_TOTP_CODES_LIST ${list}`))).toBe(0);
  });
});

describe('TOTP Authenticator: passwords', () => {
  const list = [entry('Example', 'alice', { isFavorite: true })];

  it('a backup under the built-in password opens without asking; a given password is the only one tried', async () => {
    const file = exportFile(plaintext(list), 'TotpAuthenticator');
    expect(totpAuthenticatorFormat.needsPassword(file)).toBe(false);
    const result = await importFile(file);
    expect(result.variant).toBe('encrypted export (the app’s built-in password)');
    expect(result.entries.map((e) => [e.issuer, e.account, e.favourite])).toEqual([['Example', 'alice', true]]);
    expect(await kind(importFile(file, { password: 'not it' }))).toBe('wrong-password');
  });

  it('a backup under a password of the user: asked for, wrong ones refused', async () => {
    const file = exportFile(plaintext(list), 'Example-pass');
    expect(totpAuthenticatorFormat.needsPassword(file)).toBe(true);
    expect(await kind(importFile(file))).toBe('password-required');
    expect(await kind(importFile(file, { password: 'TotpAuthenticator' }))).toBe('wrong-password');
    expect((await importFile(file, { password: 'Example-pass' })).variant).toBe('encrypted export');
  });

  it('an empty export opens to no entries; a decryption that is not the app’s JSON is a wrong password', async () => {
    expect((await importFile(exportFile(plaintext([]), 'pw'), { password: 'pw' })).entries).toEqual([]);
    expect(await kind(importFile(exportFile('[1,2,3,4,5,6,7,8,9,10]', 'pw'), { password: 'pw' }))).toBe(
      'wrong-password',
    );
    expect(await kind(importFile(exportFile('{"not a list":1}', 'pw'), { password: 'pw' }))).toBe('wrong-password');
  });

  it('reads hex, base32 and base64 keys, skips unknown encodings and damaged keys with a plain reason', async () => {
    const file = exportFile(
      plaintext([
        entry('A', 'a'),
        entry('B', 'b', { base: 32, key: 'JBSWY3DPEHPK3PXP' }),
        entry('C', 'c', { base: 64, key: 'SGVsbG8hIQ==' }),
        entry('D', 'd', { base: 8 }),
        entry('E', 'e', { key: 'not hex' }),
        '{not json',
      ]),
      'pw',
    );
    const result = await importFile(file, { password: 'pw' });
    expect(result.entries.map((e) => e.issuer)).toEqual(['A', 'B', 'C']);
    expect(result.entries.every((e) => e.digits === 6 && e.period === 30 && e.algorithm === 'SHA1')).toBe(true);
    expect(result.skipped.map((s) => [s.label, s.reason])).toEqual([
      ['D (d)', 'its secret key is written in a way Tessera does not know (base 8)'],
      ['E (e)', 'its secret key is damaged in the file'],
      ['entry 6', 'the entry is not a JSON object'],
    ]);
  });
});

describe('TOTP Authenticator: damaged internal storage and the budget', () => {
  const xml = (value: string): Uint8Array =>
    te.encode(
      `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n<string name="STATIC_TOTP_CODES_LIST">${value}</string>\n</map>\n`,
    );

  it('refuses a value that is not a JSON list, and a DOCTYPE', async () => {
    expect(await kind(importFile(xml('[{&quot;base&quot;')))).toBe('corrupt');
    expect(await kind(importFile(xml('{}')))).toBe('corrupt');
    const doctype = te.encode(
      `<?xml version='1.0'?>\n<!DOCTYPE map [<!ENTITY x "y">]>\n<map><string name="STATIC_TOTP_CODES_LIST">[]</string></map>`,
    );
    expect(await kind(importFile(doctype, { format: 'totp-authenticator' }))).toBe('corrupt');
  });

  it('refuses a file past the accounts limit by name', async () => {
    const list = JSON.stringify(Array.from({ length: 5 }, (_, i) => entry('E', `n${i}`))).replace(/"/g, '&quot;');
    const budget = new WorkBudget({ limits: { accounts: 3 } });
    await expect(importFile(xml(list), { budget })).rejects.toMatchObject({
      kind: 'too-large',
      limit: { name: 'accounts' },
    });
  });

  it('charges the password’s SHA-256 to the KDF ceiling', async () => {
    const file = exportFile(plaintext([entry('A', 'a')]), 'pw');
    const budget = new WorkBudget({
      kdf: {
        'totp-authenticator': {
          app: 'TOTP Authenticator',
          defaults: 'x',
          legitimateMemoryBytes: 0,
          legitimateWork: 1,
          margin: 1,
          why: 'test',
        },
      },
    });
    await expect(importFile(file, { password: 'pw', budget })).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('refuses damaged base64 as corrupt when read as this format', async () => {
    expect(await kind(importFile(te.encode('Milk\nEggs\n'), { format: 'totp-authenticator', password: 'x' }))).toBe(
      'corrupt',
    );
  });
});

describe('TOTP Authenticator after decryption (fuzz)', () => {
  it('200 mutated plaintexts, re-encrypted: only ImportError or valid entries', async () => {
    const text = te.encode(
      plaintext([entry('Example', 'alice'), entry('Other', 'bob', { base: 32, key: 'JBSWY3DPEHPK3PXP' })]),
    );
    const probe = prober(new Set(['AERUKZ4JVPG66AJDIVTYTK6N54ASGRLHRE', 'JBSWY3DPEHPK3PXP']));
    const rnd = prng(seedOf('totp-authenticator content'));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const file = exportFile(mutate(text, rnd), 'pw');
      await probe(`totp-authenticator content #${i}`, () => importFile(file, { password: 'pw' }), tally);
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
