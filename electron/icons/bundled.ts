// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The bundled issuer-icon set: logos that ship with Tessera (simple-icons, and the openly licensed
 * sets that fill its gaps; docs/icons.md), so that a user finds an account by its logo without
 * anything ever being fetched. Main and the CLI ask it which icon an account gets, for an icon's
 * picture, and for the picker's search.
 *
 * The data is generated at build time (scripts/icons/) into an index, loaded once on the first
 * ask, and a data file whose records are parsed only for the icons actually shown (bundled-format.ts).
 */
import type { IconImage, IconRef, IconSearchHit } from '../domain/icons';
import type { BundledRecord } from './bundled-format';
import { type BundledIconFiles, readBundledIconFiles } from './bundled-files';
import { createBundledMatcher } from './bundled-matcher';
import { glyphColourOn, normaliseHexColour } from './contrast';

export interface BundledIcons {
  /** The bundled icon id for an account (issuer first, then the domain in its account name), or null. */
  match(issuer: string, account: string): string | null;
  has(id: string): boolean;
  /** The picture of a bundled icon (kind 'path' or 'image'), or null when unknown. */
  image(id: string): IconImage | null;
  /** Forgiving search for the picker, best first. */
  search(query: string, limit: number): IconSearchHit[];
}

/** The bundled set over already-read files (tests hand in generated ones). */
export function createBundledIcons(files: BundledIconFiles): BundledIcons {
  const { index } = files;
  const positions = new Map<string, number>(index.icons.map((icon, pos) => [icon[0], pos]));
  const matcher = createBundledMatcher(index);
  const images = new Map<number, IconImage>();

  const ref = (id: string): IconRef => Object.freeze({ source: 'bundled', id });

  function imageAt(pos: number): IconImage {
    const cached = images.get(pos);
    if (cached) return cached;
    const icon = index.icons[pos];
    if (!icon) throw new Error(`No bundled icon at ${pos}.`);
    const [id, title, , offset, length] = icon;
    const record = JSON.parse(files.readRecord(offset, length)) as BundledRecord;
    let image: IconImage;
    if (record.kind === 'path') {
      const background = normaliseHexColour(record.hex);
      image = {
        ref: ref(id),
        kind: 'path',
        title,
        path: record.path,
        background,
        foreground: glyphColourOn(background),
      };
    } else {
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(record.svg, 'utf8').toString('base64')}`;
      image = { ref: ref(id), kind: 'image', title, dataUrl, background: record.background };
    }
    Object.freeze(image);
    images.set(pos, image);
    return image;
  }

  const idAt = (pos: number | null): string | null => (pos === null ? null : (index.icons[pos]?.[0] ?? null));

  return {
    match: (issuer, account) => idAt(matcher.match(issuer, account)),
    has: (id) => positions.has(id),
    image(id) {
      const pos = positions.get(id);
      return pos === undefined ? null : imageAt(pos);
    },
    search: (query, limit) =>
      matcher.search(query, limit).map((pos) => {
        const [id, title] = index.icons[pos] ?? ['', ''];
        return { ref: ref(id), title };
      }),
  };
}

let loaded: BundledIcons | null = null;

/** Loaded once, lazily, from data generated at build time; no network. */
export function bundledIcons(): BundledIcons {
  loaded ??= createBundledIcons(readBundledIconFiles());
  return loaded;
}
