// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Image file bytes → RGBA pixels, for the CLI and the app alike (Electron's `nativeImage` reads only
 * PNG and JPEG on Linux; screen captures, already pixels, skip this).
 * The format comes from the bytes' signature and the size from the header (image-header.ts); both
 * are checked against QR_IMAGE_LIMITS before a single pixel is decoded.
 *
 * PNG, JPEG, WebP and GIF (first frame) go through sharp (libvips, prebuilt for every desktop
 * platform, no install script), loaded only when an image is decoded so other CLI commands never
 * pay for it. libvips has no BMP reader, so BMP goes through bmp-ts, limited to the variants it
 * decodes correctly (1, 8, 16, 24 and 32 bits, uncompressed or bit fields: every screenshot tool's
 * output); 4-bit and RLE files are refused rather than decoded wrongly.
 */
import { readFile, stat } from 'node:fs/promises';
import type { RgbaImage } from './decoder';
import { QrError } from './errors';
import { readImageHeader, type ImageFormat, type ImageHeader } from './image-header';
import { checkImageSize, QR_IMAGE_LIMITS } from './limits';

/** Decoded pixels (RGBA, 4 bytes each) and the format they came from. */
export interface DecodedImage extends RgbaImage {
  readonly data: Uint8Array;
  readonly format: ImageFormat;
}

/**
 * Decodes an image file's bytes to RGBA.
 * @throws QrError `not-an-image`, `too-large` (from the header, before decoding) or `unreadable-image`.
 */
export async function decodeImage(bytes: Uint8Array): Promise<DecodedImage> {
  const header = readImageHeader(bytes);
  checkImageSize(header.width, header.height);
  const pixels = header.format === 'bmp' ? await decodeBmp(bytes, header) : await decodeWithSharp(bytes, header);
  if (pixels.width !== header.width || pixels.height !== header.height) {
    throw new QrError(
      'unreadable-image',
      `This ${header.format.toUpperCase()} image is damaged (its size is inconsistent).`,
    );
  }
  return { ...pixels, format: header.format };
}

/**
 * Reads and decodes an image file. The file's size is checked before it is read.
 * @throws QrError as {@link decodeImage}, and `too-large` for a file over QR_IMAGE_LIMITS.maxFileBytes;
 *   the file system's own errors (ENOENT, EACCES...) as they are.
 */
export async function readImageFile(file: string): Promise<DecodedImage> {
  const { size } = await stat(file);
  if (size > QR_IMAGE_LIMITS.maxFileBytes) {
    const limit = `${QR_IMAGE_LIMITS.maxFileBytes / (1024 * 1024)} MB`;
    throw new QrError('too-large', `The file is over ${limit}, too large for Tessera to scan.`);
  }
  return decodeImage(await readFile(file));
}

type Pixels = { data: Uint8Array; width: number; height: number };

async function decodeWithSharp(bytes: Uint8Array, header: ImageHeader): Promise<Pixels> {
  const sharp = await loadSharp();
  try {
    const { data, info } = await sharp(bytes, {
      limitInputPixels: QR_IMAGE_LIMITS.maxPixels,
      failOn: 'truncated',
      animated: false,
    })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`${info.channels} channels`);
    return {
      data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
      width: info.width,
      height: info.height,
    };
  } catch (cause) {
    throw new QrError('unreadable-image', `This ${header.format.toUpperCase()} image is cut short or damaged.`, {
      cause,
    });
  }
}

type Sharp = typeof import('sharp').default;
let sharpModule: Promise<Sharp> | null = null;

/** sharp, loaded on first use with its cache off: decoded screenshots may show secrets and are not kept. */
function loadSharp(): Promise<Sharp> {
  sharpModule ??= import('sharp').then(
    ({ default: sharp }) => {
      sharp.cache(false);
      return sharp;
    },
    (cause: unknown) => {
      sharpModule = null;
      throw new Error('The image decoder (sharp) could not be loaded on this platform', { cause });
    },
  );
  return sharpModule;
}

/** What bmp-ts decodes correctly: Windows DIB headers (v1–v5), these depths, BI_RGB (0) or bit fields (3, 6). */
const BMP_SUPPORTED = Object.freeze({
  headerSizes: [40, 52, 56, 108, 124],
  bitsPerPixel: [1, 8, 16, 24, 32],
  compressions: [0, 3, 6],
});

async function decodeBmp(bytes: Uint8Array, header: ImageHeader): Promise<Pixels> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const field = (read: () => number): number => (view.length >= 34 ? read() : -1);
  const dibSize = field(() => view.readUInt32LE(14));
  const bitsPerPixel = field(() => view.readUInt16LE(28));
  const compression = field(() => view.readUInt32LE(30));
  if (
    !BMP_SUPPORTED.headerSizes.includes(dibSize) ||
    !BMP_SUPPORTED.bitsPerPixel.includes(bitsPerPixel) ||
    !BMP_SUPPORTED.compressions.includes(compression)
  ) {
    throw new QrError(
      'unreadable-image',
      'This kind of BMP (compressed, 4-bit or with an OS/2 header) is not supported. Save the image as PNG and try again.',
    );
  }
  // Loaded lazily like sharp. Its ABGR output is the one order bmp-ts gets right for every depth.
  const bmp = await import('bmp-ts');
  try {
    const decoded = bmp.decode(view, { toRGBA: false });
    return { data: abgrToOpaqueRgba(decoded.data), width: decoded.width, height: Math.abs(decoded.height) };
  } catch (cause) {
    throw new QrError('unreadable-image', `This ${header.format.toUpperCase()} image is cut short or damaged.`, {
      cause,
    });
  }
}

/** bmp-ts's ABGR → RGBA, fully opaque (BMPs without an alpha mask carry 0 there). */
function abgrToOpaqueRgba(abgr: Uint8Array): Uint8Array {
  const out = new Uint8Array(abgr.length);
  for (let i = 0; i < abgr.length; i += 4) {
    out[i] = abgr[i + 3] ?? 0;
    out[i + 1] = abgr[i + 2] ?? 0;
    out[i + 2] = abgr[i + 1] ?? 0;
    out[i + 3] = 255;
  }
  return out;
}
