// SPDX-License-Identifier: GPL-3.0-or-later
/** renderer/shared/domain-values.ts is generated from electron/domain; it must not drift. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as domain from '../../../electron/domain';
import * as values from '../../../renderer/shared/domain-values';
import { renderDomainValues, RENDERER_DOMAIN_FILE } from '../../../scripts/lib/renderer-domain';

const ROOT = path.resolve(__dirname, '../../..');

describe('the domain values the window checks with', () => {
  it('are what `npm run gen:domain` writes now (run it after changing electron/domain)', async () => {
    const current = readFileSync(path.join(ROOT, RENDERER_DOMAIN_FILE), 'utf8');
    expect(current).toBe(await renderDomainValues(ROOT));
  });

  it('equal the domain’s', () => {
    expect(values.ENTRY_LIMITS).toEqual(domain.ENTRY_LIMITS);
    expect(values.SETTINGS_LIMITS).toEqual(domain.SETTINGS_LIMITS);
    expect(values.QUICK_UNLOCK_LIMITS).toEqual(domain.QUICK_UNLOCK_LIMITS);
    expect(values.MIN_PASSWORD_LENGTH).toBe(domain.MIN_PASSWORD_LENGTH);
    expect(values.OTP_TYPES).toEqual(domain.OTP_TYPES);
    expect(values.OTP_ALGORITHMS).toEqual(domain.OTP_ALGORITHMS);
    for (const v of ['totp', 'hotp', 'steam', 'motp', 'constructor', 1])
      expect(values.isOtpType(v)).toBe(domain.isOtpType(v));
    for (const v of ['SHA1', 'SHA256', 'SHA512', 'MD5', 'toString']) {
      expect(values.isOtpAlgorithm(v)).toBe(domain.isOtpAlgorithm(v));
    }
  });

  it('agree with the domain on what a PIN looks like', () => {
    const samples = [
      '',
      '12345',
      '123456',
      'abcdef',
      'a1b2c3',
      'ПИН1234',
      '١٢٣٤٥٦',
      '1234 56',
      '12345-6',
      '123456!',
      '１２３４５６',
      '1'.repeat(64),
      '1'.repeat(65),
      '😀😀😀😀😀😀',
    ];
    for (const pin of samples) expect(values.isPinShaped(pin), pin).toBe(domain.isPinShaped(pin));
    fc.assert(
      fc.property(fc.string({ maxLength: 70, unit: 'grapheme' }), (pin) => {
        expect(values.isPinShaped(pin)).toBe(domain.isPinShaped(pin));
      }),
    );
  });
});
