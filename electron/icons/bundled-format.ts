// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The shape of the bundled icon set as the build writes it (scripts/icons/generate.ts) and main and
 * the CLI read it (bundled-files.ts): two files in an `icons/` folder beside the built bundle.
 *
 * - `index.json`, read once at the first match: every icon's id, title and search names, the
 *   name and domain tables of the matcher, and where each icon's picture sits in the data file.
 * - `data.bin`: the pictures, one UTF-8 JSON record per icon, back to back. Only the records of
 *   icons the lists actually show are ever parsed.
 *
 * Kept apart so that matching an issuer never pays for 3,000 paths, and a changed format is
 * refused (by `format`) rather than misread.
 */

export const BUNDLED_ICONS_FORMAT = 1;
export const BUNDLED_ICONS_DIR = 'icons';
export const BUNDLED_INDEX_FILE = 'index.json';
export const BUNDLED_DATA_FILE = 'data.bin';

/** One icon set the bundle draws from, with what its licence asks for. */
export interface BundledSetInfo {
  /** npm package name, e.g. "simple-icons". */
  readonly package: string;
  readonly version: string;
  readonly name: string;
  /** SPDX id of the set's licence. */
  readonly licence: string;
  readonly homepage: string;
  /** How many of its icons are bundled. */
  readonly icons: number;
}

/** An icon whose own licence differs from its set's (simple-icons records some). */
export interface BundledIconCredit {
  readonly id: string;
  readonly title: string;
  readonly licence: string;
  readonly source: string;
}

/**
 * One icon in the index: `[id, title, setIndex, offset, length, searchNames]`. `offset`/`length`
 * locate its record in data.bin (bytes); `searchNames` are further names the picker's search
 * knows it by (aliases), titles excluded.
 */
export type BundledIndexIcon = readonly [
  id: string,
  title: string,
  set: number,
  offset: number,
  length: number,
  searchNames: readonly string[],
];

export interface BundledIndex {
  readonly format: typeof BUNDLED_ICONS_FORMAT;
  /** SHA-256 (hex) of data.bin and the icon table: says whether a build is current. */
  readonly fingerprint: string;
  readonly sets: readonly BundledSetInfo[];
  readonly credits: readonly BundledIconCredit[];
  readonly icons: readonly BundledIndexIcon[];
  /** issuerKey(name) → icon position, for every title, slug and alias. */
  readonly names: Readonly<Record<string, number>>;
  /** Lower-case domain ("gmail.com") → icon position, from Tessera's alias table. */
  readonly domains: Readonly<Record<string, number>>;
  /**
   * Positions of the icons Tessera's own tables name (alias targets, gap icons): brands people sign
   * in to with a second factor. The picker's search lists them first among equally good hits.
   */
  readonly featured: readonly number[];
}

/**
 * One icon's picture in data.bin.
 * - `path`: a one-colour 24×24 glyph and its brand colour (six hex digits, no '#').
 * - `image`: a multi-colour SVG (checked at build time: no script, foreignObject, event handler or
 *   outside reference) and the tile colour chosen for it (bundled-contrast rule in contrast.ts).
 */
export type BundledRecord =
  | { readonly kind: 'path'; readonly hex: string; readonly path: string }
  | { readonly kind: 'image'; readonly svg: string; readonly background: string };
