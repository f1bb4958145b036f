// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where zxing-wasm (ZXing-C++ compiled to WebAssembly) lives and how it is loaded: always from the
 * installed package, never from the network. Left alone, zxing-wasm fetches its `.wasm` from a CDN,
 * which fails offline and would send a request on every first scan; passing the bytes as
 * `wasmBinary` before the first read avoids that.
 *
 * Packaged app: the main bundle and the QR worker (qr-worker-entry.ts) keep `zxing-wasm` external,
 * so Node's resolver finds both its CommonJS build and `zxing-wasm/reader/zxing_reader.wasm` in the
 * app's node_modules (inside app.asar, which `fs.readFileSync` reads in Electron's main process and
 * its worker threads, as sql.js's own `.wasm` is read in the import worker).
 *
 * @see https://github.com/Sec-ant/zxing-wasm#notes (wasmBinary / locateFile overrides)
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  binarizers,
  characterSets,
  defaultReaderOptions,
  eanAddOnSymbols,
  encodeFormats,
  textModes,
  type ReaderOptions,
  type ZXingReaderOptions,
} from 'zxing-wasm/reader';

/** The reader settings every scan uses: QR codes only, the slower but thorough search. */
export const ZXING_READER_OPTIONS: Readonly<ReaderOptions> = Object.freeze({
  formats: ['QRCode'] satisfies ReaderOptions['formats'],
  // Finds small (2 px/module), scaled and JPEG-damaged codes; without it 6 of 22 corpus screenshots fail.
  tryHarder: true,
  // Dark themes show light-on-dark codes.
  tryInvert: true,
  tryRotate: true,
  tryDownscale: true,
  // The text exactly as encoded: the default (HRI) would show control characters as "<SOH>" and
  // bracket GS1 fields, changing the text a link parser sees.
  textMode: 'Plain',
  // Denoising reads 2 more of the 137 hard sample photos but doubles the time for a 4K screen.
  tryDenoise: false,
  maxNumberOfSymbols: 255,
});

/**
 * ReaderOptions in the form the WebAssembly function takes them (enums as numbers), built with
 * zxing-wasm's exported tables as its own `readBarcodes` does. Decoding calls
 * `readBarcodesFromPixmap` directly with grey pixels written straight into the module's memory:
 * that skips `readBarcodes`'s separate grey conversion and copy, ~20 ms of a 4K decode.
 */
export function toZxingOptions(options: Readonly<ReaderOptions>): ZXingReaderOptions {
  const o = { ...defaultReaderOptions, ...options };
  return {
    formats: encodeFormats(o.formats),
    tryHarder: o.tryHarder,
    tryRotate: o.tryRotate,
    tryInvert: o.tryInvert,
    tryDownscale: o.tryDownscale,
    tryDenoise: o.tryDenoise,
    binarizer: binarizers.indexOf(o.binarizer),
    isPure: o.isPure,
    downscaleThreshold: o.downscaleThreshold,
    downscaleFactor: o.downscaleFactor,
    minLineCount: o.minLineCount,
    maxNumberOfSymbols: o.maxNumberOfSymbols,
    validateOptionalChecksum: o.validateOptionalChecksum,
    returnErrors: o.returnErrors,
    eanAddOnSymbol: eanAddOnSymbols.indexOf(o.eanAddOnSymbol),
    textMode: textModes.indexOf(o.textMode),
    characterSet: characterSets.indexOf(o.characterSet),
    tryCode39ExtendedMode: o.tryCode39ExtendedMode,
  };
}

/** ZXING_READER_OPTIONS, encoded once. */
export const ZXING_PIXMAP_OPTIONS: Readonly<ZXingReaderOptions> = Object.freeze(toZxingOptions(ZXING_READER_OPTIONS));

/** The absolute path of zxing-wasm's `.wasm`. */
export interface ZxingLocation {
  readonly wasmPath: string;
}

/**
 * Finds zxing-wasm's `.wasm` with Node's resolver from this module (CommonJS bundle, vitest) or,
 * when that is not available (an ES module bundle), from the working directory.
 * @throws Error when zxing-wasm is not installed.
 */
export function resolveZxing(): ZxingLocation {
  const bases = [typeof __filename === 'string' ? __filename : undefined, path.join(process.cwd(), 'index.js')];
  let lastError: unknown;
  for (const base of bases) {
    if (!base) continue;
    try {
      return { wasmPath: createRequire(base).resolve('zxing-wasm/reader/zxing_reader.wasm') };
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error('Cannot locate zxing-wasm (the QR decoder); is it installed?', { cause: lastError });
}

/** The `.wasm` bytes (about 1 MB) read from node_modules, as the `wasmBinary` override takes them. */
export function readZxingWasm(location: ZxingLocation = resolveZxing()): ArrayBuffer {
  const bytes = readFileSync(location.wasmPath);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
