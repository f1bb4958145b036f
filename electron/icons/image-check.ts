// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The gate every picture passes before Tessera keeps it as an icon (a file the user chose, an icon
 * of an Aegis pack, an icon an import carries): recognised by its content, never by its name, as a
 * PNG, a JPEG or an SVG; its size and dimensions read from the headers (no image is decoded here);
 * its metadata dropped (a PNG keeps only the chunks that draw it, a JPEG loses its EXIF, XMP and
 * comments, which may say where a photo was taken); an SVG rebuilt from its parsed tree by
 * sanitise-svg.ts. What comes out is what the vault stores and the window shows.
 *
 * A PNG or JPEG too large once cleaned is refused with a sentence, not scaled down: scaling would
 * decode an untrusted image in the main process (sharp runs native decoders) and change the
 * picture behind the user's back, while a 256-pixel icon is always far below the limit.
 *
 * @see https://www.w3.org/TR/png-3/ §5 (signature, chunks), §11.2 (IHDR), §11.3 (ancillary chunks)
 * @see https://www.w3.org/Graphics/JPEG/itu-t81.pdf Annex B (markers, SOFn frame header)
 */
import { ICON_LIMITS } from '../domain';
import type { IconImageInput } from '../vault/entry';
import { IconError, NOT_AN_ICON_MESSAGE } from './icon-error';
import { sanitiseSvg } from './sanitise-svg';

export { IconError, NOT_AN_ICON_MESSAGE } from './icon-error';

const MB = 1024 * 1024;
const KB = 1024;

/** "5 MB", "128 KB". */
function sizeText(bytes: number): string {
  return bytes >= MB ? `${Number((bytes / MB).toFixed(1))} MB` : `${Math.ceil(bytes / KB)} KB`;
}

/** The refusal of a file larger than ICON_LIMITS.fileMaxBytes (also used before a file is read). */
export function fileTooLarge(size: number): IconError {
  return new IconError(
    `This image is larger than ${sizeText(ICON_LIMITS.fileMaxBytes)}. Choose a smaller image.`,
    `${size} bytes; limit ${ICON_LIMITS.fileMaxBytes}.`,
  );
}

/**
 * Recognises PNG / JPEG / SVG by content (not by name), checks sizes, drops metadata, sanitises SVG.
 * @throws IconError with a sentence for the user.
 */
export function checkIconImage(bytes: Uint8Array): IconImageInput {
  if (bytes.byteLength > ICON_LIMITS.fileMaxBytes) throw fileTooLarge(bytes.byteLength);
  let image: IconImageInput;
  if (isPng(bytes)) image = { mime: 'image/png', bytes: cleanPng(bytes) };
  else if (isJpeg(bytes)) image = { mime: 'image/jpeg', bytes: cleanJpeg(bytes) };
  else {
    const text = svgText(bytes);
    if (text === null) throw new IconError(NOT_AN_ICON_MESSAGE);
    image = { mime: 'image/svg+xml', bytes: new TextEncoder().encode(sanitiseSvg(text)) };
  }
  if (image.bytes.byteLength > ICON_LIMITS.storedMaxBytes) throw storedTooLarge(image);
  return image;
}

function storedTooLarge(image: IconImageInput): IconError {
  const limit = sizeText(ICON_LIMITS.storedMaxBytes);
  const message =
    image.mime === 'image/svg+xml'
      ? `This SVG is larger than ${limit}, even without its editor data. Choose a simpler image.`
      : `This image is larger than ${limit}, which is more than an icon needs. ` +
        'Choose a smaller image (256 × 256 pixels is plenty).';
  return new IconError(message, `${image.bytes.byteLength} bytes stored; limit ${ICON_LIMITS.storedMaxBytes}.`);
}

function tooManyPixels(width: number, height: number): IconError {
  return new IconError(
    `This image is ${width} × ${height} pixels; an icon can be at most ${ICON_LIMITS.maxPixels} × ${ICON_LIMITS.maxPixels}. ` +
      'Choose a smaller image.',
  );
}

function damaged(kind: 'PNG' | 'JPEG', details: string): IconError {
  return new IconError(
    `This ${kind} image is damaged, so Tessera cannot use it as an icon. Choose another image.`,
    details,
  );
}

function checkDimensions(width: number, height: number): void {
  if (width > ICON_LIMITS.maxPixels || height > ICON_LIMITS.maxPixels) throw tooManyPixels(width, height);
}

// PNG -------------------------------------------------------------------------------------------

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The chunks that decide what a PNG looks like; everything else (text, times, EXIF, animation,
 * private chunks) is dropped. Animation goes too: the default image stays, the icon does not move.
 */
const PNG_KEPT_CHUNKS = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'sBIT',
  'cICP',
]);

export function isPng(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The PNG with only PNG_KEPT_CHUNKS, after its structure and IHDR are checked. */
function cleanPng(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  let first = true;
  let sawData = false;
  for (;;) {
    if (at + 12 > bytes.byteLength) throw damaged('PNG', 'The file ends inside a chunk (no IEND).');
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.byteLength) throw damaged('PNG', `Chunk ${type} runs past the end.`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw damaged('PNG', 'A chunk type is not four letters.');
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw damaged('PNG', 'The first chunk is not a 13-byte IHDR.');
      const width = view.getUint32(at + 8);
      const height = view.getUint32(at + 12);
      if (width === 0 || height === 0) throw damaged('PNG', `IHDR says ${width} × ${height}.`);
      checkDimensions(width, height);
      first = false;
    }
    if (type === 'IDAT') sawData = true;
    if (PNG_KEPT_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  if (!sawData) throw damaged('PNG', 'The file has no image data (IDAT).');
  return concat(kept);
}

// JPEG ------------------------------------------------------------------------------------------

/** APP0 (JFIF), APP2 (ICC colour profile) and APP14 (Adobe colour transform) change how it looks. */
const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.byteLength >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC): the frame header with the dimensions. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

/**
 * The JPEG without its APPn metadata (but JPEG_KEPT_APP) and comments, after the frame header's
 * dimensions are checked. Segments are walked up to the start of scan; the entropy-coded data
 * after it is kept as it is.
 */
function cleanJpeg(bytes: Uint8Array): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  let sawFrame = false;
  for (;;) {
    // Fill bytes (0xFF) may precede a marker.
    while (at < bytes.byteLength && bytes[at] === 0xff && bytes[at + 1] === 0xff) at++;
    if (at + 4 > bytes.byteLength || bytes[at] !== 0xff) throw damaged('JPEG', `No marker at byte ${at}.`);
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xd9 || marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      throw damaged('JPEG', `Marker ${marker.toString(16)} before the image data.`);
    }
    const length = view.getUint16(at + 2);
    const end = at + 2 + length;
    if (length < 2 || end > bytes.byteLength)
      throw damaged('JPEG', `Segment ${marker.toString(16)} runs past the end.`);
    if (isStartOfFrame(marker)) {
      if (length < 8) throw damaged('JPEG', 'The frame header is too short.');
      const height = view.getUint16(at + 5);
      const width = view.getUint16(at + 7);
      // A height of 0 means "given later" (DNL), which nothing an icon needs uses.
      if (width === 0 || height === 0) throw damaged('JPEG', `The frame header says ${width} × ${height}.`);
      checkDimensions(width, height);
      sawFrame = true;
    }
    if (marker === 0xda) {
      if (!sawFrame) throw damaged('JPEG', 'Image data before a frame header.');
      kept.push(bytes.subarray(at));
      return concat(kept);
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (!(isApp && !JPEG_KEPT_APP.has(marker)) && marker !== 0xfe) kept.push(bytes.subarray(at, end));
    at = end;
  }
}

// SVG -------------------------------------------------------------------------------------------

/**
 * The text of what may be an SVG: strict UTF-8 (a byte-order mark allowed) whose first thing is
 * markup. Whether its root is `<svg>` is sanitiseSvg's to say. Null for anything else.
 */
function svgText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
  const start = text.trimStart();
  return start.startsWith('<') && /<svg[\s>/:]/i.test(text) ? text : null;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
