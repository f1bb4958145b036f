// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The QR decoding thread's body, built to out/main/qr-worker.js (electron.vite.config.ts) and
 * started by createQrDecodeWorker (worker.ts): decoder.ts's `decodeQr` on the pixels moved here.
 * The decoder starts compiling as soon as the thread starts (so `warmUp` has it ready for the
 * first scan); a failure to load is reported by the first decode.
 */
import { serveJobs } from '../../workers/worker-host';
import { decodeQr, preloadQrDecoder, type QrCode } from './decoder';
import type { QrDecodeJob } from './worker';

void preloadQrDecoder();

serveJobs<QrDecodeJob, QrCode[]>(async ({ data, width, height, pixelOrder }) => ({
  value: await decodeQr({ data: new Uint8Array(data), width, height }, pixelOrder ? { pixelOrder } : {}),
}));
