// SPDX-License-Identifier: GPL-3.0-or-later
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAlgorithm } from '../../../electron/domain';
import {
  codeSnapshot,
  codesForEntries,
  generateCode,
  NEXT_CODE_WINDOW_MS,
  STEAM_ALPHABET,
  type CodeSource,
} from '../../../electron/otp';
import { nextPushAt } from '../../../electron/services/push-schedule';
import type { OtpParameters } from '../../../electron/vault/entry';

const RFC_SEED = new TextEncoder().encode('12345678901234567890');

/** An independent HOTP (RFC 4226 §5.3) on node:crypto, to cross-check the otpauth path. */
function referenceTruncated(secret: Uint8Array, algorithm: OtpAlgorithm, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

const algorithmArb = fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512');
const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 });
const timeArb = fc.integer({ min: 0, max: 4_102_444_800_000 }); // up to 2100-01-01

const totpArb: fc.Arbitrary<OtpParameters> = fc.record({
  type: fc.constant('totp' as const),
  algorithm: algorithmArb,
  digits: fc.integer({ min: 5, max: 10 }),
  period: fc.integer({ min: 1, max: 3600 }),
  counter: fc.constant(null),
  secret: secretArb,
});
const hotpArb: fc.Arbitrary<OtpParameters> = fc.record({
  type: fc.constant('hotp' as const),
  algorithm: algorithmArb,
  digits: fc.integer({ min: 5, max: 10 }),
  period: fc.constant(null),
  counter: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  secret: secretArb,
});
const steamArb: fc.Arbitrary<OtpParameters> = fc.record({
  type: fc.constant('steam' as const),
  algorithm: fc.constant('SHA1' as const),
  digits: fc.constant(5),
  period: fc.constant(30),
  counter: fc.constant(null),
  secret: secretArb,
});
const paramsArb = fc.oneof(totpArb, hotpArb, steamArb);
const withId = (p: OtpParameters, i: number): CodeSource => ({ ...p, id: `id-${i}` });

describe('generateCode', () => {
  it('gives codes of the right length and alphabet for any valid parameters', () => {
    fc.assert(
      fc.property(paramsArb, timeArb, (params, at) => {
        const code = generateCode(params, at);
        if (params.type === 'steam') {
          expect(code).toHaveLength(5);
          for (const ch of code) expect(STEAM_ALPHABET).toContain(ch);
        } else {
          expect(code).toMatch(new RegExp(`^[0-9]{${params.digits}}$`));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches an independent node:crypto implementation (TOTP, HOTP, Steam)', () => {
    fc.assert(
      fc.property(paramsArb, timeArb, (params, at) => {
        const counter =
          params.type === 'hotp' ? (params.counter ?? 0) : Math.floor(at / ((params.period ?? 30) * 1000));
        const value = referenceTruncated(params.secret, params.algorithm, counter);
        let expected: string;
        if (params.type === 'steam') {
          expected = '';
          for (let i = 0, v = value; i < 5; i++, v = Math.floor(v / 26)) expected += STEAM_ALPHABET[v % 26];
        } else {
          expected = String(value % 10 ** params.digits).padStart(params.digits, '0');
        }
        expect(generateCode(params, at)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves the caller’s secret bytes untouched (the copy given to otpauth is wiped, not the original)', () => {
    const secret = RFC_SEED.slice();
    const params: OtpParameters = { type: 'totp', algorithm: 'SHA1', digits: 8, period: 30, counter: null, secret };
    expect(generateCode(params, 59_000)).toBe('94287082');
    expect(secret).toEqual(RFC_SEED);
    expect(generateCode(params, 59_000)).toBe('94287082');
  });

  it('works on a secret that is a view into a larger buffer (no neighbouring bytes leak in)', () => {
    const big = new Uint8Array(100).fill(0xaa);
    big.set(RFC_SEED, 40);
    const secret = big.subarray(40, 60);
    const params: OtpParameters = { type: 'hotp', algorithm: 'SHA1', digits: 6, period: null, counter: 0, secret };
    expect(generateCode(params, 0)).toBe('755224');
    expect(big[39]).toBe(0xaa);
    expect(big.subarray(40, 60)).toEqual(RFC_SEED);
  });

  it.each([
    ['digits 4', { digits: 4 }],
    ['digits 11', { digits: 11 }],
    ['period 0', { period: 0 }],
    ['period null on totp', { period: null }],
    ['empty secret', { secret: new Uint8Array(0) }],
  ])('refuses invalid parameters (%s) with a RangeError', (_name, patch) => {
    const params = {
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      secret: RFC_SEED,
      ...patch,
    };
    expect(() => generateCode(params as OtpParameters, 0)).toThrow(RangeError);
  });

  it('refuses HOTP without a counter and negative or non-finite times', () => {
    const hotp: OtpParameters = {
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      period: null,
      counter: null,
      secret: RFC_SEED,
    };
    expect(() => generateCode(hotp, 0)).toThrow(RangeError);
    const totp: OtpParameters = {
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: null,
      secret: RFC_SEED,
    };
    expect(() => generateCode(totp, -1)).toThrow(RangeError);
    expect(() => generateCode(totp, Number.NaN)).toThrow(RangeError);
  });
});

describe('codeSnapshot', () => {
  const totp: CodeSource = {
    id: 'a',
    type: 'totp',
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
    counter: null,
    secret: RFC_SEED,
  };

  it('gives the validity window of the current time step', () => {
    expect(codeSnapshot(totp, 45_000)).toEqual({ id: 'a', code: '94287082', validFrom: 30_000, validUntil: 60_000 });
  });

  it('adds the next code in the last 5 s, inclusive', () => {
    expect(codeSnapshot(totp, 55_000)).toEqual({
      id: 'a',
      code: '94287082',
      validFrom: 30_000,
      validUntil: 60_000,
      next: generateCode(totp, 60_000),
    });
    expect(codeSnapshot(totp, 54_999).next).toBeUndefined();
    expect(codeSnapshot(totp, 59_999).next).toBe(generateCode(totp, 60_000));
    expect(codeSnapshot(totp, 54_000, { nextWithinMs: 6_000 }).next).toBeDefined();
  });

  it('HOTP: the code of the stored counter, valid until used', () => {
    const hotp: CodeSource = {
      id: 'h',
      type: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      period: null,
      counter: 1,
      secret: RFC_SEED,
    };
    expect(codeSnapshot(hotp, 12_345)).toEqual({ id: 'h', code: '287082', validFrom: 12_345, validUntil: null });
  });

  it('window contains now and the code is the one of that window (property)', () => {
    fc.assert(
      fc.property(fc.oneof(totpArb, steamArb), timeArb, (params, now) => {
        const s = codeSnapshot(withId(params, 0), now);
        expect(s.validFrom).toBeLessThanOrEqual(now);
        expect(s.validUntil).toBeGreaterThan(now);
        expect(s.validUntil! - s.validFrom).toBe(params.period! * 1000);
        expect(s.code).toBe(generateCode(params, s.validFrom));
        expect(s.code).toBe(generateCode(params, s.validUntil! - 1));
        expect(s.next !== undefined).toBe(s.validUntil! - now <= NEXT_CODE_WINDOW_MS);
      }),
      { numRuns: 200 },
    );
  });
});

describe('codesForEntries', () => {
  it('computes every entry at the same instant, in order', () => {
    fc.assert(
      fc.property(fc.array(paramsArb, { maxLength: 20 }), timeArb, (list, now) => {
        const entries = list.map(withId);
        const snaps = codesForEntries(entries, now);
        expect(snaps.map((s) => s.id)).toEqual(entries.map((e) => e.id));
        snaps.forEach((s, i) => expect(s).toEqual(codeSnapshot(entries[i]!, now)));
      }),
      { numRuns: 50 },
    );
  });
});

/**
 * When main pushes the codes: `nextPushAt` over the periods of the time-based entries, as main
 * computes them (electron/services/app-services.ts): HOTP codes change only on request.
 */
const pushAt = (entries: readonly OtpParameters[], now: number): number | null =>
  nextPushAt(
    entries.filter((e) => e.type !== 'hotp').map((e) => (e.period ?? 30) * 1000),
    now,
  );

describe('the push schedule (nextPushAt) over code snapshots', () => {
  const base = { algorithm: 'SHA1', digits: 6, counter: null, secret: RFC_SEED } as const;

  it('is the next preview moment; the boundary itself needs no push', () => {
    const e30 = { ...base, type: 'totp', period: 30 } as const;
    expect(pushAt([e30], 0)).toBe(25_000);
    expect(pushAt([e30], 24_999)).toBe(25_000);
    expect(pushAt([e30], 25_000)).toBe(55_000);
    expect(pushAt([e30], 29_999)).toBe(55_000);
    expect(pushAt([e30], 30_000)).toBe(55_000);
  });

  it('takes the earliest over all periods and ignores HOTP', () => {
    const e30 = { ...base, type: 'totp', period: 30 } as const;
    const e60 = { ...base, type: 'totp', period: 60 } as const;
    const e7 = { ...base, type: 'totp', period: 7 } as const;
    const hotp = { ...base, type: 'hotp', period: null, counter: 0 } as const;
    expect(pushAt([e60, e30], 31_000)).toBe(55_000);
    expect(pushAt([e60, e7, hotp], 0)).toBe(2_000);
    expect(pushAt([hotp], 0)).toBeNull();
    expect(pushAt([], 0)).toBeNull();
  });

  it('the push at `now` carries every code shown until the next push, and something changes at it (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(totpArb, steamArb, hotpArb), { minLength: 1, maxLength: 6 }),
        timeArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        (list, now, fraction) => {
          const entries = list.map(withId);
          const at = pushAt(entries, now);
          if (list.every((p) => p.type === 'hotp')) {
            expect(at).toBeNull();
            return;
          }
          expect(at).not.toBeNull();
          expect(at!).toBeGreaterThan(now);
          // What the renderer shows at `t` from the push at `now`: the code, then the following
          // code once `validUntil` has passed.
          const pushed = codesForEntries(entries, now);
          const shown = (t: number) =>
            pushed.map((s) => (s.validUntil !== null && t >= s.validUntil ? s.next : s.code));
          const actual = (t: number) => codesForEntries(entries, t).map((s) => s.code);
          const between = now + Math.floor(fraction * (at! - 1 - now));
          for (const t of [now, between, at! - 1]) expect(shown(t)).toEqual(actual(t));
          const strip = (t: number) =>
            codesForEntries(entries, t).map(({ code, next, validUntil }) => ({ code, next, validUntil }));
          expect(strip(at!)).not.toEqual(strip(at! - 1));
        },
      ),
      { numRuns: 100 },
    );
  });
});
