// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The arithmetic of screen capture, free of Electron so it is unit-tested: how large to ask for the
 * thumbnails (every display at its native pixels, so a small QR code keeps enough pixels per
 * module), how to turn a captured bitmap into pixels for the QR worker, and how captures are named
 * and ordered for the review ("Screen 1", "Screen 2", in the order of the displays).
 */
import { QR_IMAGE_LIMITS } from '../import/qr/limits';
import type { DesktopImage } from './desktop-ports';

export interface PixelSize {
  readonly width: number;
  readonly height: number;
}

/** What capture needs of a display (Electron's `Display`): its id, size in DIPs and scale factor. */
export interface DisplayGeometry {
  readonly id: number;
  readonly size: PixelSize;
  readonly scaleFactor: number;
}

/** Used when no display is reported (never in practice): a 1080p screen. */
const FALLBACK_SIZE: PixelSize = Object.freeze({ width: 1920, height: 1080 });

/**
 * The `thumbnailSize` that captures every display at native resolution: the widest and the
 * tallest display in physical pixels (size × scale factor), taken separately so that a rotated
 * (portrait) display also fits at full size. Chromium fits each screen into it keeping the aspect
 * ratio. Kept within the QR decoder's limits, scaled down evenly if a wall of displays exceeds them.
 */
export function captureThumbnailSize(displays: readonly DisplayGeometry[]): PixelSize {
  if (displays.length === 0) return FALLBACK_SIZE;
  let width = 0;
  let height = 0;
  for (const d of displays) {
    const scale = Number.isFinite(d.scaleFactor) && d.scaleFactor > 0 ? d.scaleFactor : 1;
    width = Math.max(width, Math.round(d.size.width * scale));
    height = Math.max(height, Math.round(d.size.height * scale));
  }
  if (width < 1 || height < 1) return FALLBACK_SIZE;
  const { maxSide, maxPixels } = QR_IMAGE_LIMITS;
  const shrink = Math.min(1, maxSide / width, maxSide / height, Math.sqrt(maxPixels / (width * height)));
  return shrink < 1 ? { width: Math.floor(width * shrink), height: Math.floor(height * shrink) } : { width, height };
}

/**
 * A captured bitmap (Electron's `NativeImage.toBitmap()`, BGRA) as pixels for the QR worker, with
 * no copy: the worker takes the buffer over.
 * @throws RangeError when the buffer does not hold `size.width × size.height` pixels.
 */
export function bitmapToDesktopImage(bitmap: Uint8Array, size: PixelSize): DesktopImage {
  const expected = size.width * size.height * 4;
  if (size.width < 1 || size.height < 1 || bitmap.byteLength !== expected) {
    throw new RangeError(
      `A captured bitmap of ${bitmap.byteLength} bytes does not match its size ${size.width} × ${size.height}`,
    );
  }
  return {
    width: size.width,
    height: size.height,
    data: new Uint8Array(bitmap.buffer, bitmap.byteOffset, bitmap.byteLength),
    pixelOrder: 'bgra',
  };
}

/** The name a captured screen has in the review: "Screen 1" for the first display. */
export function screenName(index: number): string {
  return `Screen ${index + 1}`;
}

/**
 * Capture sources in the order of the displays (so "Screen 1" is the first display the system
 * lists); sources whose display is unknown keep their order after those.
 */
export function orderByDisplay<T extends { readonly display_id: string }>(
  sources: readonly T[],
  displays: readonly Pick<DisplayGeometry, 'id'>[],
): T[] {
  const rank = (s: T): number => {
    const i = displays.findIndex((d) => String(d.id) === s.display_id);
    return i === -1 ? displays.length : i;
  };
  return sources
    .map((s, i) => ({ s, i, r: rank(s) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.s);
}
