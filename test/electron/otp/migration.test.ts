// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator transfer codes (docs/formats.md §2): every sample of EXPECTED.json
 * `google-migration` decodes to its payload fields and entries (names verbatim, the §2.3 split,
 * enums resolved, batch info); random payloads survive encode → decode and link → parse (fast-check);
 * malformed payloads fail with a MigrationError that says which layer is wrong.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../electron/import';
import {
  base32Encode,
  decodeMigrationPayload,
  encodeMigrationPayload,
  migrationAccount,
  MigrationError,
  parseMigrationUri,
  splitMigrationName,
  toMigrationUri,
  type MigrationPayload,
} from '../../../electron/otp';
import { describeCorpus } from '../../helpers/corpus';
import { comparable, expectedCorpus, normalised } from '../import/expected';

describeCorpus('otpauth-migration samples (EXPECTED.json google-migration)', () => {
  for (const sample of expectedCorpus()['google-migration'].samples) {
    it(`${sample.id}: decodes to its ${sample.entryCount} entries and payload fields`, () => {
      const payload = parseMigrationUri(sample.uri);
      expect({
        version: payload.version,
        batch_size: payload.batchSize,
        batch_index: payload.batchIndex,
        batch_id: payload.batchId,
      }).toEqual(sample.payload);
      expect(payload.otpParameters).toHaveLength(sample.entryCount);
      payload.otpParameters.forEach((p, i) => {
        const want = sample.entries[i];
        if (want === undefined) throw new Error('missing expected entry');
        expect({ name: p.name, issuer: p.issuer, secret: base32Encode(p.secret) }).toEqual({
          name: want.name,
          issuer: want.issuer,
          secret: want.secret,
        });
        const account = migrationAccount(p, payload);
        if ('unsupported' in account) throw new Error(account.unsupported);
        expect(account).toMatchObject({
          type: want.type,
          algorithm: want.algorithm,
          digits: want.digits,
          period: want.period ?? null,
          counter: want.counter ?? null,
          account: want.labelAccount,
          issuer: want.issuer !== '' ? want.issuer : (want.labelIssuer ?? ''),
          batch: { id: sample.payload.batch_id, index: sample.payload.batch_index, size: sample.payload.batch_size },
        });
      });
    });

    it(`${sample.id}: imports as a link list with its batch`, async () => {
      const result = await importFile(new TextEncoder().encode(`${sample.uri}\n`));
      expect(result.format).toBe('otpauth-uri-list');
      expect(result.skipped).toEqual([]);
      expect(result.entries.map(comparable)).toEqual(
        sample.entries.map((e) =>
          normalised({ ...e, issuer: e.issuer !== '' ? e.issuer : (e.labelIssuer ?? ''), name: e.labelAccount }),
        ),
      );
      for (const e of result.entries) {
        expect(e.batch).toEqual({
          id: sample.payload.batch_id,
          index: sample.payload.batch_index,
          size: sample.payload.batch_size,
        });
      }
    });

    it(`${sample.id}: decode → encode → decode is the same payload`, () => {
      const payload = parseMigrationUri(sample.uri);
      expect(decodeMigrationPayload(encodeMigrationPayload(payload))).toEqual(payload);
      expect(parseMigrationUri(toMigrationUri(payload))).toEqual(payload);
    });
  }
});

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const payloadArb: fc.Arbitrary<MigrationPayload> = fc.record({
  otpParameters: fc.array(
    fc.record({
      secret: fc.uint8Array({ maxLength: 64 }),
      name: fc.string({ unit: 'grapheme', maxLength: 40 }),
      issuer: fc.string({ unit: 'grapheme', maxLength: 20 }),
      algorithm: fc.integer({ min: 0, max: 4 }),
      digits: fc.integer({ min: 0, max: 2 }),
      type: fc.integer({ min: 0, max: 2 }),
      counter: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    }),
    { maxLength: 10 },
  ),
  version: int32,
  batchSize: int32,
  batchIndex: int32,
  batchId: int32,
});

describe('migration payload round trips (fast-check)', () => {
  it('encode → decode gives back every field, including negative ids and 64-bit counters', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        expect(decodeMigrationPayload(encodeMigrationPayload(payload))).toEqual(payload);
      }),
      { seed: 20_240_601, numRuns: 300 },
    );
  });

  it('link → parse gives back the payload', () => {
    fc.assert(
      fc.property(payloadArb, (payload) => {
        fc.pre(payload.otpParameters.length > 0 || payload.version !== 0);
        expect(parseMigrationUri(toMigrationUri(payload))).toEqual(payload);
      }),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('migration names and enums (docs/formats.md §2.2, §2.3)', () => {
  it('splits names as §2.3 says', () => {
    expect(splitMigrationName('Example:alice@google.com', 'Example')).toEqual({
      issuer: 'Example',
      account: 'alice@google.com',
    });
    expect(splitMigrationName('Example: alice', 'Example')).toEqual({ issuer: 'Example', account: 'alice' });
    expect(splitMigrationName('Other:alice', 'Example')).toEqual({ issuer: 'Example', account: 'Other:alice' });
    expect(splitMigrationName('a:b:c', '')).toEqual({ issuer: 'a', account: 'b:c' });
    expect(splitMigrationName('plain', '')).toEqual({ issuer: '', account: 'plain' });
  });

  it('refuses MD5, unknown enums and counters beyond 2^53 with a reason', () => {
    const base = {
      secret: new Uint8Array([1, 2, 3]),
      name: 'n',
      issuer: '',
      algorithm: 1,
      digits: 1,
      type: 2,
      counter: 0n,
    };
    const batch = { batchId: 0, batchIndex: 0, batchSize: 1 };
    expect(migrationAccount({ ...base, algorithm: 4 }, batch)).toEqual({ unsupported: 'MD5 codes are not supported' });
    expect(migrationAccount({ ...base, digits: 3 }, batch)).toHaveProperty('unsupported');
    expect(migrationAccount({ ...base, type: 9 }, batch)).toHaveProperty('unsupported');
    expect(migrationAccount({ ...base, type: 1, counter: 2n ** 60n }, batch)).toHaveProperty('unsupported');
    expect(migrationAccount({ ...base, type: 1, counter: 5n }, batch)).toMatchObject({
      type: 'hotp',
      counter: 5,
      period: null,
    });
  });
});

describe('malformed transfer codes', () => {
  const code = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(MigrationError);
      return (error as MigrationError).code;
    }
    throw new Error('did not throw');
  };
  const valid = 'CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';

  it('names the layer: link, base64 or protobuf', () => {
    expect(code(() => parseMigrationUri('https://example.com/?data=abc'))).toBe('uri');
    expect(code(() => parseMigrationUri('otpauth-migration://offline?foo=1'))).toBe('uri');
    expect(code(() => parseMigrationUri('otpauth-migration://offline?data=%ZZ'))).toBe('uri');
    expect(code(() => parseMigrationUri('otpauth-migration://offline?data=@@@@'))).toBe('base64');
    expect(code(() => parseMigrationUri(`otpauth-migration://offline?data=${valid.slice(0, 30)}`))).toBe('protobuf');
  });

  it('rejects wrong wire types, over-long varints, truncation and invalid UTF-8', () => {
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x0a, 0x05, 0x01])))).toBe('protobuf'); // cut off
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x08, 0x01])))).toBe('protobuf'); // field 1 as varint
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x10, ...new Array<number>(10).fill(0xff), 0x01])))).toBe(
      'protobuf',
    );
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x0a, 0x03, 0x12, 0x01, 0xff])))).toBe('protobuf'); // name not UTF-8
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x0b])))).toBe('protobuf'); // group wire type
    expect(code(() => decodeMigrationPayload(Uint8Array.from([0x00, 0x00])))).toBe('protobuf'); // field 0
  });

  it('skips unknown fields of every wire type', () => {
    const bytes = Uint8Array.from([
      0x48,
      0x05,
      0x51,
      ...new Array<number>(8).fill(0),
      0x5d,
      0,
      0,
      0,
      0,
      0x62,
      0x01,
      0x00,
      0x10,
      0x01,
    ]);
    expect(decodeMigrationPayload(bytes)).toMatchObject({ version: 1, otpParameters: [] });
  });

  it('reads the data with + and spaces intact or restored, and URL-safe base64', () => {
    const payload = parseMigrationUri(`otpauth-migration://offline?data=${valid}`);
    const std = Buffer.from(encodeMigrationPayload(payload)).toString('base64');
    expect(parseMigrationUri(`otpauth-migration://offline?data=${std.replace(/\+/g, ' ')}`)).toEqual(payload);
    expect(
      parseMigrationUri(`OTPAUTH-MIGRATION://offline?data=${std.replace(/\+/g, '-').replace(/\//g, '_')}`),
    ).toEqual(payload);
  });
});
