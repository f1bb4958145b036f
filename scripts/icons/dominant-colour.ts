// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The dominant colour of a multi-colour logo: the colour covering most of its drawn area, measured
 * by rendering it (resvg, at build time only) and counting opaque pixels by colour, so gradients,
 * groups and overlapping shapes count as a person sees them. electron/icons/contrast.ts picks the
 * logo's tile from it.
 */
import { Resvg } from '@resvg/resvg-js';

const RENDER_SIZE = 64;
/** Channel values are grouped in steps of this size, so anti-aliasing and gradients pool together. */
const BUCKET = 24;

function hex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/** The rendered RGBA pixels of an SVG, `size` wide. */
export function renderSvg(svg: string, size = RENDER_SIZE): { width: number; height: number; pixels: Buffer } {
  const image = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render();
  return { width: image.width, height: image.height, pixels: image.pixels };
}

/** The average colour of the most common colour group among the logo's opaque pixels, or null if none. */
export function dominantColour(svg: string): string | null {
  const { pixels } = renderSvg(svg);
  const groups = new Map<number, { n: number; r: number; g: number; b: number }>();
  for (let i = 0; i + 3 < pixels.length; i += 4) {
    const alpha = pixels[i + 3] ?? 0;
    if (alpha < 224) continue;
    const r = pixels[i] ?? 0;
    const g = pixels[i + 1] ?? 0;
    const b = pixels[i + 2] ?? 0;
    const key = (Math.floor(r / BUCKET) << 16) | (Math.floor(g / BUCKET) << 8) | Math.floor(b / BUCKET);
    const group = groups.get(key) ?? { n: 0, r: 0, g: 0, b: 0 };
    group.n++;
    group.r += r;
    group.g += g;
    group.b += b;
    groups.set(key, group);
  }
  let best: { n: number; r: number; g: number; b: number } | null = null;
  for (const group of groups.values()) if (!best || group.n > best.n) best = group;
  return best ? hex(best.r / best.n, best.g / best.n, best.b / best.n) : null;
}
