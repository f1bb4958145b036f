// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * checkIconImage: PNG, JPEG and SVG recognised by their bytes (never a name), sizes and dimensions
 * read from the headers, metadata dropped, SVG sanitised, everything else refused with a sentence.
 */
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ICON_LIMITS } from '../../../electron/domain';
import { checkIconImage, IconError, NOT_AN_ICON_MESSAGE } from '../../../electron/icons/image-check';
import { ImportError } from '../../../electron/import/types';
import { GOOD_SVG, jpeg, noisyPng, png, pngChunk, svgBytes, withChunkAfterIhdr } from './custom-icon-fixtures';

function refusal(bytes: Uint8Array): IconError {
  try {
    checkIconImage(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(IconError);
    return error as IconError;
  }
  throw new Error('accepted');
}

const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'cICP']);

/** The chunk types of a PNG, in order. */
function chunkTypes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let at = 8; at + 8 <= bytes.length; at += 12 + view.getUint32(at)) {
    types.push(Buffer.from(bytes.subarray(at + 4, at + 8)).toString('latin1'));
  }
  return types;
}

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('checkIconImage', () => {
  it('takes a PNG, keeping only the chunks that draw it', async () => {
    const plain = await png(64, 48);
    const tagged = withChunkAfterIhdr(plain, pngChunk('tEXt', new TextEncoder().encode('Location\0Home, 1 Main St')));
    const checked = checkIconImage(tagged);
    expect(checked.mime).toBe('image/png');
    expect(text(checked.bytes)).not.toContain('Main St');
    expect(text(checked.bytes)).not.toContain('tEXt');
    const meta = await sharp(Buffer.from(checked.bytes)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 64, 48]);
    expect(chunkTypes(checked.bytes)).toEqual(chunkTypes(plain).filter((t) => KEPT.has(t)));
    expect(chunkTypes(checked.bytes)).toContain('IDAT');
  });

  it('takes a JPEG without its EXIF, still decodable at the same size', async () => {
    const photo = await jpeg(40, 30, 'Taken at 51.5007 N, 0.1246 W');
    expect(text(photo)).toContain('51.5007');
    const checked = checkIconImage(photo);
    expect(checked.mime).toBe('image/jpeg');
    expect(text(checked.bytes)).not.toContain('51.5007');
    expect(text(checked.bytes)).not.toContain('Exif');
    const meta = await sharp(Buffer.from(checked.bytes)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 40, 30]);
  });

  it('takes an SVG by its content, sanitised, with or without a byte-order mark', () => {
    const checked = checkIconImage(svgBytes(`\uFEFF<?xml version="1.0"?>\n<!-- editor -->${GOOD_SVG}`));
    expect(checked.mime).toBe('image/svg+xml');
    expect(new TextDecoder().decode(checked.bytes)).toBe(GOOD_SVG);
  });

  it('refuses what is not a PNG, JPEG or SVG, whatever it is called', async () => {
    const gif = new Uint8Array(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .gif()
        .toBuffer(),
    );
    const webp = new Uint8Array(
      await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
        .webp()
        .toBuffer(),
    );
    for (const bytes of [
      gif,
      webp,
      new Uint8Array(0),
      svgBytes('just text'),
      svgBytes('<html><body><svg/></body></html>'),
      svgBytes('{"svg": true}'),
      new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x73, 0x00]),
    ]) {
      expect(refusal(bytes).message).toBe(NOT_AN_ICON_MESSAGE);
    }
  });

  it('is an import failure the window already knows how to show', () => {
    const error = refusal(svgBytes('nope'));
    expect(error).toBeInstanceOf(ImportError);
    expect(error.kind).toBe('unsupported');
  });

  it('refuses a file above the size limit before looking inside it', () => {
    const big = new Uint8Array(ICON_LIMITS.fileMaxBytes + 1);
    big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(refusal(big).message).toBe('This image is larger than 5 MB. Choose a smaller image.');
  });

  it('refuses a PNG or JPEG wider or taller than the limit, from the header', async () => {
    const max = ICON_LIMITS.maxPixels;
    expect(refusal(await png(max + 1, 8)).message).toBe(
      `This image is ${max + 1} × 8 pixels; an icon can be at most ${max} × ${max}. Choose a smaller image.`,
    );
    expect(refusal(await jpeg(8, max + 1)).message).toContain(`8 × ${max + 1} pixels`);
    expect(checkIconImage(await png(max, max)).mime).toBe('image/png');
  });

  it('refuses an image that stays above the stored limit, telling the user to use a smaller one', async () => {
    const big = await noisyPng(256);
    expect(big.length).toBeGreaterThan(ICON_LIMITS.storedMaxBytes);
    expect(refusal(big).message).toBe(
      'This image is larger than 128 KB, which is more than an icon needs. Choose a smaller image (256 × 256 pixels is plenty).',
    );
  });

  it('refuses damaged PNG and JPEG headers', async () => {
    const good = await png(16, 16);
    expect(refusal(good.subarray(0, good.length - 12)).message).toMatch(/^This PNG image is damaged/);
    const noIhdr = good.slice();
    noIhdr.set(new TextEncoder().encode('IHDX'), 12);
    expect(refusal(noIhdr).message).toMatch(/^This PNG image is damaged/);
    const zeroWide = good.slice();
    new DataView(zeroWide.buffer).setUint32(16, 0);
    expect(refusal(zeroWide).message).toMatch(/^This PNG image is damaged/);
    const photo = await jpeg(16, 16);
    expect(refusal(photo.subarray(0, 40)).message).toMatch(/^This JPEG image is damaged/);
  });

  it('never fails other than with an IconError, whatever the bytes (also cut-off real images)', async () => {
    const samples = [await png(20, 10), await jpeg(12, 9), svgBytes(GOOD_SVG)];
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 512 }),
          fc.tuple(fc.constantFrom(...samples), fc.nat(), fc.uint8Array({ maxLength: 32 })).map(([s, cut, junk]) => {
            const out = s.slice(0, cut % (s.length + 1));
            return new Uint8Array([...out, ...junk]);
          }),
        ),
        (bytes) => {
          try {
            const checked = checkIconImage(bytes);
            expect(checked.bytes.length).toBeLessThanOrEqual(ICON_LIMITS.storedMaxBytes);
          } catch (error) {
            expect(error).toBeInstanceOf(IconError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
