// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * QR decoding in a worker thread, so a 4K screen capture (~60 ms of ZXing, more on a slow laptop)
 * never freezes the window. Same pattern as the KDF worker (electron/vault/kdf-worker.ts): the body
 * is a small self-contained CommonJS source run with `eval: true`, so it works the same under
 * vitest (TypeScript sources) and in electron-vite's CommonJS bundle (out/main/index.js) with no
 * second entry file to locate. The parent resolves zxing-wasm with Node's resolver, reads the
 * `.wasm` itself (the worker never touches the network or the file system) and passes both in
 * `workerData`.
 *
 * One worker serves every decode and exits after `idleMs` without work, giving back its memory
 * (a thread, its V8 heap and a WebAssembly heap of ~25 MB after a 4K image).
 */
import { Worker } from 'node:worker_threads';
import {
  checkRgbaImage,
  toQrCodes,
  type DecodeOptions,
  type QrCode,
  type RawQrResult,
  type RgbaImage,
} from './decoder';
import { readZxingWasm, resolveZxing, ZXING_PIXMAP_OPTIONS } from './zxing';

/**
 * The worker's code. Plain JavaScript on purpose (never bundled or type-checked): it takes
 * `{ id, data: ArrayBuffer, width, height, pixelOrder }`, replies `{ id, results }` with the fields
 * decoder.ts's `toQrCodes` reads, or `{ id, error }`. The decoding steps repeat decoder.ts's
 * `readPixmap` and `writeGrey` (grey pixels written into the module's memory, then
 * `readBarcodesFromPixmap` with options encoded by the parent); keep the two in step.
 */
export const QR_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const zxing = require(workerData.modulePath);
const ready = zxing.prepareZXingModule({ overrides: { wasmBinary: workerData.wasmBinary }, fireImmediately: true });
ready.catch(() => undefined); // reported with the first decode
function decode(mod, rgba, width, height, pixelOrder) {
  const pixels = width * height;
  const ptr = mod._malloc(pixels);
  if (!ptr) throw new Error('cannot allocate ' + pixels + ' bytes');
  try {
    const out = mod.HEAPU8.subarray(ptr, ptr + pixels);
    const red = pixelOrder === 'bgra' ? 2 : 0, blue = 2 - red;
    for (let i = 0, j = 0; i < pixels; i++, j += 4) {
      out[i] = (306 * rgba[j + red] + 601 * rgba[j + 1] + 117 * rgba[j + blue] + 512) >> 10;
    }
    const found = mod.readBarcodesFromPixmap(ptr, width, height, workerData.options);
    const results = [];
    for (let i = 0; i < found.size(); i++) {
      const r = found.get(i);
      results.push({ isValid: r.isValid, text: r.text, position: r.position });
    }
    if (typeof found.delete === 'function') found.delete();
    return results;
  } finally {
    mod._free(ptr);
  }
}
parentPort.on('message', async (m) => {
  try {
    const mod = await ready;
    const results = decode(mod, new Uint8Array(m.data), m.width, m.height, m.pixelOrder);
    parentPort.postMessage({ id: m.id, results });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/** Options of one `decode` call. */
export interface WorkerDecodeOptions extends DecodeOptions {
  /**
   * Hand the pixel buffer to the worker instead of copying it (~10 ms saved for 4K). The caller's
   * `image.data` is unusable afterwards. Only when `data` spans its whole ArrayBuffer; else it is copied.
   */
  readonly transfer?: boolean;
}

/** Options of {@link createQrDecodeWorker}. */
export interface QrDecodeWorkerOptions {
  /** Milliseconds without a decode after which the worker exits. Default 30 s. */
  readonly idleMs?: number;
  /** A decode taking longer than this ends the worker and fails. Default 30 s. */
  readonly timeoutMs?: number;
}

/** A worker-thread QR decoder. */
export interface QrDecodeWorker {
  /** As `decodeQr` (decoder.ts), off the calling thread. Checks the size here, before anything is sent. */
  decode(image: RgbaImage, options?: WorkerDecodeOptions): Promise<QrCode[]>;
  /**
   * Starts the worker (which compiles the decoder at once) before the first decode, e.g. when the
   * import dialog opens, so the first scan does not wait for it. It exits after `idleMs` unused.
   */
  warmUp(): void;
  /** Ends the worker; decodes still pending fail. */
  close(): Promise<void>;
}

interface Pending {
  readonly resolve: (codes: QrCode[]) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
  /** The worker decoding it: a worker that exits fails only its own decodes. */
  readonly worker: Worker;
}

type WorkerReply = { id: number; results: RawQrResult[] } | { id: number; error: string };

/** Starts nothing until the first decode; see the module comment for the worker's lifetime. */
export function createQrDecodeWorker(options: QrDecodeWorkerOptions = {}): QrDecodeWorker {
  const idleMs = options.idleMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | null = null;

  function settle(id: number): Pending | undefined {
    const p = pending.get(id);
    if (!p) return undefined;
    pending.delete(id);
    clearTimeout(p.timer);
    return p;
  }

  /**
   * Fails the pending decodes of `only` (every pending decode when none is given). An idle worker
   * stopped a moment ago may report its exit after the next decode went to its successor: that
   * decode is not its to fail.
   */
  function failAll(error: Error, only?: Worker): void {
    for (const [id, p] of [...pending]) if (only === undefined || p.worker === only) settle(id)?.reject(error);
  }

  function stop(w: Worker): void {
    if (worker === w) worker = null;
    void w.terminate();
  }

  function start(): Worker {
    const location = resolveZxing();
    const workerData = {
      modulePath: location.modulePath,
      wasmBinary: readZxingWasm(location),
      options: ZXING_PIXMAP_OPTIONS,
    };
    const w = new Worker(QR_WORKER_SOURCE, { eval: true, workerData });
    w.unref(); // an idle worker never keeps the process alive; decode() refs it while work is pending
    w.on('message', (reply: WorkerReply) => {
      const p = settle(reply.id);
      if (p && 'results' in reply) p.resolve(toQrCodes(reply.results));
      else if (p && 'error' in reply) p.reject(new Error(`QR decoding failed in the worker: ${reply.error}`));
      armIdleTimer();
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(new Error('The QR decoding worker crashed', { cause: error }), w);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`The QR decoding worker exited (code ${code})`), w);
    });
    return w;
  }

  function armIdleTimer(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (pending.size > 0 || !worker) return;
    const w = worker;
    w.unref();
    idleTimer = setTimeout(() => {
      if (worker === w && pending.size === 0) stop(w);
    }, idleMs);
    idleTimer.unref();
  }

  function send(w: Worker, image: RgbaImage, decodeOptions: WorkerDecodeOptions): Promise<QrCode[]> {
    const id = nextId++;
    const { data } = image;
    const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength && !isShared(data.buffer);
    const buffer = decodeOptions.transfer && whole ? (data.buffer as ArrayBuffer) : copyOf(data);
    const message = {
      id,
      data: buffer,
      width: image.width,
      height: image.height,
      pixelOrder: decodeOptions.pixelOrder,
    };
    w.ref();
    return new Promise<QrCode[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle(id)?.reject(new Error(`QR decoding took longer than ${timeoutMs} ms; the worker was stopped`));
        stop(w);
      }, timeoutMs);
      timer.unref();
      pending.set(id, { resolve, reject, timer, worker: w });
      w.postMessage(message, [buffer]);
    });
  }

  return {
    decode(image, decodeOptions = {}) {
      try {
        checkRgbaImage(image);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      worker ??= start();
      return send(worker, image, decodeOptions);
    },
    warmUp() {
      if (worker) return;
      worker = start();
      armIdleTimer();
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const w = worker;
      worker = null;
      failAll(new Error('The QR decoding worker was closed'));
      if (w) await w.terminate();
    },
  };
}

function isShared(buffer: ArrayBufferLike): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;
}

/** A private copy in a fresh (transferable) ArrayBuffer, whatever backs `data`. */
function copyOf(data: Uint8Array | Uint8ClampedArray): ArrayBuffer {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}
