// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The QR requests of the import service: image files of QR codes, the clipboard (a copied
 * screenshot, else copied account links), the screens, and pasted links. Each adds to the open QR
 * review or starts one, so the parts of a Google Authenticator export can come from several scans;
 * the batch tracker names the parts still missing, and a code seen twice counts once.
 */
import type { ImportStep } from '../domain';
import { ImportError } from '../import';
import { collectQrCodes, decodeImage, sniffImageFormat, type QrScan } from '../import/qr';
import type { DesktopPorts } from './desktop-ports';
import { imageOutcome, type ImportJob } from './import-jobs';
import { CANCELLED, type ImportRequests } from './import-requests';
import { addQrScan, type ScanKind } from './import-review';
import {
  hasAccountLink,
  linkScan,
  scanDesktopImages,
  scanImageFiles,
  type ImageFileDecoder,
  type NamedFile,
  type QrDecoder,
} from './import-sources';
import type { ImportStaging } from './import-staging';

/** The names QR reviews give their sources. */
export const SOURCE_NAMES = Object.freeze({ clipboard: 'Clipboard', pastedLink: 'Pasted link' });

/** What the QR requests (and the file requests, which hand images on to them) work with. */
export interface ImportFlowDeps {
  readonly desktop: DesktopPorts;
  readonly decoder: QrDecoder;
  readonly requests: ImportRequests;
  readonly staging: ImportStaging;
}

/** Adds QR scans to the open QR review, or starts one (wiping a file review). */
function addScans(
  deps: ImportFlowDeps,
  kind: ScanKind,
  scans: readonly QrScan[],
  sources: number,
  start: number,
): ImportStep {
  if (deps.requests.stale(start)) return CANCELLED;
  const review = deps.staging.qrReview();
  const found = collectQrCodes(scans, review.batches, review.seenTexts);
  addQrScan(review, found, { kind, sources, codes: found.codeCount });
  return deps.staging.view();
}

/** BMP is decoded by JavaScript (bmp-ts): in the runner. libvips decodes the rest off the event loop already. */
function imageDecoder(deps: ImportFlowDeps, start: number): ImageFileDecoder {
  return async (file) => {
    if (sniffImageFormat(file.bytes) !== 'bmp') return decodeImage(file.bytes);
    const job: ImportJob = { kind: 'decode-bmp', name: file.name, bytes: file.bytes };
    return imageOutcome(await deps.requests.work(job, file.name, start), file.name);
  };
}

/** Image files of QR codes, for the request that began at `start`. The caller wipes their bytes. */
export async function addImageFiles(
  deps: ImportFlowDeps,
  files: readonly NamedFile[],
  start: number,
): Promise<ImportStep> {
  const scans = await scanImageFiles(deps.decoder, files, imageDecoder(deps, start));
  return addScans(deps, 'image', scans, files.length, start);
}

function addLinks(deps: ImportFlowDeps, text: string, start: number): ImportStep {
  const scan = linkScan(text, SOURCE_NAMES.pastedLink);
  if (scan.codes.length === 0) {
    throw new ImportError('unknown-format', 'Paste an otpauth:// or otpauth-migration:// link to add its accounts.');
  }
  return addScans(deps, 'link', [scan], scan.codes.length, start);
}

/** The clipboard: a copied screenshot, else copied account links. */
export function pasteClipboard(deps: ImportFlowDeps): Promise<ImportStep> {
  return deps.requests.serial(async () => {
    const start = deps.requests.begin();
    const image = await deps.desktop.readClipboardImage();
    if (image) {
      const scans = await scanDesktopImages(deps.decoder, [{ source: SOURCE_NAMES.clipboard, image }]);
      return addScans(deps, 'image', scans, 1, start);
    }
    const text = await deps.desktop.readClipboardText();
    if (hasAccountLink(text)) return addLinks(deps, text, start);
    throw new ImportError(
      'unknown-format',
      'The clipboard holds no picture of a QR code. Copy a screenshot of the QR code (for example with Print Screen) and paste again.',
    );
  });
}

/** Every display, captured at native resolution; [] (the sharing prompt closed) is a cancel. */
export function scanScreens(deps: ImportFlowDeps): Promise<ImportStep> {
  return deps.requests.serial(async () => {
    const start = deps.requests.begin();
    const screens = await deps.desktop.captureScreens();
    if (screens.length === 0) return CANCELLED;
    const scans = await scanDesktopImages(
      deps.decoder,
      screens.map((s) => ({ source: s.name, image: s.image })),
    );
    return addScans(deps, 'screen', scans, screens.length, start);
  });
}

/** Pasted `otpauth://` / `otpauth-migration://` links, one or more. */
export function readLinks(deps: ImportFlowDeps, text: string): Promise<ImportStep> {
  return deps.requests.serial(async () => addLinks(deps, text, deps.requests.begin()));
}
