// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OtpAlgorithm } from '../../../electron/domain';
import { base32Encode, generateCode, OtpUriError, parseOtpauthUri, toOtpauthUri } from '../../../electron/otp';
import type { OtpParameters } from '../../../electron/vault/entry';

const HELLO = 'JBSWY3DPEHPK3PXP';
const HELLO_HEX = '48656c6c6f21deadbeef';
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

function fieldOf(uri: string): string | undefined {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    // The technical sentence (naming the parameter) is the detail; the message is the plain one.
    if (error instanceof OtpUriError) return `${error.field}|${error.details}|${error.message}`;
    throw error;
  }
  return undefined;
}

describe('parseOtpauthUri: the Key URI format', () => {
  it("Google's example", () => {
    const p = parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
    expect(p.issuer).toBe('Example');
    expect(p.account).toBe('alice@google.com');
    expect(p.params).toMatchObject({ type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null });
    expect(hex(p.params.secret)).toBe(HELLO_HEX);
  });

  it('all parameters, in any order', () => {
    const p = parseOtpauthUri(
      'otpauth://totp/ACME%20Co:john.doe@email.com?period=60&digits=8&algorithm=SHA512&issuer=ACME%20Co&secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
    );
    expect(p).toMatchObject({ issuer: 'ACME Co', account: 'john.doe@email.com' });
    expect(p.params).toMatchObject({ type: 'totp', algorithm: 'SHA512', digits: 8, period: 60 });
  });

  it('HOTP with and without counter (Google defaults it to 0)', () => {
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${HELLO}&counter=42`).params).toMatchObject({
      type: 'hotp',
      counter: 42,
      period: null,
    });
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${HELLO}`).params.counter).toBe(0);
  });
});

describe('parseOtpauthUri: lenient where real QR codes deviate', () => {
  it.each([
    ['lower-case secret', `otpauth://totp/a?secret=${HELLO.toLowerCase()}`],
    ['space-separated secret (%20)', 'otpauth://totp/a?secret=JBSW%20Y3DP%20EHPK%203PXP'],
    ['space-separated secret (+)', 'otpauth://totp/a?secret=JBSW+Y3DP+EHPK+3PXP'],
    ['padded secret', `otpauth://totp/a?secret=${HELLO}%3D%3D%3D%3D%3D%3D`],
    ['padded secret, raw =', `otpauth://totp/a?secret=${HELLO}======`],
    ['upper-case scheme and type', `OTPAUTH://TOTP/a?secret=${HELLO}`],
    ['upper-case parameter name', `otpauth://totp/a?SECRET=${HELLO}`],
    ['surrounding whitespace', ` otpauth://totp/a?secret=${HELLO}\n`],
    [
      'unknown parameters',
      `otpauth://totp/a?secret=${HELLO}&codeDisplay=%7B%22pinned%22%3Afalse%7D&image=https%3A%2F%2Fx`,
    ],
    ['malformed unknown parameter', `otpauth://totp/a?secret=${HELLO}&junk=%zz`],
    ['literal null values', `otpauth://totp/a?secret=${HELLO}&algorithm=null&digits=null&period=null`],
    ['empty values', `otpauth://totp/a?secret=${HELLO}&algorithm=&digits=&period=`],
    ['duplicate identical parameter', `otpauth://totp/a?secret=${HELLO}&secret=${HELLO}`],
  ])('%s', (_name, uri) => {
    const p = parseOtpauthUri(uri);
    expect(hex(p.params.secret)).toBe(HELLO_HEX);
    expect(p.params).toMatchObject({ type: 'totp', algorithm: 'SHA1', digits: 6, period: 30 });
  });

  it.each([
    ['issuer in the label only', `otpauth://totp/GitHub:alice?secret=${HELLO}`, 'GitHub', 'alice'],
    ['issuer in the parameter only', `otpauth://totp/alice?secret=${HELLO}&issuer=GitHub`, 'GitHub', 'alice'],
    ['both, equal', `otpauth://totp/GitHub:alice?secret=${HELLO}&issuer=GitHub`, 'GitHub', 'alice'],
    ['both, different: the parameter wins', `otpauth://totp/Old:alice?secret=${HELLO}&issuer=New`, 'New', 'alice'],
    ['no issuer at all', `otpauth://totp/alice@example.com?secret=${HELLO}`, '', 'alice@example.com'],
    [
      'encoded colon (Aegis export)',
      `otpauth://totp/Example%3Aalice@example.com?secret=${HELLO}`,
      'Example',
      'alice@example.com',
    ],
    ['space after the colon', `otpauth://totp/ACME%20Co:%20%20john?secret=${HELLO}`, 'ACME Co', 'john'],
    ['encoded @ (scito)', `otpauth://totp/pi%40raspberrypi?secret=${HELLO}`, '', 'pi@raspberrypi'],
    ['+ in the label stays a plus', `otpauth://totp/a+b?secret=${HELLO}&issuer=Air+Canada`, 'Air Canada', 'a+b'],
    ['issuer with an encoded &', `otpauth://totp/x?secret=${HELLO}&issuer=A%20%26%20B`, 'A & B', 'x'],
    ['raw UTF-8 and spaces in the label', `otpauth://totp/Bänk Ö:jö rg?secret=${HELLO}`, 'Bänk Ö', 'jö rg'],
    ['no label', `otpauth://totp/?secret=${HELLO}&issuer=Solo`, 'Solo', ''],
    ['no label, no slash', `otpauth://totp?secret=${HELLO}&issuer=Solo`, 'Solo', ''],
    ['a # is text', `otpauth://totp/C#:dev?secret=${HELLO}`, 'C#', 'dev'],
  ])('label: %s', (_name, uri, issuer, account) => {
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer, account });
  });

  it.each([
    ['sha256', 'SHA256'],
    ['Sha512', 'SHA512'],
    ['SHA-256', 'SHA256'],
  ])('algorithm %s → %s', (given, expected) => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${HELLO}&algorithm=${given}`).params.algorithm).toBe(expected);
  });

  it('ignores the parameter that does not apply (period on HOTP, counter on TOTP), even if malformed', () => {
    expect(parseOtpauthUri(`otpauth://hotp/a?secret=${HELLO}&period=abc&counter=3`).params).toMatchObject({
      period: null,
      counter: 3,
    });
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${HELLO}&counter=-1&period=45`).params).toMatchObject({
      period: 45,
      counter: null,
    });
  });

  it.each([
    ['otpauth://steam/Steam:gaben?secret=STEAMKEY&issuer=Steam', 'Aegis, Ente, 2FAS'],
    ['otpauth://steam/Steam:gaben?secret=STEAMKEY&issuer=Steam&digits=5&algorithm=SHA1&period=30', 'explicit values'],
    ['otpauth://steam/Steam:gaben?secret=STEAMKEY&digits=6', 'digits are ignored for Steam'],
    ['otpauth://totp/Steam:gaben?secret=STEAMKEY&issuer=Steam&encoder=steam', 'KeePassXC encoder=steam'],
  ])('Steam Guard: %s (%s)', (uri) => {
    const p = parseOtpauthUri(uri);
    expect(p.params).toMatchObject({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: null });
    expect(generateCode(p.params, 1_742_298_622_000)).toBe('NTK5M');
  });

  it('an issuer of Steam alone does not make a Steam entry', () => {
    expect(parseOtpauthUri('otpauth://totp/Steam:x?secret=STEAMKEY&digits=5').params).toMatchObject({
      type: 'totp',
      digits: 5,
    });
  });
});

describe('parseOtpauthUri: strict where a value would give wrong codes', () => {
  it.each([
    ['not a link', 'hello', 'uri'],
    ['http link', 'https://example.com/?secret=JBSW', 'uri'],
    ['migration link', 'otpauth-migration://offline?data=abc', 'uri'],
    ['unknown type', `otpauth://yaotp/a?secret=${HELLO}`, 'type'],
    ['motp type', `otpauth://motp/a?secret=${HELLO}`, 'type'],
    ['missing secret', 'otpauth://totp/a?issuer=x', 'secret'],
    ['secret null', 'otpauth://totp/a?secret=null', 'secret'],
    ['secret not base32', 'otpauth://totp/a?secret=JBSW0Y3DP', 'secret'],
    ['secret too short to hold a byte', 'otpauth://totp/a?secret=A', 'secret'],
    ['secret differs in a duplicate', `otpauth://totp/a?secret=${HELLO}&secret=AAAAAAAA`, 'secret'],
    ['unknown algorithm', `otpauth://totp/a?secret=${HELLO}&algorithm=MD5`, 'algorithm'],
    ['SHA384', `otpauth://totp/a?secret=${HELLO}&algorithm=SHA384`, 'algorithm'],
    ['digits 4', `otpauth://totp/a?secret=${HELLO}&digits=4`, 'digits'],
    ['digits 11', `otpauth://totp/a?secret=${HELLO}&digits=11`, 'digits'],
    ['digits not a number', `otpauth://totp/a?secret=${HELLO}&digits=six`, 'digits'],
    ['digits negative', `otpauth://hotp/a?secret=${HELLO}&digits=-6`, 'digits'],
    ['digits decimal', `otpauth://totp/a?secret=${HELLO}&digits=6.5`, 'digits'],
    ['period 0', `otpauth://totp/a?secret=${HELLO}&period=0`, 'period'],
    ['period too long', `otpauth://totp/a?secret=${HELLO}&period=3601`, 'period'],
    ['period not a number', `otpauth://totp/a?secret=${HELLO}&period=30s`, 'period'],
    ['counter negative', `otpauth://hotp/a?secret=${HELLO}&counter=-1`, 'counter'],
    ['counter beyond 2^53', `otpauth://hotp/a?secret=${HELLO}&counter=9007199254740993`, 'counter'],
    ['Steam with another algorithm', `otpauth://steam/a?secret=${HELLO}&algorithm=SHA256`, 'algorithm'],
    ['Steam with another period', `otpauth://steam/a?secret=${HELLO}&period=60`, 'period'],
    ['malformed %-escape in the label', `otpauth://totp/a%zz?secret=${HELLO}`, 'label'],
    ['malformed %-escape in the issuer', `otpauth://totp/a?secret=${HELLO}&issuer=%E0%A4%A`, 'issuer'],
    ['no issuer and no account', `otpauth://totp/?secret=${HELLO}`, 'account'],
    ['control character in the issuer', `otpauth://totp/a?secret=${HELLO}&issuer=A%1B%5B31m`, 'issuer'],
    ['control character in the account', `otpauth://totp/a%00b?secret=${HELLO}`, 'account'],
    ['account too long', `otpauth://totp/${'a'.repeat(257)}?secret=${HELLO}`, 'account'],
    ['link too long', `otpauth://totp/a?secret=${HELLO}&x=${'y'.repeat(5000)}`, 'uri'],
  ])('%s → field %s', (_name, uri, field) => {
    const got = fieldOf(uri);
    expect(got).toBeDefined();
    const [gotField, message] = got!.split('|');
    expect(gotField).toBe(field);
    if (field !== 'uri') expect(message).toContain(`'${field}'`);
  });

  it("names the field in the details as `Invalid 'digits' parameter`, and says it plainly in the message", () => {
    expect(() => parseOtpauthUri(`otpauth://totp/a?secret=${HELLO}&digits=12`)).toThrow(
      expect.objectContaining({
        message: 'Codes must have 5 to 10 digits (most sites use 6).',
        details: "Invalid 'digits' parameter: must be a whole number from 5 to 10.",
      }),
    );
  });

  it('never puts the secret in an error message', () => {
    const secret = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
    for (const uri of [
      `otpauth://totp/a?secret=${secret}&digits=99`,
      `otpauth://totp/a?secret=${secret}1`,
      `otpauth://nope/a?secret=${secret}`,
      `otpauth://totp/?secret=${secret}`,
    ]) {
      expect(fieldOf(uri)).toBeDefined();
      expect(fieldOf(uri)).not.toContain(secret.slice(0, 8));
    }
  });
});

describe('toOtpauthUri', () => {
  it('writes every parameter, the issuer in label and parameter, base32 without padding', () => {
    const params: OtpParameters = {
      type: 'totp',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: null,
      secret: Buffer.from(HELLO_HEX, 'hex'),
    };
    expect(toOtpauthUri({ ...params, issuer: 'ACME Co', account: 'john@example.com' })).toBe(
      `otpauth://totp/ACME%20Co:john%40example.com?secret=${HELLO}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`,
    );
    expect(toOtpauthUri({ ...params, type: 'hotp', period: null, counter: 7, issuer: '', account: 'a' })).toBe(
      `otpauth://hotp/a?secret=${HELLO}&algorithm=SHA256&digits=8&counter=7`,
    );
  });

  const nameArb = fc
    .string({ unit: 'grapheme', maxLength: 30 })
    .map((s) => s.trim())
    // eslint-disable-next-line no-control-regex -- names with controls are refused; see validate.test.ts
    .filter((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s));
  const algorithmArb = fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512');
  const secretArb = fc.uint8Array({ minLength: 1, maxLength: 64 });
  const paramsArb: fc.Arbitrary<OtpParameters> = fc.oneof(
    fc.record({
      type: fc.constant('totp' as const),
      algorithm: algorithmArb,
      digits: fc.integer({ min: 5, max: 10 }),
      period: fc.integer({ min: 1, max: 3600 }),
      counter: fc.constant(null),
      secret: secretArb,
    }),
    fc.record({
      type: fc.constant('hotp' as const),
      algorithm: algorithmArb,
      digits: fc.integer({ min: 5, max: 10 }),
      period: fc.constant(null),
      counter: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
      secret: secretArb,
    }),
    fc.record({
      type: fc.constant('steam' as const),
      algorithm: fc.constant('SHA1' as const),
      digits: fc.constant(5),
      period: fc.constant(30),
      counter: fc.constant(null),
      secret: secretArb,
    }),
  );

  it('build → parse gives back the same entry for random valid entries (property)', () => {
    fc.assert(
      fc.property(nameArb, nameArb, paramsArb, (issuer, account, params) => {
        fc.pre(issuer !== '' || account !== '');
        const uri = toOtpauthUri({ ...params, issuer, account });
        const parsed = parseOtpauthUri(uri);
        expect(parsed.issuer).toBe(issuer);
        expect(parsed.account).toBe(account);
        expect(parsed.params).toEqual(params);
        expect(uri).toContain(`secret=${base32Encode(params.secret)}`);
      }),
      { numRuns: 500 },
    );
  });

  it('round trip keeps colons, &, #, % and + in names', () => {
    for (const [issuer, account] of [
      ['A:B', 'c:d'],
      ['', 'x:y'],
      ['R&D #1', '50% + more'],
      ['Issuer', ''],
    ] as const) {
      const params: OtpParameters = {
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
        secret: new Uint8Array([1, 2, 3]),
      };
      expect(parseOtpauthUri(toOtpauthUri({ ...params, issuer, account }))).toMatchObject({ issuer, account });
    }
  });
});
