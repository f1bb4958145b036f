// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every published vector in the shared corpus (otp-vectors.json): RFC 4226 HOTP, RFC 6238 TOTP with
 * SHA1/SHA256/SHA512 and their own seed lengths, Steam Guard, and Google's TOTP example. Secrets
 * are given both as base32 and hex in the corpus; both must decode to the same bytes.
 */
import { expect, it } from 'vitest';
import type { OtpAlgorithm } from '../../../electron/domain';
import { base32Decode, generateCode } from '../../../electron/otp';
import type { OtpParameters } from '../../../electron/vault/entry';
import { corpusJson, describeCorpus } from '../../helpers/corpus';

interface Seed {
  readonly hex: string;
  readonly base32: string;
}
interface Vectors {
  readonly hotp_rfc4226: {
    readonly digits: number;
    readonly secret: Seed;
    readonly vectors: readonly { counter: number; hotp: string }[];
  };
  readonly totp_rfc6238: {
    readonly digits: number;
    readonly period: number;
    readonly seeds: Record<OtpAlgorithm, Seed>;
    readonly vectors: readonly { unixTime: number; algorithm: OtpAlgorithm; totp: string }[];
  };
  readonly steam_guard: {
    readonly vectors: readonly { secretBase32: string; secretHex: string; unixTime: number; code: string }[];
  };
  readonly extra: {
    readonly totp_google_example: {
      readonly secretBase32: string;
      readonly algorithm: OtpAlgorithm;
      readonly digits: number;
      readonly period: number;
      readonly unixTime: number;
      readonly totp: string;
    };
  };
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function secretOf(base32: string, expectedHex: string): Uint8Array {
  const bytes = base32Decode(base32);
  expect(hex(bytes)).toBe(expectedHex);
  return bytes;
}

describeCorpus('otp-vectors.json', () => {
  const v = corpusJson<Vectors>('otp-vectors.json');

  it('has the expected number of vectors (a truncated corpus fails here)', () => {
    expect(v.hotp_rfc4226.vectors).toHaveLength(10);
    expect(v.totp_rfc6238.vectors).toHaveLength(18);
    expect(v.steam_guard.vectors.length).toBeGreaterThanOrEqual(2);
  });

  it.each(v.hotp_rfc4226.vectors)('RFC 4226 HOTP counter $counter → $hotp', ({ counter, hotp }) => {
    const secret = secretOf(v.hotp_rfc4226.secret.base32, v.hotp_rfc4226.secret.hex);
    const params: OtpParameters = {
      type: 'hotp',
      algorithm: 'SHA1',
      digits: v.hotp_rfc4226.digits,
      period: null,
      counter,
      secret,
    };
    expect(generateCode(params, 0)).toBe(hotp);
    // HOTP ignores the time entirely.
    expect(generateCode(params, 1_234_567_890_000)).toBe(hotp);
  });

  it.each(v.totp_rfc6238.vectors)('RFC 6238 TOTP $algorithm at $unixTime → $totp', ({ unixTime, algorithm, totp }) => {
    const seed = v.totp_rfc6238.seeds[algorithm];
    const params: OtpParameters = {
      type: 'totp',
      algorithm,
      digits: v.totp_rfc6238.digits,
      period: v.totp_rfc6238.period,
      counter: null,
      secret: secretOf(seed.base32, seed.hex),
    };
    expect(generateCode(params, unixTime * 1000)).toBe(totp);
    // Any millisecond inside the same second gives the same code.
    expect(generateCode(params, unixTime * 1000 + 999)).toBe(totp);
  });

  it.each(v.steam_guard.vectors)('Steam Guard at $unixTime → $code', ({ secretBase32, secretHex, unixTime, code }) => {
    const params: OtpParameters = {
      type: 'steam',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: null,
      secret: secretOf(secretBase32, secretHex),
    };
    expect(generateCode(params, unixTime * 1000)).toBe(code);
  });

  it("Google's Key URI example TOTP", () => {
    const g = v.extra.totp_google_example;
    const params: OtpParameters = {
      type: 'totp',
      algorithm: g.algorithm,
      digits: g.digits,
      period: g.period,
      counter: null,
      secret: base32Decode(g.secretBase32),
    };
    expect(generateCode(params, g.unixTime * 1000)).toBe(g.totp);
  });
});
