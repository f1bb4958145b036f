// SPDX-License-Identifier: GPL-3.0-or-later
/** decodeQr over the shared corpus (every screenshot code, ≥ 90 % of ZXing-C++'s photos) and its input checks. */
import { describe, expect, it } from 'vitest';
import { checkRgbaImage, decodeQr, swapRedBlue } from '../../../../electron/import/qr/decoder';
import { QrError } from '../../../../electron/import/qr/errors';
import { readImageFile } from '../../../../electron/import/qr/image';
import { corpusDir, describeCorpus } from '../../../helpers/corpus';
import { allFound, corpusImages } from './corpus-images';
import { fillRect, newCanvas, paintQr } from './render';

describeCorpus('QR corpus: screenshots/', () => {
  const images = corpusImages(corpusDir(), 'screenshots');

  it('has the images the README describes', () => {
    expect(images.length).toBeGreaterThanOrEqual(20);
  });

  it.each(images.map((i) => [i.rel, i] as const))('%s: every code is found, inside the image', async (_, image) => {
    const pixels = await readImageFile(image.file);
    const codes = await decodeQr(pixels);
    expect(codes.map((c) => c.text).sort()).toEqual([...image.expected].sort());
    for (const { position: p } of codes) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.x + p.width).toBeLessThanOrEqual(pixels.width);
      expect(p.y + p.height).toBeLessThanOrEqual(pixels.height);
      expect(p.width).toBeGreaterThan(20);
    }
  });
});

describeCorpus('QR corpus: zxing-cpp/ (hard photos and scans)', () => {
  it('decodes at least 90 % to their expected text', async () => {
    const images = corpusImages(corpusDir(), 'zxing-cpp');
    expect(images.length).toBeGreaterThanOrEqual(130);
    const missed: string[] = [];
    for (const image of images) {
      const codes = await decodeQr(await readImageFile(image.file));
      if (
        !allFound(
          image,
          codes.map((c) => c.text),
        )
      )
        missed.push(image.rel);
    }
    const hits = images.length - missed.length;
    console.info(`[qr] zxing-cpp corpus: ${hits} / ${images.length} (${((100 * hits) / images.length).toFixed(1)} %)`);
    expect(hits / images.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('decodeQr', () => {
  it('finds nothing in an image without a code', async () => {
    const data = new Uint8Array(64 * 48 * 4).fill(200);
    expect(await decodeQr({ data, width: 64, height: 48 })).toEqual([]);
  });

  it('reads BGRA pixels (Electron nativeImage.toBitmap) with pixelOrder bgra', async () => {
    const text = 'otpauth://totp/Example:bgra?secret=JBSWY3DPEHPK3PXP&issuer=Example';
    // Dark modules (0, 0, 98) and light ones (255, 0, 0): clear contrast in grey made from RGB, none
    // at all when red and blue are swapped. So only the right pixel order finds the code.
    const c = newCanvas(300, 300);
    fillRect(c, 0, 0, 300, 300, [255, 255, 255]);
    paintQr(c, text, 20, 20, 4);
    for (let i = 0; i < c.data.length; i += 4) {
      const dark = c.data[i] === 0;
      c.data.set(dark ? [0, 0, 98, 255] : [255, 0, 0, 255], i);
    }
    expect((await decodeQr(c)).map((q) => q.text)).toEqual([text]);
    const bgra = { ...c, data: swapRedBlue(c.data) };
    expect(await decodeQr(bgra)).toEqual([]);
    expect((await decodeQr(bgra, { pixelOrder: 'bgra' })).map((q) => q.text)).toEqual([text]);
  });

  it('refuses an image over the size limit before decoding, with a typed error', async () => {
    const tiny = new Uint8Array(16);
    const error = await decodeQr({ data: tiny, width: 20_000, height: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QrError);
    expect((error as QrError).kind).toBe('too-large');
    expect((error as QrError).message).toMatch(/20000 × 20000 pixels.*16384 pixels a side/);
    expect(() => checkRgbaImage({ data: tiny, width: 16_385, height: 1 })).toThrow(/larger than Tessera scans/);
    expect(() => checkRgbaImage({ data: tiny, width: 10_000, height: 10_000 })).toThrow(QrError); // 100 MP
  });

  it('treats a buffer that does not match its size as a bug (RangeError), not a user error', () => {
    expect(() => checkRgbaImage({ data: new Uint8Array(15), width: 2, height: 2 })).toThrow(RangeError);
    expect(() => checkRgbaImage({ data: new Uint8Array(0), width: 0, height: 0 })).toThrow(QrError);
  });
});
