// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tile colours keep every bundled logo visible: the WCAG formulas on known values, the glyph rule
 * over every colour, and the whole generated set — each 'path' icon's glyph against its brand
 * colour, and each 'image' logo's dominant colour (measured again from the shipped SVG) against
 * the tile chosen for it — at 3:1 or more.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  contrastRatio,
  GLYPH_DARK,
  GLYPH_LIGHT,
  glyphColourOn,
  IMAGE_TILE_DARK,
  IMAGE_TILE_LIGHT,
  imageTileFor,
  MIN_ICON_CONTRAST,
  normaliseHexColour,
  parseHexColour,
  relativeLuminance,
} from '../../../electron/icons/contrast';
import { dominantColour } from '../../../scripts/icons/dominant-colour';
import { svgProblem } from '../../../scripts/icons/svg-check';
import { generatedIconData, generatedIcons } from '../../fixtures/icons/generated-icons';

const hexColour = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map((rgb) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('WCAG contrast', () => {
  it('computes the known luminances and ratios', () => {
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 10);
    expect(relativeLuminance('#000')).toBe(0);
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 10);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
  });

  it('is symmetric and between 1 and 21', () => {
    fc.assert(
      fc.property(hexColour, hexColour, (a, b) => {
        const ratio = contrastRatio(a, b);
        expect(ratio).toBeCloseTo(contrastRatio(b, a), 12);
        expect(ratio).toBeGreaterThanOrEqual(1);
        expect(ratio).toBeLessThanOrEqual(21);
      }),
    );
  });

  it('reads short and long hex, with or without #, and refuses anything else', () => {
    expect(parseHexColour('#0aF')).toEqual([0, 170, 255]);
    expect(parseHexColour('181717')).toEqual([24, 23, 23]);
    expect(normaliseHexColour('ABC')).toBe('#aabbcc');
    for (const bad of ['', '#12', '#12345', 'red', '#gggggg', 'url(#x)']) expect(parseHexColour(bad)).toBeNull();
    expect(() => relativeLuminance('red')).toThrow();
  });

  it('draws a glyph in white or near-black, whichever contrasts more, never under 4.3:1', () => {
    fc.assert(
      fc.property(hexColour, (background) => {
        const glyph = glyphColourOn(background);
        expect([GLYPH_LIGHT, GLYPH_DARK]).toContain(glyph);
        const other = glyph === GLYPH_LIGHT ? GLYPH_DARK : GLYPH_LIGHT;
        expect(contrastRatio(background, glyph)).toBeGreaterThanOrEqual(contrastRatio(background, other));
        expect(contrastRatio(background, glyph)).toBeGreaterThanOrEqual(4.3);
      }),
    );
    expect(glyphColourOn('#181717')).toBe(GLYPH_LIGHT);
    expect(glyphColourOn('#ffec6e')).toBe(GLYPH_DARK);
  });

  it('puts a logo on white when its dominant colour allows, else on the dark tile, else nowhere', () => {
    expect(imageTileFor('#0a66c2')).toBe(IMAGE_TILE_LIGHT);
    expect(imageTileFor('#ffcc00')).toBe(IMAGE_TILE_DARK);
    fc.assert(
      fc.property(hexColour, (dominant) => {
        const tile = imageTileFor(dominant);
        if (tile === null) {
          expect(contrastRatio(dominant, IMAGE_TILE_LIGHT)).toBeLessThan(MIN_ICON_CONTRAST);
          expect(contrastRatio(dominant, IMAGE_TILE_DARK)).toBeLessThan(MIN_ICON_CONTRAST);
        } else {
          expect(contrastRatio(dominant, tile)).toBeGreaterThanOrEqual(MIN_ICON_CONTRAST);
          if (tile === IMAGE_TILE_DARK)
            expect(contrastRatio(dominant, IMAGE_TILE_LIGHT)).toBeLessThan(MIN_ICON_CONTRAST);
        }
      }),
    );
  });
});

describe('every bundled icon', () => {
  const icons = generatedIcons();
  const ids = generatedIconData().index.icons.map(([id]) => id);

  it('keeps 3:1 or more between a one-colour glyph and its brand-coloured tile', () => {
    const low: string[] = [];
    let paths = 0;
    for (const id of ids) {
      const image = icons.image(id);
      if (image?.kind !== 'path') continue;
      paths++;
      expect(image.background).toMatch(/^#[0-9a-f]{6}$/);
      if (contrastRatio(image.background, image.foreground) < MIN_ICON_CONTRAST) low.push(id);
    }
    expect(paths).toBeGreaterThan(3000);
    expect(low).toEqual([]);
  });

  it('keeps 3:1 or more between a logo’s dominant colour and its tile, and ships only checked SVG', () => {
    let images = 0;
    for (const id of ids) {
      const image = icons.image(id);
      if (image?.kind !== 'image') continue;
      images++;
      const prefix = 'data:image/svg+xml;base64,';
      expect(image.dataUrl.startsWith(prefix)).toBe(true);
      const svg = Buffer.from(image.dataUrl.slice(prefix.length), 'base64').toString('utf8');
      expect(svgProblem(svg), id).toBeNull();
      const dominant = dominantColour(svg);
      expect(dominant, id).not.toBeNull();
      expect(contrastRatio(dominant ?? '#000', image.background), id).toBeGreaterThanOrEqual(MIN_ICON_CONTRAST);
    }
    expect(images).toBeGreaterThan(0);
  });
});
