// SPDX-License-Identifier: GPL-3.0-or-later
/** Screen capture's arithmetic: thumbnail size from the displays, bitmaps as pixels, naming and order. */
import { describe, expect, it } from 'vitest';
import {
  bitmapToDesktopImage,
  captureThumbnailSize,
  orderByDisplay,
  screenName,
} from '../../../electron/services/capture-geometry';
import { QR_IMAGE_LIMITS } from '../../../electron/import/qr/limits';

const display = (id: number, width: number, height: number, scaleFactor = 1) => ({
  id,
  size: { width, height },
  scaleFactor,
});

describe('captureThumbnailSize', () => {
  it('is the native pixel size of a single display (DIPs × scale factor)', () => {
    expect(captureThumbnailSize([display(1, 1920, 1080)])).toEqual({ width: 1920, height: 1080 });
    expect(captureThumbnailSize([display(1, 1440, 900, 2)])).toEqual({ width: 2880, height: 1800 });
    // Windows at 125 %: 1536 × 864 DIPs are 1920 × 1080 pixels.
    expect(captureThumbnailSize([display(1, 1536, 864, 1.25)])).toEqual({ width: 1920, height: 1080 });
  });

  it('fits every display at full size: the widest and the tallest, taken separately (a portrait display)', () => {
    const size = captureThumbnailSize([display(1, 1920, 1080, 2), display(2, 1080, 1920)]);
    expect(size).toEqual({ width: 3840, height: 2160 });
    const portraitTaller = captureThumbnailSize([display(1, 1920, 1080), display(2, 1440, 2560)]);
    expect(portraitTaller).toEqual({ width: 1920, height: 2560 });
  });

  it('stays within the QR decoder limits, keeping the aspect ratio', () => {
    const size = captureThumbnailSize([display(1, 20_000, 10_000)]);
    expect(size.width).toBeLessThanOrEqual(QR_IMAGE_LIMITS.maxSide);
    expect(size.width * size.height).toBeLessThanOrEqual(QR_IMAGE_LIMITS.maxPixels);
    expect(size.width / size.height).toBeCloseTo(2, 2);
  });

  it('falls back to 1080p without displays, and ignores a nonsense scale factor', () => {
    expect(captureThumbnailSize([])).toEqual({ width: 1920, height: 1080 });
    expect(captureThumbnailSize([display(1, 1280, 720, 0)])).toEqual({ width: 1280, height: 720 });
  });
});

describe('bitmapToDesktopImage', () => {
  it('wraps a BGRA bitmap without copying it', () => {
    const bitmap = Buffer.alloc(2 * 3 * 4, 7);
    const image = bitmapToDesktopImage(bitmap, { width: 2, height: 3 });
    expect(image).toMatchObject({ width: 2, height: 3, pixelOrder: 'bgra' });
    expect(image.data.buffer).toBe(bitmap.buffer);
    expect(image.data.byteLength).toBe(24);
  });

  it('refuses a bitmap whose length does not match its size', () => {
    expect(() => bitmapToDesktopImage(new Uint8Array(20), { width: 2, height: 3 })).toThrow(RangeError);
    expect(() => bitmapToDesktopImage(new Uint8Array(0), { width: 0, height: 0 })).toThrow(RangeError);
  });
});

describe('naming and order', () => {
  it('names screens from 1', () => {
    expect([0, 1, 2].map(screenName)).toEqual(['Screen 1', 'Screen 2', 'Screen 3']);
  });

  it('orders sources like the displays; unknown displays last, in their own order', () => {
    const sources = [{ display_id: '9' }, { display_id: '2' }, { display_id: '' }, { display_id: '1' }];
    const ordered = orderByDisplay(sources, [{ id: 1 }, { id: 2 }]);
    expect(ordered.map((s) => s.display_id)).toEqual(['1', '2', '9', '']);
  });
});
