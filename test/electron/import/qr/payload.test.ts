// SPDX-License-Identifier: GPL-3.0-or-later
/** What a QR code's text means: accounts, transfer-code parts, unusable links, web links and text. */
import { describe, expect, it } from 'vitest';
import { classifyQrText, type QrPayload } from '../../../../electron/import/qr/payload';
import { base32Encode, toMigrationUri, type MigrationOtpParameters } from '../../../../electron/otp';
import { corpusJson, describeCorpus } from '../../../helpers/corpus';

function kind<K extends QrPayload['kind']>(payload: QrPayload, k: K): Extract<QrPayload, { kind: K }> {
  expect(payload.kind).toBe(k);
  return payload as Extract<QrPayload, { kind: K }>;
}

const account = (over: Partial<MigrationOtpParameters> = {}): MigrationOtpParameters => ({
  secret: new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  name: 'ACME:alice@example.com',
  issuer: 'ACME',
  algorithm: 1,
  digits: 1,
  type: 2,
  counter: 0n,
  ...over,
});

describe('otpauth://', () => {
  it('one account, lenient where QR codes deviate', () => {
    const { entry } = kind(
      classifyQrText('  otpauth://totp/GitHub%3Aalice?secret=jbsw y3dp ehpk 3pxp&issuer=GitHub\n'),
      'otpauth',
    );
    expect(entry).toMatchObject({
      type: 'totp',
      issuer: 'GitHub',
      account: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(base32Encode(entry.secret)).toBe('JBSWY3DPEHPK3PXP');
    expect(entry.batch).toBeUndefined();
  });

  it('HOTP with its counter, and Steam', () => {
    expect(kind(classifyQrText('otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=42'), 'otpauth').entry).toMatchObject({
      type: 'hotp',
      counter: 42,
      period: null,
    });
    expect(kind(classifyQrText('otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP'), 'otpauth').entry).toMatchObject({
      type: 'steam',
      digits: 5,
    });
  });

  it.each([
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=12', 'digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'period'],
    ['otpauth://totp/x?issuer=Nope', 'secret'],
    ['otpauth://totp/x?secret=not!base32', 'secret'],
    ['otpauth://motp/x?secret=JBSWY3DPEHPK3PXP', 'type'],
  ])('%s: an error naming %s', (text, field) => {
    const bad = kind(classifyQrText(text), 'invalid');
    expect(bad).toMatchObject({ scheme: 'otpauth', field });
    // A plain sentence for the person; the field is named in the technical detail.
    expect(bad.message).toMatch(/^This QR code holds an account link that cannot be used\. [A-Z]/);
    expect(bad.message).not.toContain(`'${field}'`);
    expect(bad.details).toContain(`'${field}'`);
  });
});

describe('otpauth-migration://', () => {
  it('a part of a batch: its accounts, each with the batch', () => {
    const uri = toMigrationUri({
      otpParameters: [account(), account({ name: 'bob', issuer: '', type: 1, counter: 5n, digits: 2, algorithm: 2 })],
      version: 1,
      batchSize: 3,
      batchIndex: 1,
      batchId: -12345,
    });
    const part = kind(classifyQrText(uri), 'migration');
    expect(part.batch).toEqual({ id: -12345, index: 1, size: 3 });
    expect(part.skipped).toEqual([]);
    expect(part.entries).toHaveLength(2);
    expect(part.entries[0]).toMatchObject({
      type: 'totp',
      issuer: 'ACME',
      account: 'alice@example.com',
      period: 30,
      batch: part.batch,
    });
    expect(part.entries[1]).toMatchObject({ type: 'hotp', account: 'bob', digits: 8, algorithm: 'SHA256', counter: 5 });
  });

  it('a single code has a batch of 1; MD5 accounts are listed as skipped, the others kept', () => {
    const uri = toMigrationUri({
      otpParameters: [account({ algorithm: 4, name: 'Old:md5' }), account()],
      version: 1,
      batchSize: 0,
      batchIndex: 0,
      batchId: 0,
    });
    const part = kind(classifyQrText(uri), 'migration');
    expect(part.batch).toEqual({ id: 0, index: 0, size: 1 });
    expect(part.entries).toHaveLength(1);
    expect(part.skipped).toEqual([
      { index: 0, label: 'ACME (Old:md5)', kind: 'unsupported', reason: 'MD5 codes are not supported' },
    ]);
  });

  it.each([
    ['otpauth-migration://offline?data=%%%', 'data'],
    ['otpauth-migration://offline?nodata=1', 'data'],
    ['otpauth-migration://offline?data=not*base64', null],
    ['otpauth-migration://offline?data=CjUKEPqlBekzoNEukL7qlsjBCDYSDnBpQHJhc3Bi', null], // truncated protobuf
  ])('malformed: %s', (text, field) => {
    const bad = kind(classifyQrText(text), 'invalid');
    expect(bad).toMatchObject({ scheme: 'otpauth-migration', field });
    expect(bad.message).toMatch(/^This QR code holds a Google Authenticator transfer code that cannot be used\. [A-Z]/);
    expect(bad.details).not.toBe('');
  });

  it('an index outside its batch is malformed', () => {
    const uri = toMigrationUri({ otpParameters: [account()], version: 1, batchSize: 2, batchIndex: 2, batchId: 9 });
    expect(kind(classifyQrText(uri), 'invalid')).toMatchObject({ field: 'batch_index' });
  });
});

describe('other content', () => {
  it.each([
    ['https://example.com/login?next=/2fa', 'web-link', 'This QR code holds a web link, not an authenticator account.'],
    ['HTTP://EXAMPLE.COM', 'web-link', 'This QR code holds a web link, not an authenticator account.'],
    ['WIFI:S:home;T:WPA;P:secret;;', 'text', 'This QR code holds text, not an authenticator account.'],
    ['hello world', 'text', 'This QR code holds text, not an authenticator account.'],
    ['https://', 'text', 'This QR code holds text, not an authenticator account.'],
    ['', 'text', 'This QR code holds text, not an authenticator account.'],
  ])('%s → %s', (text, content, message) => {
    expect(classifyQrText(text)).toEqual({ kind: 'not-an-account', content, message });
  });
});

interface MigrationSample {
  readonly id: string;
  readonly uri: string;
  readonly payload: { readonly batch_size: number; readonly batch_index: number; readonly batch_id: number };
  readonly entries: readonly {
    readonly type: string;
    readonly issuer: string;
    readonly labelIssuer: string | null;
    readonly labelAccount: string;
    readonly secret: string;
    readonly algorithm: string;
    readonly digits: number;
    readonly period?: number;
    readonly counter?: number;
  }[];
}

describeCorpus('Google Authenticator samples (import/EXPECTED.json google-migration)', () => {
  const samples = corpusJson<{ 'google-migration': { samples: MigrationSample[] } }>('import/EXPECTED.json')[
    'google-migration'
  ].samples;

  it.each(samples.map((s) => [s.id, s] as const))('%s: exactly the expected entries and batch', (_, sample) => {
    const part = kind(classifyQrText(sample.uri), 'migration');
    expect(part.batch).toEqual({
      id: sample.payload.batch_id,
      index: sample.payload.batch_index,
      size: Math.max(1, sample.payload.batch_size),
    });
    expect(part.skipped).toEqual([]);
    expect(
      part.entries.map((e) => ({
        type: e.type,
        issuer: e.issuer,
        account: e.account,
        secret: base32Encode(e.secret),
        algorithm: e.algorithm,
        digits: e.digits,
        period: e.period,
        counter: e.counter,
      })),
    ).toEqual(
      sample.entries.map((e) => ({
        type: e.type,
        issuer: e.issuer || e.labelIssuer || '',
        account: e.labelAccount,
        secret: e.secret,
        algorithm: e.algorithm,
        digits: e.digits,
        period: e.period ?? null,
        counter: e.counter ?? null,
      })),
    );
  });
});
