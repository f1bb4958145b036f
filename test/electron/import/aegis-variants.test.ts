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

describe('Aegis icons', () => {
  /** A 1×1 PNG holding only the chunks that draw it (the icon check keeps those). */
  const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
  const withIcon = (icon: unknown, mime = 'image/png'): Uint8Array =>
    json({
      version: 1,
      header: { slots: null, params: null },
      db: { version: 3, entries: [{ ...entry, icon, icon_mime: mime }], groups: [] },
    });

  it('brings an embedded PNG as the entry’s icon, checked', async () => {
    const result = await importFile(withIcon(PNG_1X1));
    expect(result.entries[0]?.iconImage?.mime).toBe('image/png');
    expect(Buffer.from(result.entries[0]?.iconImage?.bytes ?? []).toString('base64')).toBe(PNG_1X1);
    expect(result.notices).toBeUndefined();
  });

  it('sanitises an embedded SVG (its editor metadata gone, its drawing kept); one with a script is left out', async () => {
    const svg = (extra: string): string =>
      Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">${extra}<path fill="#ff0000" d="M0 0h24v24H0z"/></svg>`,
      ).toString('base64');
    const result = await importFile(withIcon(svg('<metadata>made by an editor</metadata>'), 'image/svg+xml'));
    const kept = new TextDecoder().decode(result.entries[0]?.iconImage?.bytes);
    expect(result.entries[0]?.iconImage?.mime).toBe('image/svg+xml');
    expect(kept).not.toContain('editor');
    expect(kept).toContain('M0 0h24v24H0z');
    const scripted = await importFile(withIcon(svg('<script>alert(1)</script>'), 'image/svg+xml'));
    expect(scripted.entries[0]?.iconImage).toBeUndefined();
    expect(scripted.notices?.[0]?.details).toContain('script');
  });

  it('an icon that is no image, or not base64, is left out with a notice; the account is still imported', async () => {
    for (const icon of [Buffer.from('not an image').toString('base64'), '***not base64***']) {
      const result = await importFile(withIcon(icon));
      expect(result.entries).toHaveLength(1);
      expect(result.entries[0]?.iconImage).toBeUndefined();
      expect(result.skipped).toEqual([]);
      expect(result.notices).toEqual([
        {
          index: 0,
          label: 'Example (alice)',
          reason: expect.stringContaining('its icon was left out') as string,
          details: expect.any(String) as string,
        },
      ]);
    }
  });

  it('no icon (null, absent or empty) is no icon and no notice', async () => {
    for (const icon of [null, undefined, '']) {
      const result = await importFile(withIcon(icon));
      expect(result.entries[0]?.iconImage).toBeUndefined();
      expect(result.notices).toBeUndefined();
    }
  });
});
