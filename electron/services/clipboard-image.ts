// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clipboard's picture as pixels. Electron's clipboard (since 44) hands over items by MIME type,
 * as the W3C Clipboard API does; a copied screenshot is an `image/png` (or another image type) Blob.
 * Its bytes go through the importer's own decoder, which also reads the formats Electron's
 * nativeImage cannot on Linux and checks the declared size before decoding. Written against the
 * narrow shape of a `ClipboardItem`, so it is tested under Node with real image bytes.
 */
import { MAX_IMPORT_BYTES } from '../import';
import { decodeImage, QrError, sniffImageFormat } from '../import/qr';
import type { DesktopImage } from './desktop-ports';

/** The part of Electron's `ClipboardItem` used here. */
export interface ClipboardItemLike {
  readonly types: readonly string[];
  getType(type: string): Promise<unknown>;
}

/** A Blob as far as reading it goes. */
interface BlobLike {
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

const isBlob = (value: unknown): value is BlobLike =>
  typeof value === 'object' && value !== null && 'arrayBuffer' in value && 'size' in value;

/**
 * The first picture among the items that Tessera reads (PNG preferred, SVG never), decoded to
 * RGBA; null when there is none. The encoded bytes are wiped once decoded.
 * @throws QrError for a picture too large or damaged.
 */
export async function imageFromClipboardItems(items: readonly ClipboardItemLike[]): Promise<DesktopImage | null> {
  for (const item of items) {
    const types = item.types
      .filter((t) => t.startsWith('image/') && t !== 'image/svg+xml')
      .sort((a, b) => Number(b === 'image/png') - Number(a === 'image/png'));
    for (const type of types) {
      const blob = await item.getType(type);
      if (!isBlob(blob)) continue;
      if (blob.size > MAX_IMPORT_BYTES) {
        throw new QrError('too-large', 'The picture on the clipboard is too large to scan. Copy a smaller screenshot.');
      }
      const bytes = new Uint8Array(await blob.arrayBuffer());
      try {
        if (sniffImageFormat(bytes) === null) continue;
        const image = await decodeImage(bytes);
        return { width: image.width, height: image.height, data: image.data, pixelOrder: 'rgba' };
      } finally {
        bytes.fill(0);
      }
    }
  }
  return null;
}
