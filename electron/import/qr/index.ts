// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * QR import without the UI: pixels → QR codes (decoder.ts, in a worker thread via worker.ts), image
 * files → pixels (image.ts, for the CLI and the app), QR text → accounts
 * (payload.ts), Google Authenticator batches across scans (batches.ts), several scans → review
 * lists (collect.ts). Plain Node: no Electron anywhere.
 */
export { addBatchParts, allBatchesComplete, EMPTY_BATCH_STATE } from './batches';
export type { BatchProgress, BatchState, BatchUpdate } from './batches';
export { checkCodeCount, type CodeCount } from './code-count';
export { collectQrCodes } from './collect';
export { countFinderPatterns, type FinderCount } from './finder-count';
export type { FoundEntry, QrCollection, QrProblem, QrScan } from './collect';
export { checkRgbaImage, decodeQr, preloadQrDecoder, swapRedBlue } from './decoder';
export type { DecodeOptions, PixelOrder, QrCode, QrPoint, QrPosition, RgbaImage } from './decoder';
export { QrError } from './errors';
export type { QrErrorKind } from './errors';
export { decodeImage, readImageFile } from './image';
export type { DecodedImage } from './image';
export { readImageHeader, sniffImageFormat } from './image-header';
export type { ImageFormat, ImageHeader } from './image-header';
export { checkImageSize, QR_IMAGE_LIMITS } from './limits';
export { classifyQrText, classifyText, type QrMedium } from './payload';
export type { QrPayload } from './payload';
export { createQrDecodeWorker } from './worker';
export type { QrDecodeWorker, QrDecodeWorkerOptions, WorkerDecodeOptions } from './worker';
