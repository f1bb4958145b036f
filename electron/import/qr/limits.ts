// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How large an image QR import accepts, declared once. The check runs on the dimensions a file's
 * header declares (image.ts) and on pixels handed to the decoder (decoder.ts), so a crafted
 * 20,000 × 20,000 PNG of a few hundred bytes never makes us allocate 1.6 GB.
 *
 * The bounds hold every real screen capture: an 8K display is 7680 × 4320 (33 MP), three 4K
 * displays side by side 11520 × 2160 (25 MP).
 */
import { QrError } from './errors';

export const QR_IMAGE_LIMITS = Object.freeze({
  /** Pixels on either side. */
  maxSide: 16_384,
  /** Width × height: 64 MiP (a 256 MiB RGBA buffer). */
  maxPixels: 64 * 1024 * 1024,
  /** Bytes of an image file read by the CLI (a 64 MP PNG of noise is ~200 MB; screenshots are far smaller). */
  maxFileBytes: 256 * 1024 * 1024,
});

/**
 * Refuses dimensions outside QR_IMAGE_LIMITS.
 * @throws QrError `too-large` naming the size and the limit; `unreadable-image` for a zero or
 *   non-integer dimension (a damaged header).
 */
export function checkImageSize(width: number, height: number): void {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new QrError('unreadable-image', `The image header declares an impossible size (${width} × ${height}).`);
  }
  const { maxSide, maxPixels } = QR_IMAGE_LIMITS;
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new QrError(
      'too-large',
      `The image is ${width} × ${height} pixels, larger than Tessera scans (at most ${maxSide} pixels a side ` +
        `and ${maxPixels / (1024 * 1024)} megapixels). Crop the part with the QR code, or take a smaller screenshot.`,
    );
  }
}
