// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * QR decoding in a worker thread, so a 4K screen capture (~60 ms of ZXing, more on a slow laptop)
 * never freezes the window. The thread's body is qr-worker-entry.ts, built to out/main/qr-worker.js
 * beside the main bundle; it runs decoder.ts's `decodeQr`, the same code the CLI runs on its own
 * thread. The thread is the shared worker pool (electron/workers/worker-pool.ts).
 *
 * One thread serves every decode, one at a time, and ends after `idleMs` without work, giving back
 * its memory (a thread, its V8 heap and a WebAssembly heap of ~25 MB after a 4K image). An idle
 * thread never keeps the process alive. Its V8 heap is not capped: the pixels and ZXing's memory are
 * buffers outside that heap, and QR_IMAGE_LIMITS (limits.ts) bounds them before anything is sent.
 */
import { workerScriptPath } from '../../workers/locate';
import { createWorkerPool, isCancelled, type WorkerPool } from '../../workers/worker-pool';
import { checkRgbaImage, type DecodeOptions, type PixelOrder, type QrCode, type RgbaImage } from './decoder';

/** The thread's entry file beside the main bundle (electron.vite.config.ts builds it there). */
export const QR_WORKER_FILE = 'qr-worker.js';

/** One decode as the thread gets it: the pixels in a buffer of their own, moved there. */
export interface QrDecodeJob {
  readonly data: ArrayBuffer;
  readonly width: number;
  readonly height: number;
  readonly pixelOrder: PixelOrder | undefined;
}

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
  /** A decode taking longer than this (from the call) ends the worker and fails. Default 30 s. */
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
  /** Ends the worker; decodes still pending fail (a later decode starts a new worker). */
  close(): Promise<void>;
}

/** Starts nothing until the first decode (or `warmUp`); see the module comment for the worker's lifetime. */
export function createQrDecodeWorker(options: QrDecodeWorkerOptions = {}): QrDecodeWorker {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pool = createWorkerPool<QrDecodeJob, QrCode[]>({
    name: 'the QR decoding worker',
    script: () => workerScriptPath(QR_WORKER_FILE),
    idleMs: options.idleMs,
  });
  return {
    async decode(image, decodeOptions = {}) {
      checkRgbaImage(image);
      const data = handOver(image.data, decodeOptions.transfer === true);
      const job = { data, width: image.width, height: image.height, pixelOrder: decodeOptions.pixelOrder };
      return runWithin(pool, job, timeoutMs);
    },
    warmUp: () => pool.warmUp(),
    close: () => pool.stop(),
  };
}

/**
 * Runs the decode, stopped when it takes more than `timeoutMs` from now (waiting included): a
 * running one by ending its thread, a waiting one by dropping it.
 */
async function runWithin(pool: WorkerPool<QrDecodeJob, QrCode[]>, job: QrDecodeJob, timeoutMs: number) {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  timer.unref();
  try {
    return await pool.run(job, { transfer: [job.data], signal: timeout.signal });
  } catch (error) {
    if (!isCancelled(error)) throw error;
    throw new Error(`QR decoding took longer than ${timeoutMs} ms; the worker was stopped`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** The buffer to move: the caller's own when asked and it holds exactly these pixels, else a private copy. */
function handOver(data: Uint8Array | Uint8ClampedArray, transfer: boolean): ArrayBuffer {
  const whole = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
  if (transfer && whole && data.buffer instanceof ArrayBuffer) return data.buffer;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}
