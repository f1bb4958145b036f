// SPDX-License-Identifier: GPL-3.0-or-later
/** A small BMP writer for tests: BITMAPINFOHEADER (or the old 12-byte core header), 1/4/8/24/32 bits, either row order. */
import type { RgbaImage } from '../../../../electron/import/qr/decoder';

export interface BmpOptions {
  readonly bitsPerPixel: 1 | 4 | 8 | 24 | 32;
  /** Rows stored top to bottom (negative height). Default bottom-up, as most files are. */
  readonly topDown?: boolean;
  /** The 12-byte BITMAPCOREHEADER of OS/2 and Windows 2 (24 bits only here). */
  readonly coreHeader?: boolean;
  /** The compression field (to write an RLE header for refusal tests; the pixels are not compressed). */
  readonly compression?: number;
}

/**
 * Encodes pixels as BMP. Palette depths map each pixel to grey levels (0 or 255 for 1 bit), so
 * use black-and-white or grey images with them.
 */
export function encodeBmp(image: RgbaImage, options: BmpOptions): Buffer {
  const { width, height } = image;
  const bpp = options.bitsPerPixel;
  const colours = bpp <= 8 ? 1 << bpp : 0;
  const dibSize = options.coreHeader ? 12 : 40;
  const paletteBytes = colours * (options.coreHeader ? 3 : 4);
  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  const offset = 14 + dibSize + paletteBytes;
  const out = Buffer.alloc(offset + rowBytes * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(offset, 10);
  out.writeUInt32LE(dibSize, 14);
  if (options.coreHeader) {
    out.writeUInt16LE(width, 18);
    out.writeUInt16LE(height, 20);
    out.writeUInt16LE(1, 22);
    out.writeUInt16LE(bpp, 24);
  } else {
    out.writeInt32LE(width, 18);
    out.writeInt32LE(options.topDown ? -height : height, 22);
    out.writeUInt16LE(1, 26);
    out.writeUInt16LE(bpp, 28);
    out.writeUInt32LE(options.compression ?? 0, 30);
    out.writeUInt32LE(rowBytes * height, 34);
  }
  for (let i = 0; i < colours; i++) {
    const grey = Math.round((255 * i) / (colours - 1));
    const at = 14 + dibSize + i * (options.coreHeader ? 3 : 4);
    out[at] = grey;
    out[at + 1] = grey;
    out[at + 2] = grey;
  }
  for (let y = 0; y < height; y++) {
    const row = offset + (options.topDown ? y : height - 1 - y) * rowBytes;
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 4;
      const [r = 0, g = 0, b = 0, a = 255] = image.data.subarray(p, p + 4);
      if (bpp === 24 || bpp === 32) {
        const at = row + x * (bpp / 8);
        out[at] = b;
        out[at + 1] = g;
        out[at + 2] = r;
        if (bpp === 32) out[at + 3] = a;
      } else {
        const index = Math.round((r / 255) * (colours - 1));
        const bit = x * bpp;
        const at = row + (bit >> 3);
        out[at] = (out[at] ?? 0) | (index << (8 - bpp - (bit & 7)));
      }
    }
  }
  return out;
}
