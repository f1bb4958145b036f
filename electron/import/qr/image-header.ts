// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Image files by their first bytes: which format (never the file name), and the dimensions the
 * header declares, read without decoding a pixel. That lets the size limit refuse a crafted
 * 20,000 × 20,000 PNG from its 33-byte header instead of after a 1.6 GB allocation.
 *
 * @see https://www.w3.org/TR/png-3/#5PNG-file-signature (PNG signature, IHDR)
 * @see https://www.w3.org/Graphics/JPEG/itu-t81.pdf §B.1.1.3, B.2.2 (markers, SOFn frame header)
 * @see https://developers.google.com/speed/webp/docs/riff_container (VP8, VP8L, VP8X)
 * @see https://www.w3.org/Graphics/GIF/spec-gif89a.txt §18 (logical screen descriptor)
 * @see https://learn.microsoft.com/en-us/windows/win32/gdi/bitmap-storage (BITMAPFILEHEADER + DIB header)
 */
import { QrError } from './errors';

/** The image formats QR import reads. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp' | 'gif';

/** A format and the size its header declares. */
export interface ImageHeader {
  readonly format: ImageFormat;
  readonly width: number;
  readonly height: number;
}

const SIGNATURES: readonly { readonly format: ImageFormat; readonly test: (b: Uint8Array) => boolean }[] = [
  { format: 'png', test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { format: 'jpeg', test: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  { format: 'webp', test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP' },
  { format: 'gif', test: (b) => ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' },
  { format: 'bmp', test: (b) => ascii(b, 0, 2) === 'BM' && b.length >= 14 },
];

/** The format of these bytes by their signature, or null when they are none of the supported ones. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  return SIGNATURES.find((s) => s.test(bytes))?.format ?? null;
}

/**
 * The format and declared dimensions of an image file.
 * @throws QrError `not-an-image` for an unknown signature; `unreadable-image` for a header that
 *   is cut short or damaged.
 */
export function readImageHeader(bytes: Uint8Array): ImageHeader {
  const format = sniffImageFormat(bytes);
  if (format === null) {
    throw new QrError('not-an-image', 'This file is not an image Tessera can read (PNG, JPEG, WebP, BMP or GIF).');
  }
  const size = HEADER_READERS[format](bytes);
  if (size === null)
    throw new QrError('unreadable-image', `This ${format.toUpperCase()} image is cut short or damaged.`);
  return { format, ...size };
}

type Size = { width: number; height: number } | null;

const HEADER_READERS: Readonly<Record<ImageFormat, (b: Uint8Array) => Size>> = {
  png: pngSize,
  jpeg: jpegSize,
  webp: webpSize,
  gif: (b) => (b.length < 10 ? null : { width: u16le(b, 6), height: u16le(b, 8) }),
  bmp: bmpSize,
};

/** IHDR is always the first chunk: length, "IHDR", width, height (big-endian). */
function pngSize(b: Uint8Array): Size {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

/** Walks the marker segments up to the first SOFn (start of frame), which holds the size. */
function jpegSize(b: Uint8Array): Size {
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      i += 2; // standalone markers: TEM, RSTn, SOI
      continue;
    }
    if (marker === 0xd9 || marker === 0xda || i + 4 > b.length) return null; // EOI / SOS before any frame
    const length = u16be(b, i + 2);
    if (isStartOfFrame(marker)) return i + 9 > b.length ? null : { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    if (length < 2) return null;
    i += 2 + length;
  }
  return null;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function webpSize(b: Uint8Array): Size {
  switch (ascii(b, 12, 4)) {
    case 'VP8 ': // lossy: key frame start code 9d 01 2a, then 14-bit width and height
      if (b.length < 30 || b[23] !== 0x9d || b[24] !== 0x01 || b[25] !== 0x2a) return null;
      return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
    case 'VP8L': {
      // lossless: signature 0x2f, then width−1 and height−1 in 14 bits each
      if (b.length < 25 || b[20] !== 0x2f) return null;
      const bits = u32le(b, 21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X': // extended: canvas width−1 and height−1 in 24 bits each
      if (b.length < 30) return null;
      return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
    default:
      return null;
  }
}

/** BITMAPCOREHEADER (12 bytes) has 16-bit sizes; every later DIB header signed 32-bit (negative height = top-down). */
function bmpSize(b: Uint8Array): Size {
  if (b.length < 26) return null;
  const dibSize = u32le(b, 14);
  if (dibSize === 12) return { width: u16le(b, 18), height: u16le(b, 20) };
  if (dibSize < 40) return null;
  return { width: Math.abs(i32le(b, 18)), height: Math.abs(i32le(b, 22)) };
}

function startsWith(b: Uint8Array, prefix: readonly number[]): boolean {
  return b.length >= prefix.length && prefix.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, offset: number, length: number): string {
  return b.length < offset + length ? '' : String.fromCharCode(...b.subarray(offset, offset + length));
}

const byte = (b: Uint8Array, i: number): number => b[i] ?? 0;
const u16be = (b: Uint8Array, i: number): number => (byte(b, i) << 8) | byte(b, i + 1);
const u16le = (b: Uint8Array, i: number): number => byte(b, i) | (byte(b, i + 1) << 8);
const u24le = (b: Uint8Array, i: number): number => u16le(b, i) | (byte(b, i + 2) << 16);
const u32le = (b: Uint8Array, i: number): number => (u24le(b, i) | (byte(b, i + 3) << 24)) >>> 0;
const i32le = (b: Uint8Array, i: number): number => u32le(b, i) | 0;
const u32be = (b: Uint8Array, i: number): number =>
  ((byte(b, i) << 24) | (byte(b, i + 1) << 16) | u16be(b, i + 2)) >>> 0;
