// SPDX-License-Identifier: GPL-3.0-or-later
/** Google transfer codes: batches of ≤ 10 with batch info (docs/formats.md §2.2), warnings, and QR images. */
import jsQR from 'jsqr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { entryUris, exportMigration, qrPng, type ExportEntry } from '../../../electron/export';
import { parseMigrationUri } from '../../../electron/otp';

const totp = (i: number, extra: Partial<ExportEntry> = {}): ExportEntry => ({
  type: 'totp',
  issuer: `Issuer ${i}`,
  account: `user${i}@example.com`,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: null,
  secret: Uint8Array.from({ length: 20 }, (_, k) => (i * 31 + k) & 0xff),
  ...extra,
});

describe('migration QR export', () => {
  it('splits 23 accounts into 3 links (10, 10, 3) sharing one batch id', () => {
    const out = exportMigration(Array.from({ length: 23 }, (_, i) => totp(i)));
    expect(out.uris).toHaveLength(3);
    expect(out.accounts).toBe(23);
    const payloads = out.uris.map(parseMigrationUri);
    expect(payloads.map((p) => p.otpParameters.length)).toEqual([10, 10, 3]);
    expect(payloads.map((p) => [p.batchIndex, p.batchSize, p.batchId, p.version])).toEqual([
      [0, 3, out.batch.id, 1],
      [1, 3, out.batch.id, 1],
      [2, 3, out.batch.id, 1],
    ]);
    expect(payloads[0]?.otpParameters[0]).toMatchObject({ name: 'user0@example.com', issuer: 'Issuer 0', type: 2 });
  });

  it('leaves out and names what cannot travel: non-30 s periods, Steam, digits other than 6/8', () => {
    const out = exportMigration([
      totp(0),
      totp(1, { period: 60 }),
      totp(2, { type: 'steam', digits: 5 }),
      totp(3, { digits: 7 }),
      totp(4, { type: 'hotp', period: null, counter: 7, digits: 8 }),
    ]);
    expect(out.accounts).toBe(2);
    expect(out.warnings.map((w) => w.index)).toEqual([1, 2, 3]);
    expect(out.warnings[0]?.reason).toMatch(/60-second period/);
    expect(out.warnings[1]?.reason).toMatch(/Steam/);
    expect(out.warnings[2]?.reason).toMatch(/7-digit/);
    expect(out.warnings[0]?.label).toBe('Issuer 1 (user1@example.com)');
    const [payload] = out.uris.map(parseMigrationUri);
    expect(payload?.otpParameters[1]).toMatchObject({ type: 1, digits: 2, counter: 7n });
  });

  it('gives no links for an empty vault', () => {
    expect(exportMigration([]).uris).toEqual([]);
  });

  it('renders a PNG that decodes back to the link; per-entry otpauth links too', async () => {
    const [uri = ''] = exportMigration([totp(0), totp(1)]).uris;
    for (const text of [uri, ...entryUris([totp(5, { period: 60 })])]) {
      const { data, info } = await sharp(await qrPng(text))
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const decoded = jsQR(new Uint8ClampedArray(data), info.width, info.height);
      expect(decoded?.data).toBe(text);
    }
    expect(entryUris([totp(5, { period: 60 })])[0]).toMatch(/^otpauth:\/\/totp\/Issuer%205:user5%40example\.com\?/);
  });
});
