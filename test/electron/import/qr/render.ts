// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Synthetic QR screenshots for tests and the benchmark: a QR code (from the `qrcode` package's
 * module matrix, painted here) in a "set up your authenticator" window on a desktop with other
 * windows, text-like strokes and a taskbar; optionally inverted (dark theme), upscaled ×1.5 with
 * smoothing (a scaled display) and JPEG-compressed. Deterministic for a given seed.
 */
import QRCode from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import type { RgbaImage } from '../../../../electron/import/qr/decoder';

/** Mutable RGBA pixels. */
export interface Canvas {
  readonly data: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/** How a synthetic screenshot is made. */
export interface ScreenshotSpec {
  readonly width: number;
  readonly height: number;
  /** The QR texts, one code each (placed side by side). */
  readonly texts: readonly string[];
  /** Pixels per QR module before scaling. */
  readonly moduleSize: number;
  readonly seed: number;
  /** Whole screen inverted, as in dark themes. */
  readonly invert?: boolean | undefined;
  /** Rendered at 1/1.5 of the size, then upscaled ×1.5 with smoothing. */
  readonly scaled?: boolean | undefined;
  /** JPEG quality to re-encode with (then decoded back), or none. */
  readonly jpegQuality?: number | undefined;
}

/** A small seeded PRNG (mulberry32): same seed, same screenshot. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function newCanvas(width: number, height: number): Canvas {
  return { data: new Uint8Array(width * height * 4), width, height };
}

/** Fills a rectangle (clipped to the canvas) with one colour. */
export function fillRect(c: Canvas, x: number, y: number, w: number, h: number, rgb: readonly number[]): void {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(c.width, Math.floor(x + w));
  const y1 = Math.min(c.height, Math.floor(y + h));
  const [r = 0, g = 0, b = 0] = rgb;
  for (let yy = y0; yy < y1; yy++) {
    let i = (yy * c.width + x0) * 4;
    for (let xx = x0; xx < x1; xx++, i += 4) {
      c.data[i] = r;
      c.data[i + 1] = g;
      c.data[i + 2] = b;
      c.data[i + 3] = 255;
    }
  }
}

/** The module matrix of a QR code for `text` (error correction M, as phones' apps make them). */
export function qrMatrix(text: string): { size: number; dark: (row: number, col: number) => boolean } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => modules.get(row, col) === 1 };
}

/** Side of a QR code in pixels, quiet zone (4 modules each side) included. */
export function qrSide(text: string, moduleSize: number): number {
  return (qrMatrix(text).size + 8) * moduleSize;
}

/** Paints a QR code with its quiet zone at (x, y): black on white. */
export function paintQr(c: Canvas, text: string, x: number, y: number, moduleSize: number): void {
  const m = qrMatrix(text);
  fillRect(c, x, y, (m.size + 8) * moduleSize, (m.size + 8) * moduleSize, [255, 255, 255]);
  for (let row = 0; row < m.size; row++) {
    for (let col = 0; col < m.size; col++) {
      if (m.dark(row, col)) {
        fillRect(c, x + (col + 4) * moduleSize, y + (row + 4) * moduleSize, moduleSize, moduleSize, [0, 0, 0]);
      }
    }
  }
}

/** Desktop clutter: gradient wallpaper, windows with title bars and lines of text-like strokes, a taskbar. */
function paintDesktop(c: Canvas, rand: () => number): void {
  for (let y = 0; y < c.height; y++) {
    const t = y / c.height;
    fillRect(c, 0, y, c.width, 1, [40 + 60 * t, 90 + 50 * t, 140 - 40 * t]);
  }
  for (let w = 0; w < 6; w++) {
    const ww = c.width * (0.2 + rand() * 0.35);
    const wh = c.height * (0.2 + rand() * 0.4);
    const wx = rand() * (c.width - ww);
    const wy = rand() * (c.height - wh - 40);
    paintWindow(c, wx, wy, ww, wh, rand);
  }
  fillRect(c, 0, c.height - 40, c.width, 40, [30, 30, 36]);
  for (let i = 0; i < 12; i++)
    fillRect(c, 10 + i * 48, c.height - 34, 28, 28, [80 + rand() * 150, 80 + rand() * 150, 90]);
}

function paintWindow(c: Canvas, x: number, y: number, w: number, h: number, rand: () => number): void {
  fillRect(c, x, y, w, h, [245, 245, 245]);
  fillRect(c, x, y, w, 28, [210, 212, 218]);
  for (let line = y + 40; line < y + h - 16; line += 18) {
    let cx = x + 12;
    while (cx < x + w - 40) {
      const word = 8 + rand() * 60;
      fillRect(c, cx, line, word, 9, [40, 40, 40]);
      cx += word + 7;
    }
  }
}

/** A screenshot holding `spec.texts` as QR codes, as RGBA in memory. */
export async function syntheticScreenshot(spec: ScreenshotSpec): Promise<RgbaImage> {
  const factor = spec.scaled ? 1.5 : 1;
  const width = Math.round(spec.width / factor);
  const height = Math.round(spec.height / factor);
  const rand = prng(spec.seed);
  const c = newCanvas(width, height);
  paintDesktop(c, rand);
  const sides = spec.texts.map((t) => qrSide(t, spec.moduleSize));
  const dialogW = sides.reduce((a, b) => a + b + 40, 40);
  const dialogH = Math.max(...sides) + 140;
  if (dialogW > width || dialogH > height - 40) throw new RangeError('QR codes do not fit on this screen');
  const dx = Math.floor(rand() * (width - dialogW));
  const dy = Math.floor(rand() * (height - 40 - dialogH));
  paintWindow(c, dx, dy, dialogW, 100, rand);
  fillRect(c, dx, dy + 100, dialogW, dialogH - 100, [255, 255, 255]);
  let qx = dx + 40;
  spec.texts.forEach((text, i) => {
    paintQr(c, text, qx, dy + 120, spec.moduleSize);
    qx += (sides[i] ?? 0) + 40;
  });
  if (spec.invert) for (let i = 0; i < c.data.length; i += 4) invertPixel(c.data, i);
  let image: RgbaImage = c;
  if (spec.scaled) image = await resize(c, spec.width, spec.height);
  if (spec.jpegQuality !== undefined) image = await jpegRoundTrip(image, spec.jpegQuality);
  return image;
}

function invertPixel(d: Uint8Array, i: number): void {
  d[i] = 255 - (d[i] ?? 0);
  d[i + 1] = 255 - (d[i + 1] ?? 0);
  d[i + 2] = 255 - (d[i + 2] ?? 0);
}

function rawInput(image: RgbaImage): Sharp {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), {
    raw: { width: image.width, height: image.height, channels: 4 },
  });
}

async function toImage(pipeline: Sharp): Promise<RgbaImage> {
  const { data, info } = await pipeline.ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
  };
}

/** Smooth (bicubic) resize, as a scaled display does. */
export function resize(image: RgbaImage, width: number, height: number): Promise<RgbaImage> {
  return toImage(rawInput(image).resize(width, height, { kernel: 'cubic', fit: 'fill' }));
}

/** Encodes as JPEG and decodes back: the artefacts a re-saved screenshot has. */
export async function jpegRoundTrip(image: RgbaImage, quality: number): Promise<RgbaImage> {
  return toImage(sharp(await encodeImage(image, 'jpeg', quality)));
}

/** Encodes pixels as an image file (for file-based tests). */
export async function encodeImage(
  image: RgbaImage,
  format: 'png' | 'jpeg' | 'webp' | 'gif',
  quality = 90,
): Promise<Buffer> {
  const input = rawInput(image);
  switch (format) {
    case 'png':
      return input.png({ compressionLevel: 1 }).toBuffer();
    case 'jpeg':
      return input.jpeg({ quality }).toBuffer();
    case 'webp':
      return input.webp({ lossless: true }).toBuffer();
    case 'gif':
      return input.gif().toBuffer();
  }
}
