// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the tests of the exports to other apps (2FAS, Bitwarden, Ente Auth) share: the sample
 * entries each starts from, a counting stand-in for the CSPRNG, and the read-back through Tessera's
 * own importer.
 */
import { expect } from 'vitest';
import type { ExportEntry } from '../../../electron/export';
import { importFile, type ImportOptions } from '../../../electron/import';
import { fullView } from './odd-entries';

/** A secret easy to tell apart: `length` bytes of `seed`. */
export const filledSecret = (seed: number, length = 20): Uint8Array => new Uint8Array(length).fill(seed);

/**
 * The sample accounts: a TOTP account with every field, an HOTP one, a Steam one and one without an
 * issuer (whose account has a colon). Each test spreads them with what its format needs.
 */
export const SAMPLE: Readonly<Record<'github' | 'bank' | 'steam' | 'noIssuer', ExportEntry>> = {
  github: {
    type: 'totp',
    issuer: 'GitHub',
    account: 'alice@example.com',
    algorithm: 'SHA256',
    digits: 8,
    period: 60,
    counter: null,
    secret: filledSecret(1),
    tags: ['Work', 'Code'],
    notes: 'recovery codes in the safe',
    favourite: true,
  },
  bank: {
    type: 'hotp',
    issuer: 'Bank',
    account: 'alice',
    algorithm: 'SHA1',
    digits: 6,
    period: null,
    counter: 42,
    secret: filledSecret(2),
  },
  steam: {
    type: 'steam',
    issuer: 'Steam',
    account: 'gamer',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: null,
    secret: filledSecret(3),
  },
  noIssuer: {
    type: 'totp',
    issuer: '',
    account: 'bob:home',
    algorithm: 'SHA512',
    digits: 6,
    period: 30,
    counter: null,
    secret: filledSecret(4),
  },
};

/** A deterministic CSPRNG stand-in: counts up, so every salt, IV and id differs. */
export function countingRandom(): (n: number) => Uint8Array {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

/** Tessera's importer reads `bytes` as `format` and skips nothing: the entries it gives, as fullView. */
export async function importedViews(
  bytes: Uint8Array,
  format: string,
  options?: ImportOptions,
): Promise<Record<string, unknown>[]> {
  const result = await importFile(bytes, options);
  expect(result.format).toBe(format);
  expect(result.skipped).toEqual([]);
  return result.entries.map(fullView);
}
