// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Base32Error, base32Decode, base32Encode } from '../../../electron/otp';

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** RFC 4648 §10 test vectors (padding stripped for the encoder, which writes none). */
const RFC4648 = [
  ['', ''],
  ['f', 'MY======'],
  ['fo', 'MZXQ===='],
  ['foo', 'MZXW6==='],
  ['foob', 'MZXW6YQ='],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI======'],
] as const;

describe('base32', () => {
  it.each(RFC4648)('RFC 4648 §10: %j ↔ %s', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded.replace(/=+$/, ''));
    expect(base32Decode(encoded)).toEqual(ascii(plain));
    expect(base32Decode(encoded.replace(/=+$/, ''))).toEqual(ascii(plain));
  });

  it.each([
    ['lower case', 'jbswy3dpehpk3pxp'],
    ['mixed case', 'JbSwY3dPeHpK3pXp'],
    ['spaces in groups of 4', 'JBSW Y3DP EHPK 3PXP'],
    ['hyphens', 'JBSW-Y3DP-EHPK-3PXP'],
    ['tabs, newlines and surrounding space', ' JBSWY3DP\tEHPK\n3PXP \r\n'],
    ['padding', 'JBSWY3DPEHPK3PXP======'],
    ['lower case with spaces and hyphens', 'jbsw y3dp-ehpk 3pxp'],
  ])('lenient: %s', (_name, text) => {
    expect(hex(base32Decode(text))).toBe('48656c6c6f21deadbeef');
  });

  describe('invalid-length tails: leftover bits are dropped (docs/formats.md §7.3)', () => {
    it.each([
      // L mod 8 = 1, 3, 6 are not valid strict RFC 4648 lengths; they decode to floor(5L/8) bytes.
      ['A', ''],
      ['MZX', '66'],
      ['MZXW6Y', '666f6f'],
      ['MZXW6YTBO', '666f6f6261'],
    ])('%s → %s', (text, bytes) => {
      expect(hex(base32Decode(text))).toBe(bytes);
    });

    it('non-zero trailing bits are accepted: ABCB and ABCA decode to the same bytes', () => {
      expect(hex(base32Decode('ABCB'))).toBe('0044');
      expect(base32Decode('ABCB')).toEqual(base32Decode('ABCA'));
      expect(base32Encode(base32Decode('ABCB'))).toBe('ABCA');
    });
  });

  it.each([
    ['digit 0', 'JBSW0Y3DP', 5],
    ['digit 1', '1JBSW', 1],
    ['digit 8', 'JBS8', 4],
    ['plus', 'JB+SW', 3],
    ['slash', 'JBSW/', 5],
    ['padding in the middle', 'MY==MZXQ', 3],
    ['non-ASCII', 'JBSWÄ', 5],
    ['emoji', 'JB😀', 3],
  ])('strict: %s is refused with its position', (_name, text, position) => {
    let caught: unknown;
    try {
      base32Decode(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Base32Error);
    expect((caught as Base32Error).index).toBe(position - 1);
    expect((caught as Error).message).toContain(`position ${position}`);
  });

  it('error messages never repeat the valid part of the secret', () => {
    expect(() => base32Decode('JBSWY3DPEHPK3PX!')).toThrow(/^'!' at position 16 is not a base32 character/);
    expect(() => base32Decode('JBSWY3DPEHPK3PX!')).not.toThrow(/JBSW/);
  });

  it('round trip: decode(encode(bytes)) = bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const text = base32Encode(bytes);
        expect(text).toMatch(/^[A-Z2-7]*$/);
        expect(text.length).toBe(Math.ceil((bytes.length * 8) / 5));
        expect(base32Decode(text)).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('round trip survives lower case, grouping and padding (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.integer({ min: 1, max: 8 }),
        fc.boolean(),
        (bytes, group, pad) => {
          const text = base32Encode(bytes).toLowerCase();
          const grouped = (text.match(new RegExp(`.{1,${group}}`, 'g')) ?? []).join(group % 2 ? ' ' : '-');
          const padded = pad ? grouped + '='.repeat((8 - (text.length % 8)) % 8) : grouped;
          expect(base32Decode(padded)).toEqual(bytes);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any string over the alphabet decodes to floor(5L/8) bytes (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z2-7]{0,100}$/), (text) => {
        expect(base32Decode(text)).toHaveLength(Math.floor((text.length * 5) / 8));
      }),
    );
  });
});
