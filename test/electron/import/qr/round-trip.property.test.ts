// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Property: random valid entries → `otpauth://` link (or a Google Authenticator transfer payload) →
 * QR code → synthetic 1080p / 4K screenshot (optionally inverted, scaled ×1.5, JPEG-compressed) →
 * decodeQr → classifyQrText → the same entries. Runs are kept modest (the whole file takes ~10 s on
 * two cores); FC_SEED / FC_RUNS reproduce or widen a run.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { NewEntryInput, OtpAlgorithm } from '../../../../electron/domain';
import { decodeQr } from '../../../../electron/import/qr/decoder';
import { classifyQrText } from '../../../../electron/import/qr/payload';
import type { ImportedEntry } from '../../../../electron/import/types';
import {
  base32Encode,
  toMigrationUri,
  toOtpauthUri,
  validateEntryInput,
  type MigrationOtpParameters,
  type ValidEntry,
} from '../../../../electron/otp';
import { syntheticScreenshot, type ScreenshotSpec } from './render';

const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
const runs = (n: number): number => Number(process.env.FC_RUNS ?? n);
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: runs(numRuns),
  ...(SEED === undefined ? {} : { seed: SEED }),
});

/** Names as people type them: letters, digits, punctuation that must survive URL encoding, accents, CJK, emoji. */
const NAME_CHARS = [...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789 @._-:+&?#%/=éüß漢字😀'];
const name = (min: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.constantFrom(...NAME_CHARS), minLength: min, maxLength: 20 })
    .map((s) => s.trim())
    .filter((s) => s.length >= min);
const secret = fc.uint8Array({ minLength: 10, maxLength: 32 });
const algorithm = fc.constantFrom<OtpAlgorithm>('SHA1', 'SHA256', 'SHA512');

/** A valid entry, as the vault would accept it. */
const validEntry: fc.Arbitrary<ValidEntry> = fc
  .oneof(
    fc.record({
      type: fc.constant('totp' as const),
      digits: fc.integer({ min: 5, max: 10 }),
      period: fc.integer({ min: 1, max: 3600 }),
      algorithm,
    }),
    fc.record({
      type: fc.constant('hotp' as const),
      digits: fc.integer({ min: 5, max: 10 }),
      counter: fc.integer({ min: 0, max: 2 ** 40 }),
      algorithm,
    }),
    fc.record({ type: fc.constant('steam' as const) }),
  )
  .chain((shape) =>
    fc.record({ issuer: name(0), account: name(1), secret }).map((names): NewEntryInput => ({
      ...shape,
      issuer: names.issuer,
      account: names.account,
      secret: base32Encode(names.secret),
    })),
  )
  .map((input) => validateEntryInput(input))
  .filter((checked) => checked.ok)
  .map((checked) => (checked as Extract<typeof checked, { ok: true }>).value);

/** How the screenshot is made around the codes. */
const screen = (fourK: boolean, maxModule: number): fc.Arbitrary<Omit<ScreenshotSpec, 'texts'>> =>
  fc.record({
    width: fc.constant(fourK ? 3840 : 1920),
    height: fc.constant(fourK ? 2160 : 1080),
    moduleSize: fc.integer({ min: 2, max: maxModule }),
    seed: fc.integer(),
    invert: fc.boolean(),
    scaled: fc.boolean(),
    jpegQuality: fc.option(fc.integer({ min: 60, max: 90 }), { nil: undefined }),
  });

function comparable(
  e: Pick<ImportedEntry, 'type' | 'issuer' | 'account' | 'algorithm' | 'digits' | 'period' | 'counter' | 'secret'>,
) {
  return [e.type, e.issuer, e.account, e.algorithm, e.digits, e.period, e.counter, base32Encode(e.secret)];
}

/** Decodes the screenshot and returns the classified payloads of every code, in the order of `texts`. */
async function scanned(spec: ScreenshotSpec): Promise<ReturnType<typeof classifyQrText>[]> {
  const codes = await decodeQr(await syntheticScreenshot(spec));
  const found = new Map(codes.map((c) => [c.text, c]));
  return spec.texts.map((t) => {
    if (!found.has(t))
      throw new Error(`QR code not found: ${t.slice(0, 60)}… (${JSON.stringify({ ...spec, texts: undefined })})`);
    return classifyQrText(t);
  });
}

function otpauthProperty(fourK: boolean): fc.IAsyncProperty<[ValidEntry[], Omit<ScreenshotSpec, 'texts'>]> {
  return fc.asyncProperty(
    fc.array(validEntry, { minLength: 1, maxLength: 2 }),
    screen(fourK, 5),
    async (entries, spec) => {
      const texts = entries.map((e) => toOtpauthUri({ ...e.params, issuer: e.issuer, account: e.account }));
      const payloads = await scanned({ ...spec, texts });
      payloads.forEach((p, i) => {
        const e = entries[i];
        if (p.kind !== 'otpauth' || !e) throw new Error(`expected an account, got ${p.kind}`);
        const expected = comparable({ ...e.params, issuer: e.issuer, account: e.account });
        if (JSON.stringify(comparable(p.entry)) !== JSON.stringify(expected)) {
          throw new Error(`${JSON.stringify(comparable(p.entry))} !== ${JSON.stringify(expected)}`);
        }
      });
    },
  );
}

const migrationAccountArb: fc.Arbitrary<MigrationOtpParameters> = fc.record({
  secret,
  name: name(1).filter((n) => !n.includes(':')),
  issuer: name(0),
  algorithm: fc.integer({ min: 1, max: 3 }),
  digits: fc.integer({ min: 1, max: 2 }),
  type: fc.integer({ min: 1, max: 2 }),
  counter: fc.bigInt({ min: 0n, max: 2n ** 40n }),
});

describe('QR round trip: entry → QR → screenshot → decode → entry', () => {
  it('otpauth:// links on 1080p screenshots (one or two codes per screen)', async () => {
    await fc.assert(otpauthProperty(false), params(24));
  });

  it('otpauth:// links on 4K screenshots', async () => {
    await fc.assert(otpauthProperty(true), params(3));
  });

  it('Google Authenticator transfer payloads (batch parts) on 1080p screenshots', async () => {
    const batch = fc
      .record({ size: fc.integer({ min: 1, max: 5 }), id: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) })
      .chain(({ size, id }) =>
        fc.record({ size: fc.constant(size), id: fc.constant(id), index: fc.integer({ min: 0, max: size - 1 }) }),
      );
    const property = fc.asyncProperty(
      fc.array(migrationAccountArb, { minLength: 1, maxLength: 3 }),
      batch,
      screen(false, 4),
      async (accounts, b, spec) => {
        const uri = toMigrationUri({
          otpParameters: accounts,
          version: 1,
          batchSize: b.size,
          batchIndex: b.index,
          batchId: b.id,
        });
        const [payload] = await scanned({ ...spec, texts: [uri] });
        if (payload?.kind !== 'migration') throw new Error(`expected a transfer payload, got ${payload?.kind}`);
        const got = payload.entries.map((e) => [...comparable(e), e.batch]);
        const want = accounts.map((a) => {
          const type = a.type === 1 ? 'hotp' : 'totp';
          const alg = (['SHA1', 'SHA1', 'SHA256', 'SHA512'] as const)[a.algorithm];
          return [
            ...comparable({
              type,
              issuer: a.issuer,
              account: a.name,
              algorithm: alg ?? 'SHA1',
              digits: a.digits === 2 ? 8 : 6,
              period: type === 'totp' ? 30 : null,
              counter: type === 'hotp' ? Number(a.counter) : null,
              secret: a.secret,
            }),
            { id: b.id, index: b.index, size: b.size },
          ];
        });
        if (JSON.stringify(got) !== JSON.stringify(want))
          throw new Error(`${JSON.stringify(got)} !== ${JSON.stringify(want)}`);
      },
    );
    await fc.assert(property, params(10));
  });
});
