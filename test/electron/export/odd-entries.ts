// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Random vault entries with awkward names, for the round trips of the exports to other apps (2FAS,
 * Bitwarden, Ente Auth): unicode, colons, percent signs, commas, ampersands, `#`, `+`, quotes, an
 * empty issuer or an empty account (never both, as the vault refuses that), and names, tags and
 * notes already in the vault's form (trimmed, no control characters), so an exact round trip is
 * possible. Also a small base32 decoder and entry views for the independent readers.
 */
import fc from 'fast-check';
import type { ExportEntry } from '../../../electron/export';

const CHARS = [
  ...'abcXYZ019',
  'é',
  'ß',
  'Ω',
  '日',
  '本',
  '🔐',
  ':',
  '%',
  '&',
  '#',
  '+',
  '=',
  ',',
  '?',
  '/',
  '"',
  "'",
  '@',
  '.',
  '-',
  ';',
  '~',
  '*',
  '[',
  ' ',
];

/** A name as the vault stores it: 1–16 characters, trimmed, not empty. */
export const oddName: fc.Arbitrary<string> = fc
  .array(fc.constantFrom(...CHARS), { minLength: 1, maxLength: 16 })
  .map((chars) => chars.join('').trim())
  .filter((s) => s !== '');

const otp = fc.oneof(
  fc.record({
    type: fc.constant('totp' as const),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
    digits: fc.constantFrom(6, 8, 7, 5, 10),
    period: fc.constantFrom(30, 60, 90, 10, 15, 45, 3600),
    counter: fc.constant(null),
  }),
  fc.record({
    type: fc.constant('hotp' as const),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const),
    digits: fc.constantFrom(6, 8),
    period: fc.constant(null),
    counter: fc.oneof(fc.nat({ max: 1_000_000 }), fc.constantFrom(0, 2 ** 31 - 1, 2 ** 31, 2 ** 53 - 1)),
  }),
  fc.record({
    type: fc.constant('steam' as const),
    algorithm: fc.constant('SHA1' as const),
    digits: fc.constant(5),
    period: fc.constant(30),
    counter: fc.constant(null),
  }),
);

export const oddEntryArb: fc.Arbitrary<ExportEntry> = fc
  .record({
    otp,
    issuer: fc.oneof(oddName, fc.constant('')),
    account: fc.oneof(oddName, fc.constant('')),
    secret: fc.uint8Array({ minLength: 1, maxLength: 48 }),
    tags: fc.shuffledSubarray(['Work', 'Privé, 日本', 'a:b & c%20', 'Second'], { maxLength: 3 }),
    notes: fc.constantFrom('', 'recovery codes in the safe', 'line 1\nline 2, with a comma & 100% “quotes”'),
    favourite: fc.boolean(),
  })
  .filter((e) => e.issuer !== '' || e.account !== '')
  .map(({ otp: o, ...rest }) => ({ ...o, ...rest }));

export const oddVaultArb = fc.array(oddEntryArb, { minLength: 1, maxLength: 12 });

/** What the views read: an exported entry or an imported one. */
export type Viewable = Pick<
  ExportEntry,
  'type' | 'issuer' | 'account' | 'algorithm' | 'digits' | 'period' | 'counter' | 'secret'
> & {
  readonly tags?: readonly string[] | undefined;
  readonly notes?: string | undefined;
  readonly favourite?: boolean | undefined;
};

/** The code parameters, names and secret of an entry (what every account export must keep). */
export function codeView(e: Viewable): Record<string, unknown> {
  return {
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.type === 'hotp' ? null : e.period,
    counter: e.type === 'hotp' ? e.counter : null,
    secret: Buffer.from(e.secret).toString('hex'),
  };
}

/** codeView plus the metadata: tags (in order; none is []), notes and favourite. */
export function fullView(e: Viewable): Record<string, unknown> {
  return { ...codeView(e), tags: [...(e.tags ?? [])], notes: e.notes ?? '', favourite: e.favourite ?? false };
}

/** The tags a format with one folder or group per account keeps: the first. */
export const firstTag = (e: Viewable): string[] => (e.tags ?? []).slice(0, 1);

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (no padding expected, upper case) to hex: every full 8 bits, as the apps read it. */
export function base32Hex(text: string): string {
  let bits = '';
  for (const c of text.toUpperCase()) {
    const v = ALPHABET.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes).toString('hex');
}
