// SPDX-License-Identifier: GPL-3.0-or-later
/** The clipboard's picture from W3C-style clipboard items: which item and type, decoding, limits. */
import { describe, expect, it } from 'vitest';
import { qrPng } from '../../../electron/export/qr';
import { QrError } from '../../../electron/import/qr';
import { imageFromClipboardItems, type ClipboardItemLike } from '../../../electron/services/clipboard-image';

function item(parts: Record<string, unknown>): ClipboardItemLike & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    types: Object.keys(parts),
    getType: async (type) => {
      asked.push(type);
      return parts[type];
    },
  };
}

describe('imageFromClipboardItems', () => {
  it('decodes a copied PNG to RGBA pixels and wipes the encoded bytes', async () => {
    const png = await qrPng('https://example.com', { scale: 2 });
    const bytes = Uint8Array.from(png);
    const blob = { size: bytes.length, arrayBuffer: async () => bytes.buffer };
    const copied = item({ 'text/plain': 'x', 'image/svg+xml': 'svg', 'image/png': blob });
    const image = await imageFromClipboardItems([copied]);
    expect(image).toMatchObject({ pixelOrder: 'rgba' });
    expect(image?.data.byteLength).toBe((image?.width ?? 0) * (image?.height ?? 0) * 4);
    expect(copied.asked).toEqual(['image/png']);
    expect(bytes.every((b) => b === 0)).toBe(true);
  });

  it('prefers PNG, skips what is not an image it reads, and answers null when nothing is left', async () => {
    const text = new TextEncoder().encode('not an image');
    const fake = { size: text.length, arrayBuffer: async () => Uint8Array.from(text).buffer };
    const both = item({ 'image/x-weird': fake, 'image/png': fake });
    expect(await imageFromClipboardItems([both, item({ 'text/plain': 'hello' })])).toBeNull();
    expect(both.asked).toEqual(['image/png', 'image/x-weird']);
    expect(await imageFromClipboardItems([])).toBeNull();
  });

  it('refuses a huge picture before reading it, and a damaged one with a clear error', async () => {
    const huge = { size: 60 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('must not be read')) };
    await expect(imageFromClipboardItems([item({ 'image/png': huge })])).rejects.toMatchObject({ kind: 'too-large' });
    const png = await qrPng('https://example.com', { scale: 2 });
    const cut = Uint8Array.from(png.subarray(0, 60));
    const damaged = { size: cut.length, arrayBuffer: async () => cut.buffer };
    await expect(imageFromClipboardItems([item({ 'image/png': damaged })])).rejects.toBeInstanceOf(QrError);
  });
});
