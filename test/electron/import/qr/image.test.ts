// SPDX-License-Identifier: GPL-3.0-or-later
/** Image bytes → RGBA: every supported format, the header-first size check, and hostile files. */
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RgbaImage } from '../../../../electron/import/qr/decoder';
import { QrError, type QrErrorKind } from '../../../../electron/import/qr/errors';
import { decodeImage, readImageFile } from '../../../../electron/import/qr/image';
import { readImageHeader, sniffImageFormat } from '../../../../electron/import/qr/image-header';
import { QR_IMAGE_LIMITS } from '../../../../electron/import/qr/limits';
import { encodeBmp } from './bmp';
import { encodeImage, fillRect, newCanvas } from './render';

/** A 37 × 23 test card: black and white blocks (exact in every depth), one grey band. */
function testCard(grey = true): RgbaImage {
  const c = newCanvas(37, 23);
  fillRect(c, 0, 0, 37, 23, [255, 255, 255]);
  fillRect(c, 3, 2, 10, 7, [0, 0, 0]);
  fillRect(c, 20, 12, 12, 9, [0, 0, 0]);
  if (grey) fillRect(c, 0, 18, 10, 3, [128, 128, 128]);
  return c;
}

async function failure(promise: Promise<unknown>): Promise<QrError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(QrError);
  return error as QrError;
}

async function expectKind(bytes: Uint8Array, kind: QrErrorKind): Promise<QrError> {
  const error = await failure(decodeImage(bytes));
  expect(error.kind).toBe(kind);
  return error;
}

/** A PNG file holding only a signature, an IHDR chunk (valid CRC) declaring `width × height`, and IEND. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // One deflated row so a decoder that ignored the header would start allocating, not fail on a missing IDAT.
  const idat = deflateSync(Buffer.alloc(1 + width * 4));
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('image headers', () => {
  it.each(['png', 'jpeg', 'webp', 'gif'] as const)('%s: format and size from the first bytes', async (format) => {
    const bytes = await encodeImage(testCard(), format);
    expect(sniffImageFormat(bytes)).toBe(format);
    expect(readImageHeader(bytes)).toEqual({ format, width: 37, height: 23 });
  });

  it('lossy WebP (VP8) and extended WebP (VP8X) headers', async () => {
    const lossy = await (
      await import('sharp')
    )
      .default(await encodeImage(testCard(), 'png'))
      .webp({ quality: 80 })
      .toBuffer();
    expect(readImageHeader(lossy)).toEqual({ format: 'webp', width: 37, height: 23 });
    const vp8x = Buffer.alloc(30);
    vp8x.write('RIFF', 0, 'latin1');
    vp8x.write('WEBPVP8X', 8, 'latin1');
    vp8x.writeUIntLE(16383, 24, 3);
    vp8x.writeUIntLE(99, 27, 3);
    expect(readImageHeader(vp8x)).toEqual({ format: 'webp', width: 16384, height: 100 });
  });

  it.each([
    ['24-bit bottom-up', { bitsPerPixel: 24 }],
    ['32-bit top-down', { bitsPerPixel: 32, topDown: true }],
    ['8-bit palette', { bitsPerPixel: 8 }],
    ['1-bit', { bitsPerPixel: 1 }],
    ['core header', { bitsPerPixel: 24, coreHeader: true }],
  ] as const)('bmp %s', (_, options) => {
    expect(readImageHeader(encodeBmp(testCard(), options))).toEqual({ format: 'bmp', width: 37, height: 23 });
  });
});

describe('decodeImage', () => {
  it.each([
    ['png', (img: RgbaImage) => encodeImage(img, 'png')],
    ['lossless webp', (img: RgbaImage) => encodeImage(img, 'webp')],
    ['gif', (img: RgbaImage) => encodeImage(img, 'gif')],
    ['bmp 24-bit', (img: RgbaImage) => encodeBmp(img, { bitsPerPixel: 24 })],
    ['bmp 32-bit top-down', (img: RgbaImage) => encodeBmp(img, { bitsPerPixel: 32, topDown: true })],
    ['bmp 8-bit palette', (img: RgbaImage) => encodeBmp(img, { bitsPerPixel: 8 })],
    ['bmp 1-bit', (img: RgbaImage) => encodeBmp(img, { bitsPerPixel: 1 })],
  ] as const)('%s: the exact pixels, RGBA and opaque', async (name, encode) => {
    const card = testCard(!name.includes('1-bit'));
    const decoded = await decodeImage(await encode(card));
    expect(decoded).toMatchObject({ width: 37, height: 23 });
    expect(Buffer.from(decoded.data).equals(Buffer.from(card.data))).toBe(true);
  });

  it('jpeg: close to the original', async () => {
    const card = testCard();
    const decoded = await decodeImage(await encodeImage(card, 'jpeg', 95));
    expect(decoded.format).toBe('jpeg');
    let worst = 0;
    for (let i = 0; i < card.data.length; i++)
      worst = Math.max(worst, Math.abs((decoded.data[i] ?? 0) - (card.data[i] ?? 0)));
    expect(worst).toBeLessThan(80);
  });

  it('grey, 16-bit and palette PNGs all come out as 8-bit RGBA', async () => {
    const sharp = (await import('sharp')).default;
    const png = await encodeImage(testCard(), 'png');
    for (const bytes of [
      await sharp(png).toColourspace('b-w').png().toBuffer(),
      await sharp(png).toColourspace('rgb16').png().toBuffer(),
      await sharp(png).png({ palette: true, colours: 4 }).toBuffer(),
    ]) {
      const decoded = await decodeImage(bytes);
      expect(decoded.data.length).toBe(37 * 23 * 4);
      expect(Array.from(decoded.data.subarray(0, 4))).toEqual([255, 255, 255, 255]);
      expect(Array.from(decoded.data.subarray((3 * 37 + 5) * 4, (3 * 37 + 5) * 4 + 4))).toEqual([0, 0, 0, 255]);
    }
  });
});

describe('hostile and unsupported input', () => {
  it('not an image: text, nothing, a PDF, an SVG', async () => {
    for (const text of [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP',
      '',
      '%PDF-1.7\n',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    ]) {
      const error = await expectKind(Buffer.from(text), 'not-an-image');
      expect(error.message).toBe('This file is not an image Tessera can read (PNG, JPEG, WebP, BMP or GIF).');
    }
  });

  it('a truncated PNG is unreadable, with a clear message', async () => {
    const png = await encodeImage(testCard(), 'png');
    for (const cut of [12, 30, Math.floor(png.length * 0.6), png.length - 13]) {
      const error = await expectKind(png.subarray(0, cut), 'unreadable-image');
      expect(error.message).toBe('This PNG image is cut short or damaged.');
    }
  });

  it('damaged JPEG, WebP and GIF data is unreadable', async () => {
    for (const format of ['jpeg', 'webp', 'gif'] as const) {
      const bytes = Buffer.from(await encodeImage(testCard(), format));
      await expectKind(bytes.subarray(0, Math.floor(bytes.length / 2)), 'unreadable-image');
    }
    await expectKind(Buffer.from([0xff, 0xd8, 0xff, 0xd9]), 'unreadable-image'); // SOI, EOI: no frame
  });

  it('a 20,000 × 20,000 PNG is refused from its header, before any pixel is decoded', async () => {
    const bytes = pngHeaderOnly(20_000, 20_000);
    expect(bytes.length).toBeLessThan(1000);
    const started = performance.now();
    const error = await expectKind(bytes, 'too-large');
    expect(performance.now() - started).toBeLessThan(200);
    expect(error.message).toMatch(/^The image is 20000 × 20000 pixels, larger than Tessera scans/);
    expect(error.message).toMatch(/Crop the part with the QR code/);
    // Either limit on its own: a side over 16384, or too many pixels in total.
    await expectKind(pngHeaderOnly(16_385, 10), 'too-large');
    await expectKind(pngHeaderOnly(9000, 9000), 'too-large');
  });

  it('oversized JPEG, GIF and BMP headers are refused the same way', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x4e, 0x20, 0x4e, 0x20, 0x03]);
    expect(readImageHeader(jpeg)).toEqual({ format: 'jpeg', width: 20_000, height: 20_000 });
    await expectKind(jpeg, 'too-large');
    const gif = Buffer.from('GIF89a\xff\xff\xff\xff\x00\x00\x00', 'latin1');
    await expectKind(gif, 'too-large');
    const bmp = encodeBmp(testCard(), { bitsPerPixel: 24 });
    bmp.writeInt32LE(-30_000, 22);
    await expectKind(bmp, 'too-large');
  });

  it('BMP variants bmp-ts gets wrong are refused, not decoded wrongly', async () => {
    for (const options of [
      { bitsPerPixel: 4 },
      { bitsPerPixel: 8, compression: 1 },
      { bitsPerPixel: 24, coreHeader: true },
    ] as const) {
      const error = await expectKind(encodeBmp(testCard(), options), 'unreadable-image');
      expect(error.message).toMatch(/This kind of BMP .* is not supported/);
    }
    const bmp = encodeBmp(testCard(), { bitsPerPixel: 24 });
    await expectKind(bmp.subarray(0, bmp.length - 200), 'unreadable-image');
  });

  describe('files', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'tessera-qr-image-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('reads a file', async () => {
      const file = path.join(dir, 'card.png');
      await writeFile(file, await encodeImage(testCard(), 'png'));
      expect(await readImageFile(file)).toMatchObject({ format: 'png', width: 37, height: 23 });
    });

    it('refuses a file over the size limit without reading it', async () => {
      const file = path.join(dir, 'huge.png');
      await writeFile(file, await encodeImage(testCard(), 'png'));
      await truncate(file, QR_IMAGE_LIMITS.maxFileBytes + 1); // sparse: no disk used
      const error = await failure(readImageFile(file));
      expect(error.kind).toBe('too-large');
      expect(error.message).toBe('The file is over 256 MB, too large for Tessera to scan.');
    });
  });
});
