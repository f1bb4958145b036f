// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * RGBA pixels → every QR code in them, with its position. ZXing-C++ (zxing-wasm) does the work: on
 * this project's corpus it finds every code of every synthetic screenshot, including two per
 * screen, and ~9 in 10 of ZXing-C++'s hard sample photos, at ~15 ms for 1080p and ~60 ms for 4K
 * (scripts/bench/qr.ts; jsqr, the pure-JS alternative, finds one code per image and is ~8× slower).
 *
 * This runs on the calling thread; the app calls it through `createQrDecodeWorker()` (worker.ts),
 * whose thread (qr-worker-entry.ts) runs this same code, so the window stays responsive. The CLI and
 * tests call it directly.
 */
import { prepareZXingModule, type ZXingReaderModule, type ZXingReadResult } from 'zxing-wasm/reader';
import { checkImageSize } from './limits';
import { readZxingWasm, ZXING_PIXMAP_OPTIONS } from './zxing';

/** Pixels in memory, 4 bytes each, rows top to bottom (ImageData, sharp's raw output, nativeImage). */
export interface RgbaImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** Byte order of each pixel: `rgba` (ImageData, sharp) or `bgra` (Electron's `nativeImage.toBitmap()`). */
export type PixelOrder = 'rgba' | 'bgra';

/** Options of {@link decodeQr}. */
export interface DecodeOptions {
  /** Default `rgba`. */
  readonly pixelOrder?: PixelOrder;
}

/** A point in image pixels (fractional: ZXing interpolates the corners). */
export interface QrPoint {
  readonly x: number;
  readonly y: number;
}

/** Where a code is: its bounding box (whole pixels) and its four corners as found (the code may be rotated). */
export interface QrPosition {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly corners: {
    readonly topLeft: QrPoint;
    readonly topRight: QrPoint;
    readonly bottomRight: QrPoint;
    readonly bottomLeft: QrPoint;
  };
}

/** One QR code found: its text exactly as encoded, and where it is. */
export interface QrCode {
  readonly text: string;
  readonly position: QrPosition;
}

/** The part of a ZXing result this module reads. */
type RawQrResult = Pick<ZXingReadResult, 'isValid' | 'text' | 'position'>;

/**
 * Checks pixels before decoding: dimensions within QR_IMAGE_LIMITS, and a buffer of exactly
 * width × height × 4 bytes.
 * @throws QrError `too-large`; RangeError for a buffer that does not match its size (a caller's bug).
 */
export function checkRgbaImage(image: RgbaImage): void {
  checkImageSize(image.width, image.height);
  const expected = image.width * image.height * 4;
  if (image.data.byteLength !== expected) {
    throw new RangeError(
      `RGBA buffer of ${image.data.byteLength} bytes for a ${image.width} × ${image.height} image (expected ${expected})`,
    );
  }
}

/**
 * Every QR code in the image, in the order ZXing reports them (an empty list when there is none).
 * The same code shown twice is reported twice; deduplicating is the payload layer's job.
 * @throws QrError `too-large` before any work; RangeError for a malformed buffer.
 */
export async function decodeQr(image: RgbaImage, options: DecodeOptions = {}): Promise<QrCode[]> {
  checkRgbaImage(image);
  const zxing = await zxingModule();
  return toQrCodes(readPixmap(zxing, image, options.pixelOrder ?? 'rgba'));
}

/** Writes the image as grey levels (ZXing's weights) straight into the module's memory and reads it there. */
function readPixmap(zxing: ZXingReaderModule, image: RgbaImage, order: PixelOrder): RawQrResult[] {
  const pixels = image.width * image.height;
  const ptr = zxing._malloc(pixels);
  if (!ptr) throw new Error(`The QR decoder could not allocate ${pixels} bytes`);
  try {
    // HEAPU8 is read after malloc: growing the memory replaces it.
    writeGrey(zxing.HEAPU8.subarray(ptr, ptr + pixels), image.data, order === 'bgra' ? 2 : 0);
    const found = zxing.readBarcodesFromPixmap(ptr, image.width, image.height, ZXING_PIXMAP_OPTIONS);
    const results: RawQrResult[] = [];
    for (let i = 0; i < found.size(); i++) {
      const r = found.get(i);
      if (r) results.push({ isValid: r.isValid, text: r.text, position: r.position });
    }
    (found as { delete?: () => void }).delete?.();
    return results;
  } finally {
    zxing._free(ptr);
  }
}

/** Grey = (306 R + 601 G + 117 B + 512) >> 10, ZXing's own conversion; `red` is the red byte's offset (0 RGBA, 2 BGRA). */
function writeGrey(out: Uint8Array, rgba: Uint8Array | Uint8ClampedArray, red: 0 | 2): void {
  const blue = 2 - red;
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    out[i] = (306 * (rgba[j + red] ?? 0) + 601 * (rgba[j + 1] ?? 0) + 117 * (rgba[j + blue] ?? 0) + 512) >> 10;
  }
}

/** ZXing results → QrCode list: valid symbols only, positions as boxes plus corners. */
function toQrCodes(results: readonly RawQrResult[]): QrCode[] {
  return results.filter((r) => r.isValid).map((r) => ({ text: r.text, position: toPosition(r.position) }));
}

function toPosition(p: RawQrResult['position']): QrPosition {
  const corners = {
    topLeft: { x: p.topLeft.x, y: p.topLeft.y },
    topRight: { x: p.topRight.x, y: p.topRight.y },
    bottomRight: { x: p.bottomRight.x, y: p.bottomRight.y },
    bottomLeft: { x: p.bottomLeft.x, y: p.bottomLeft.y },
  };
  const xs = [corners.topLeft.x, corners.topRight.x, corners.bottomRight.x, corners.bottomLeft.x];
  const ys = [corners.topLeft.y, corners.topRight.y, corners.bottomRight.y, corners.bottomLeft.y];
  const x = Math.floor(Math.min(...xs));
  const y = Math.floor(Math.min(...ys));
  return { x, y, width: Math.ceil(Math.max(...xs)) - x, height: Math.ceil(Math.max(...ys)) - y, corners };
}

/** A copy of BGRA pixels in RGBA order (ZXing weighs R, G and B differently when it makes grey). */
export function swapRedBlue(data: Uint8Array | Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(data.byteLength);
  for (let i = 0; i < data.byteLength; i += 4) {
    out[i] = data[i + 2] ?? 0;
    out[i + 1] = data[i + 1] ?? 0;
    out[i + 2] = data[i] ?? 0;
    out[i + 3] = data[i + 3] ?? 0;
  }
  return out;
}

/**
 * Starts compiling the WebAssembly module now (on V8's background threads), so it is ready by the
 * time the first image is decoded; `tessera scan` calls it before reading its files. Never rejects:
 * a failure to load is reported by the next `decodeQr`.
 */
export function preloadQrDecoder(): Promise<void> {
  return zxingModule().then(
    () => undefined,
    () => undefined,
  );
}

let ready: Promise<ZXingReaderModule> | null = null;

/** Compiles the WebAssembly module once per thread, from the bytes in node_modules (never the network). */
function zxingModule(): Promise<ZXingReaderModule> {
  ready ??= prepareZXingModule({ overrides: { wasmBinary: readZxingWasm() }, fireImmediately: true }).catch(
    (error: unknown) => {
      ready = null;
      throw new Error('The QR decoder (zxing-wasm) failed to load', { cause: error });
    },
  );
  return ready;
}
