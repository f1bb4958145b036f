// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading what the user hands the importer into bytes and QR scans: files chosen in the open dialog
 * (each file's size checked before it is read), image bytes (header checked, decoded with sharp or,
 * through the caller's decoder, bmp-ts, then read by the QR worker), desktop bitmaps (screens, the
 * clipboard's screenshot) and pasted links. Plain Node; the Electron side is behind DesktopPorts.
 */
import { readFile, stat } from 'node:fs/promises';
import { ImportError, MAX_IMPORT_BYTES } from '../import';
import {
  decodeImage,
  QrError,
  sniffImageFormat,
  type DecodedImage,
  type QrCode,
  type QrScan,
  type RgbaImage,
} from '../import/qr';
import type { WorkerDecodeOptions } from '../import/qr';
import type { DesktopImage, FileFilter } from './desktop-ports';

/** What the importer needs from the QR worker (createQrDecodeWorker). */
export interface QrDecoder {
  decode(image: RgbaImage, options?: WorkerDecodeOptions): Promise<QrCode[]>;
}

/** A file's name (for messages and the review's sources) and its bytes. */
export interface NamedFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The open dialog's filters: screenshots, other apps' exports (extensions the corpus uses), anything. */
export const IMPORT_FILE_FILTERS: readonly FileFilter[] = Object.freeze([
  { name: 'Images of QR codes', extensions: ['png', 'jpg', 'jpeg', 'webp', 'bmp', 'gif'] },
  {
    name: 'Authenticator exports',
    extensions: ['json', 'txt', 'csv', 'xml', '2fas', 'db', 'sqlite', 'tessera', 'bin', 'zip', 'authpro', 'mafile'],
  },
  { name: 'All files', extensions: ['*'] },
]);

/** The last part of a path or a dropped file's name (never the folders above it). */
export function baseName(name: string): string {
  return name.split(/[\\/]/).pop() || name;
}

/** Whether the bytes are an image Tessera scans (by signature, whatever the name says). */
export function isImage(bytes: Uint8Array): boolean {
  return sniffImageFormat(bytes) !== null;
}

/**
 * Reads the files chosen in the open dialog. Every file's size is checked (stat) before any is
 * read, so a huge file is refused without reading it.
 * @throws ImportError naming the file: too large, a folder, missing, unreadable.
 */
export async function readPickedFiles(paths: readonly string[]): Promise<NamedFile[]> {
  for (const file of paths) {
    const info = await stat(file).catch((error: unknown) => {
      throw fileError(file, error);
    });
    if (!info.isFile()) throw new ImportError('unsupported', `${baseName(file)} is a folder, not a file.`);
    if (info.size > MAX_IMPORT_BYTES) throw tooLarge(baseName(file), info.size);
  }
  const files: NamedFile[] = [];
  for (const file of paths) {
    const buffer = await readFile(file).catch((error: unknown) => {
      throw fileError(file, error);
    });
    files.push({ name: baseName(file), bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) });
  }
  return files;
}

/** The size limit for a dropped file, as for a picked one. @throws ImportError `too-large`. */
export function checkFileSize(name: string, bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_IMPORT_BYTES) throw tooLarge(baseName(name), bytes.byteLength);
}

function tooLarge(name: string, size: number): ImportError {
  const mb = (n: number): string => `${(n / 1_000_000).toFixed(1)} MB`;
  return new ImportError(
    'too-large',
    `${name} is ${mb(size)}; screenshots and exports of authenticator apps are far smaller (limit ${mb(MAX_IMPORT_BYTES)}). Is it the right file?`,
  );
}

function fileError(file: string, error: unknown): ImportError {
  return new ImportError('unsupported', unreadableFileMessage(baseName(file), error), { cause: error });
}

/** Why a file the user chose cannot be read, in words ("… no longer exists."); also for icon files. */
export function unreadableFileMessage(name: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT'
    ? `${name} no longer exists.`
    : code === 'EACCES' || code === 'EPERM'
      ? `Tessera is not allowed to read ${name}.`
      : code === 'EISDIR'
        ? `${name} is a folder, not a file.`
        : `${name} cannot be read${typeof code === 'string' ? ` (${code})` : ''}.`;
}

/** Image file bytes → pixels; the import service decodes BMP files in its worker (import-jobs.ts). */
export type ImageFileDecoder = (file: NamedFile) => Promise<DecodedImage>;

/**
 * Decodes each image file (with `decode`, default in this thread) and reads its QR codes. All files
 * are read before any result is used: an unreadable image fails the whole call (naming every bad
 * file), so a scan never half-happens.
 * @throws QrError naming the file(s): not an image, too large (from the header, before decoding), damaged.
 */
export async function scanImageFiles(
  decoder: QrDecoder,
  files: readonly NamedFile[],
  decode: ImageFileDecoder = (file) => decodeImage(file.bytes),
): Promise<QrScan[]> {
  const scans: QrScan[] = [];
  const failures: { name: string; error: QrError }[] = [];
  for (const file of files) {
    try {
      const image = await decode(file);
      scans.push({ source: file.name, codes: await decodePixels(decoder, image, 'rgba') });
    } catch (error) {
      if (!(error instanceof QrError)) throw error;
      failures.push({ name: file.name, error });
    }
  }
  const first = failures[0];
  if (first) {
    throw new QrError(first.error.kind, failures.map((f) => `${f.name}: ${f.error.message}`).join('\n'), {
      cause: first.error,
    });
  }
  return scans;
}

/** Reads the QR codes of desktop bitmaps (screens, the clipboard's screenshot), each under its name. */
export async function scanDesktopImages(
  decoder: QrDecoder,
  images: readonly { readonly source: string; readonly image: DesktopImage }[],
): Promise<QrScan[]> {
  const scans: QrScan[] = [];
  for (const { source, image } of images) {
    scans.push({ source, codes: await decodePixels(decoder, image, image.pixelOrder) });
  }
  return scans;
}

/**
 * Hands the pixels to the worker (transferred, not copied) and wipes whatever is left on this
 * side: a screenshot of a QR code shows its secret.
 */
async function decodePixels(
  decoder: QrDecoder,
  image: RgbaImage & { readonly data: Uint8Array },
  pixelOrder: 'rgba' | 'bgra',
): Promise<QrCode[]> {
  try {
    return await decoder.decode(image, { pixelOrder, transfer: true });
  } finally {
    if (image.data.byteLength > 0) image.data.fill(0);
  }
}

const SCHEME_RE = /^[a-z][a-z0-9+.-]*:/i;
const NO_POSITION: QrCode['position'] = Object.freeze({
  x: 0,
  y: 0,
  width: 0,
  height: 0,
  corners: {
    topLeft: { x: 0, y: 0 },
    topRight: { x: 0, y: 0 },
    bottomRight: { x: 0, y: 0 },
    bottomLeft: { x: 0, y: 0 },
  },
});

/**
 * Pasted text as a scan of "QR codes": every whitespace-separated link in it (`otpauth://`,
 * `otpauth-migration://`, or any other scheme, which the classifier calls "not an account"), or
 * the whole text as one item when it holds no link. Words around links ("GitHub:") are ignored.
 */
export function linkScan(text: string, source: string): QrScan {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const links = tokens.filter((t) => SCHEME_RE.test(t) && t.includes(':/'));
  const items = links.length > 0 ? links : [text.trim()].filter((t) => t !== '');
  return { source, medium: 'link', codes: items.map((t) => ({ text: t, position: NO_POSITION })) };
}

/** Whether text holds at least one account link (what `paste()` accepts from the clipboard). */
export function hasAccountLink(text: string): boolean {
  return /(^|\s)otpauth(-migration)?:\/\//i.test(text);
}
