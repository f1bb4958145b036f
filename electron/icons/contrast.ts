// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Colours of a bundled icon's tile, by WCAG 2 relative luminance and contrast ratio, so that every
 * logo stays visible (3:1 or more, the WCAG minimum for graphics).
 *
 * - A one-colour glyph ('path'): the tile is the brand colour; the glyph is white or near-black,
 *   whichever contrasts more with it. Any colour keeps at least 4.3:1 with one of the two.
 * - A multi-colour logo ('image'): its colours are the brand's, so the tile is chosen for it:
 *   white when the logo's dominant colour (the one covering most of its drawn area) keeps 3:1
 *   against white — logos are drawn for white pages — else the dark neutral when that one does;
 *   a logo that keeps 3:1 against neither is left out of the bundle (the build checks).
 */

/** The WCAG minimum for graphical objects, kept by every bundled icon. */
export const MIN_ICON_CONTRAST = 3;
export const GLYPH_LIGHT = '#ffffff';
export const GLYPH_DARK = '#111111';
export const IMAGE_TILE_LIGHT = '#ffffff';
export const IMAGE_TILE_DARK = '#1f2937';

/** `#rgb`, `#rrggbb` (with or without '#') → [r, g, b] in 0..255, or null. */
export function parseHexColour(text: string): [number, number, number] | null {
  const hex = text.trim().replace(/^#/, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) {
    return [0, 1, 2].map((i) => parseInt(`${hex[i]}${hex[i]}`, 16)) as [number, number, number];
  }
  if (/^[0-9a-f]{6}$/i.test(hex)) {
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  }
  return null;
}

/** `#rrggbb`, lower-case, from a hex colour in any accepted form. */
export function normaliseHexColour(text: string): string {
  const rgb = parseHexColour(text);
  if (!rgb) throw new Error(`Not a hex colour: ${text}`);
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminanceRgb([r, g, b]: readonly [number, number, number]): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 relative luminance of a hex colour. */
export function relativeLuminance(hex: string): number {
  const rgb = parseHexColour(hex);
  if (!rgb) throw new Error(`Not a hex colour: ${hex}`);
  return relativeLuminanceRgb(rgb);
}

/** WCAG 2 contrast ratio of two luminances, 1 to 21. */
export function contrastOfLuminances(a: number, b: number): number {
  const [hi, lo] = a >= b ? [a, b] : [b, a];
  return (hi + 0.05) / (lo + 0.05);
}

/** WCAG 2 contrast ratio of two hex colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  return contrastOfLuminances(relativeLuminance(a), relativeLuminance(b));
}

/** The glyph colour for a brand-coloured tile: white or near-black, whichever contrasts more. */
export function glyphColourOn(background: string): string {
  return contrastRatio(background, GLYPH_LIGHT) >= contrastRatio(background, GLYPH_DARK) ? GLYPH_LIGHT : GLYPH_DARK;
}

/**
 * The tile for a multi-colour logo whose dominant colour is `dominant`: white when that keeps
 * {@link MIN_ICON_CONTRAST} against white, else the dark neutral when it keeps it there, else null
 * (the logo cannot be shown well on either, and is not bundled).
 */
export function imageTileFor(dominant: string): string | null {
  if (contrastRatio(dominant, IMAGE_TILE_LIGHT) >= MIN_ICON_CONTRAST) return IMAGE_TILE_LIGHT;
  if (contrastRatio(dominant, IMAGE_TILE_DARK) >= MIN_ICON_CONTRAST) return IMAGE_TILE_DARK;
  return null;
}
