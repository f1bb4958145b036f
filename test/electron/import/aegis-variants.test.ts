// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Aegis's variants beyond the fixtures (electron/import/aegis.ts, docs/formats.md §1): the variant
 * names for each content version, plain and encrypted, and the fields detection requires.
 */
import { describe, expect, it } from 'vitest';
import { detectFormat, importFile } from '../../../electron/import';
import { aegisEncrypted } from './writers';

const te = new TextEncoder();
const json = (value: unknown): Uint8Array => te.encode(JSON.stringify(value));
const entry = {
  type: 'totp',
  name: 'alice',
  issuer: 'Example',
  info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
};
const plain = (version: number): Uint8Array =>
  json({ version: 1, header: { slots: null, params: null }, db: { version, entries: [entry] } });

describe('Aegis variants', () => {
  it('names the variant: plain or encrypted, and the content version when it is older than 3', async () => {
    expect((await importFile(plain(3))).variant).toBe('plain backup');
    expect((await importFile(plain(2))).variant).toBe('plain backup, content version 2 (older Aegis)');
    expect((await importFile(plain(1))).variant).toBe('plain backup, content version 1 (older Aegis)');
    const content = te.encode(JSON.stringify({ version: 3, entries: [entry], groups: [] }));
    const encrypted = await importFile(aegisEncrypted(content, 'pw'), { password: 'pw' });
    expect(encrypted.variant).toBe('encrypted backup (scrypt)');
  });

  it('is detected by its required fields: version, a header with slots and params, and db', () => {
    expect(detectFormat(plain(3))?.format).toBe('aegis');
    expect(detectFormat(json({ version: 1, header: {}, db: {} }))).toBeNull();
    expect(detectFormat(json({ version: 1, header: { slots: null, params: null } }))).toBeNull();
    expect(detectFormat(json({ version: 1, header: { slots: null, params: null }, db: 5 }))).toBeNull();
    expect(detectFormat(json({ version: '1', header: { slots: null, params: null }, db: {} }))).toBeNull();
  });
});
