// SPDX-License-Identifier: GPL-3.0-or-later
/** Duo Mobile's internal accounts.json (electron/import/duo.ts): what detection requires, the variant. */
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../electron/import';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));

describe('Duo Mobile variants', () => {
  it('needs an otpGenerator with an otpSecret text', async () => {
    const file = json([{ name: 'alice', otpGenerator: { otpSecret: 'JBSWY3DPEHPK3PXP' } }]);
    expect(detectFormat(file)?.format).toBe('duo');
    expect((await importFile(file)).variant).toBe('internal storage (accounts.json)');
    expect(detectFormat(json([{ name: 'alice', otpGenerator: {} }]))).toBeNull();
    expect(detectFormat(json([{ name: 'alice', otpGenerator: 'x' }]))).toBeNull();
    expect(detectFormat(json([]))).toBeNull();
  });
});
