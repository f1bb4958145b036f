// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Authy's variants beyond the fixtures (electron/import/authy.ts, docs/formats.md §8): both token
 * stores, Aegis's naming rules, a store mixing encrypted and plain tokens, wrong passwords, and a
 * fuzz of the token list behind the encryption (Authy's 1,000 PBKDF2 iterations cost milliseconds).
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, ImportError, importFile } from '../../../electron/import';
import { base32Encode } from '../../../electron/otp';
import { mutateJson } from './mutate';
import { newTally, prober } from './fuzz-probe';
import { prng, seedOf } from './mutate';
import { authyEncryptedToken } from './writers';

const te = new TextEncoder();
const AUTHENTICATOR = 'com.authy.storage.tokens.authenticator.key';
const AUTHY = 'com.authy.storage.tokens.authy.key';
const prefs = (key: string, tokens: unknown): Uint8Array =>
  te.encode(
    `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n    <string name="${key}">${JSON.stringify(tokens).replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</string>\n</map>\n`,
  );
const kind = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof ImportError ? e.kind : `not an ImportError: ${String(e)}`),
  );

describe('Authy variants', () => {
  it('names issuer and account as Aegis does (originalIssuer, originalName, "Issuer - ", account type)', async () => {
    const tokens = [
      {
        accountType: 'authenticator',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 6,
        originalIssuer: 'Example',
        originalName: 'Other:alice',
        name: 'Example: alice',
      },
      {
        accountType: 'authenticator',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 6,
        originalName: 'Forge:bob',
        name: 'Forge:bob',
      },
      {
        accountType: 'authenticator',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 7,
        originalName: 'carol',
        name: 'Shop - carol',
      },
      {
        accountType: 'gmail',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 8,
        originalName: 'dave',
        name: 'dave@example.com',
      },
    ];
    const result = await importFile(prefs(AUTHENTICATOR, tokens));
    expect(result.variant).toBe('internal storage (shared_prefs XML)');
    expect(result.entries.map((e) => [e.issuer, e.account, e.digits, e.period])).toEqual([
      ['Example', 'alice', 6, 30],
      ['Forge', 'bob', 6, 30],
      ['Shop', 'carol', 7, 30],
      ['Gmail', 'dave@example.com', 8, 30],
    ]);
  });

  it('reads the store of sites using Authy: hex seeds, the site as issuer, 10-second codes', async () => {
    const file = prefs(AUTHY, [
      { accountType: 'authy', digits: 7, name: 'Example Cloud', secretSeed: '00112233445566778899aabbccddeeff' },
    ]);
    expect(detectFormat(file)?.format).toBe('authy');
    const result = await importFile(file);
    expect(result.variant).toBe('internal storage, accounts of sites using Authy (shared_prefs XML)');
    expect(result.entries.map((e) => [e.issuer, e.account, e.digits, e.period, base32Encode(e.secret)])).toEqual([
      ['Example Cloud', '', 7, 10, 'AAISEM2EKVTHPCEZVK54ZXPO74'],
    ]);
  });

  it('a store mixing encrypted and plain tokens reads both with the password; a wrong one opens none', async () => {
    const tokens = [
      {
        accountType: 'authenticator',
        decryptedSecret: 'JBSWY3DPEHPK3PXP',
        digits: 6,
        originalName: 'A:a',
        name: 'A: a',
      },
      {
        accountType: 'authenticator',
        encryptedSecret: authyEncryptedToken('KRSXG5CTMVRXEZLU', 'pw', 'salt1234'),
        salt: 'salt1234',
        digits: 6,
        originalName: 'B:b',
        name: 'B: b',
      },
    ];
    const file = prefs(AUTHENTICATOR, tokens);
    expect(await kind(importFile(file))).toBe('password-required');
    expect(await kind(importFile(file, { password: 'nope' }))).toBe('wrong-password');
    const result = await importFile(file, { password: 'pw' });
    expect(result.variant).toBe('internal storage, encrypted accounts (shared_prefs XML)');
    expect(result.entries.map((e) => base32Encode(e.secret))).toEqual(['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU']);
  });

  it('is detected by one of its two keys in a shared_prefs map, not by other preferences', () => {
    expect(detectFormat(prefs('com.authy.storage.other', []))).toBeNull();
    expect(
      detectFormat(te.encode('<map><string name="x">com.authy.storage.tokens.authenticator.key</string></map>'))
        ?.format,
    ).toBe('authy');
  });

  it('behind the encryption: 200 mutated token lists (seeded) never crash, hang or leak', async () => {
    const secrets = ['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ'];
    const token = (s: string, i: number): Record<string, unknown> => ({
      accountType: 'authenticator',
      encryptedSecret: authyEncryptedToken(s, 'pw', `salt-${i}`),
      salt: `salt-${i}`,
      digits: 6,
      originalName: `Issuer${i}:acct${i}`,
      name: `Issuer${i}: acct${i}`,
    });
    const text = JSON.stringify(secrets.map(token));
    const probe = prober(new Set(secrets));
    const rnd = prng(seedOf('authy content'));
    const tally = newTally();
    for (let i = 0; i < 200; i++) {
      const mutated = mutateJson(text, rnd) ?? text;
      await probe(
        `authy #${i}`,
        () => importFile(prefs(AUTHENTICATOR, JSON.parse(mutated)), { password: 'pw' }),
        tally,
      );
    }
    expect(tally.ok).toBeGreaterThan(0);
  });
});
