// SPDX-License-Identifier: GPL-3.0-or-later
/** Scans → review lists: accounts, problems, batches across scans, the same code seen twice. */
import { describe, expect, it } from 'vitest';
import { collectQrCodes, type QrScan } from '../../../../electron/import/qr/collect';
import type { QrCode } from '../../../../electron/import/qr/decoder';
import { toMigrationUri, type MigrationOtpParameters } from '../../../../electron/otp';

const at = { x: 0, y: 0, width: 10, height: 10 };
const corners = { topLeft: at, topRight: at, bottomRight: at, bottomLeft: at };
const code = (text: string): QrCode => ({ text, position: { ...at, corners } });
const scan = (source: string, ...texts: string[]): QrScan => ({ source, codes: texts.map(code) });

const otp = (name: string, secretByte: number): MigrationOtpParameters => ({
  secret: new Uint8Array(10).fill(secretByte),
  name,
  issuer: 'ACME',
  algorithm: 1,
  digits: 1,
  type: 2,
  counter: 0n,
});
const partOf = (index: number, size: number, names: string[]): string =>
  toMigrationUri({
    otpParameters: names.map((n, i) => otp(n, index * 10 + i + 1)),
    version: 1,
    batchSize: size,
    batchIndex: index,
    batchId: 4242,
  });

const TOTP = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';

describe('collectQrCodes', () => {
  it('sorts every code into accounts, unusable links and other content', () => {
    const found = collectQrCodes([
      scan('a.png', TOTP, 'https://example.com'),
      scan('b.png', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=99', 'plain words'),
    ]);
    expect(found.codeCount).toBe(4);
    expect(found.entries.map((e) => [e.source, e.entry.issuer])).toEqual([['a.png', 'GitHub']]);
    expect(found.invalid.map((p) => p.source)).toEqual(['b.png']);
    expect(found.invalid[0]?.message).toMatch(/cannot be used\. Codes must have 5 to 10 digits/);
    expect(found.invalid[0]?.details).toMatch(/^Invalid 'digits' parameter/);
    expect(found.notAccounts.map((p) => [p.source, p.message])).toEqual([
      ['a.png', 'This QR code holds a web link, not an authenticator account.'],
      ['b.png', 'This QR code holds text, not an authenticator account.'],
    ]);
  });

  it('counts the same text once (two screens showing one code)', () => {
    const found = collectQrCodes([scan('screen 1', TOTP), scan('screen 2', TOTP)]);
    expect(found.codeCount).toBe(2);
    expect(found.entries).toHaveLength(1);
  });

  it('follows a 3-part export across scans; a part seen again adds nothing', () => {
    const seen = new Set<string>();
    const first = collectQrCodes([scan('shot1.png', partOf(0, 3, ['a', 'b']))], undefined, seen);
    expect(first.batches.batches[0]).toMatchObject({ summary: '1 of 3 QR codes scanned' });
    expect(first.batches.batches[0]?.missing).toEqual(['QR code 2 of 3 is missing', 'QR code 3 of 3 is missing']);
    const second = collectQrCodes(
      [scan('shot2.png', partOf(2, 3, ['e']), partOf(0, 3, ['a', 'b']))],
      first.batches,
      seen,
    );
    expect(second.entries.map((e) => e.entry.account)).toEqual(['e']);
    expect(second.batches.batches[0]?.missing).toEqual(['QR code 2 of 3 is missing']);
    // The same part re-encoded (another text, same batch and index) is recognised by the tracker.
    const reencoded = `${partOf(2, 3, ['e'])}&x=1`;
    const third = collectQrCodes([scan('shot3.png', reencoded, partOf(1, 3, ['c', 'd']))], second.batches, seen);
    expect(third.entries.map((e) => e.entry.account)).toEqual(['c', 'd']);
    expect(third.batches.batches[0]).toMatchObject({ complete: true, summary: 'All 3 QR codes scanned' });
  });
});
