// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which picture an account shows, and the pictures themselves, from three sources: the icon chosen
 * for the entry (stored in the vault), this computer's Aegis icon packs, and the bundled set.
 *
 * Resolution order (shownIcon):
 * - choice `letter` → null (the letter tile);
 * - `bundled` → that icon when the bundled set knows it, else as automatic;
 * - `custom` → that icon (the vault keeps every custom icon an entry points at; one it lacks is
 *   left out by `images`, and the window draws the letter tile);
 * - automatic (null) → a pack icon whose pack lists the issuer, else the bundled match (issuer,
 *   then the domain in the account name), else null.
 *
 * Pictures (images): bundled ones as the bundled set draws them; pack and custom ones as `data:`
 * URLs of the checked bytes (a custom icon is checked again, once per id, in case a vault from
 * elsewhere carries one that never passed here). Their tile: white, as logos are drawn for white
 * pages, except an SVG whose most used paint is too light to keep 3:1 against white, which gets the
 * dark neutral (contrast.ts, the rule of the bundled set). A PNG or JPEG is never decoded here, so
 * it gets white.
 */
import type { IconChoice, IconImage, IconRef, IconSearchHit } from '../domain';
import type { IconImageInput, StoredIcon } from '../vault/entry';
import type { BundledIcons } from './bundled';
import { IMAGE_TILE_LIGHT, imageTileFor, parseHexColour } from './contrast';
import { checkIconImage } from './image-check';
import type { PackStore } from './pack-store';

export interface IconResolver {
  /** What the lists show for an entry, from its choice, this computer's packs and the bundled set. */
  shownIcon(entry: { issuer: string; account: string; icon: IconChoice | null }): IconRef | null;
  images(refs: readonly IconRef[], vaultIcons: ReadonlyMap<string, StoredIcon>): IconImage[];
  search(query: string): IconSearchHit[];
}

export interface IconResolverDeps {
  readonly bundled: BundledIcons;
  readonly packs: Pick<PackStore, 'match' | 'has' | 'title' | 'picture' | 'search'>;
}

/** Hits the picker shows at most (the contract's `icons:search`). */
export const ICON_SEARCH_LIMIT = 60;
/** Of those, at most this many partial pack matches, so the bundled set's best still show. */
const PACK_PARTIAL_HITS = 20;
/** Custom icons checked again, remembered by id (an id is the SHA-256 of the bytes). */
const CUSTOM_CACHE = 256;

const CUSTOM_TITLE = 'Custom icon';

export function createIconResolver(deps: IconResolverDeps): IconResolver {
  const { bundled, packs } = deps;
  const custom = new Map<string, IconImageInput | null>();

  function checkedCustom(icon: StoredIcon): IconImageInput | null {
    if (custom.has(icon.id)) return custom.get(icon.id) ?? null;
    let checked: IconImageInput | null;
    try {
      checked = checkIconImage(icon.bytes);
    } catch {
      checked = null;
    }
    custom.set(icon.id, checked);
    if (custom.size > CUSTOM_CACHE) custom.delete(custom.keys().next().value as string);
    return checked;
  }

  function automatic(issuer: string, account: string): IconRef | null {
    const pack = packs.match(issuer);
    if (pack !== null) return { source: 'pack', id: pack };
    const id = bundled.match(issuer, account);
    return id === null ? null : { source: 'bundled', id };
  }

  function image(ref: IconRef, vaultIcons: ReadonlyMap<string, StoredIcon>): IconImage | null {
    switch (ref.source) {
      case 'bundled':
        return bundled.image(ref.id);
      case 'pack': {
        const picture = packs.picture(ref.id);
        return picture === null ? null : pictureImage(ref, packs.title(ref.id) ?? 'Icon', picture);
      }
      case 'custom': {
        const stored = vaultIcons.get(ref.id);
        const picture = stored === undefined ? null : checkedCustom(stored);
        return picture === null ? null : pictureImage(ref, CUSTOM_TITLE, picture);
      }
      default:
        return null;
    }
  }

  return {
    shownIcon({ issuer, account, icon }) {
      if (icon?.kind === 'letter') return null;
      if (icon?.kind === 'custom') return { source: 'custom', id: icon.id };
      if (icon?.kind === 'bundled' && bundled.has(icon.id)) return { source: 'bundled', id: icon.id };
      return automatic(issuer, account);
    },
    images(refs, vaultIcons) {
      const seen = new Set<string>();
      const out: IconImage[] = [];
      for (const ref of refs) {
        const key = `${ref.source}:${ref.id}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const found = image(ref, vaultIcons);
        if (found !== null) out.push(found);
      }
      return out;
    },
    search(query) {
      const fromPacks = packs.search(query, ICON_SEARCH_LIMIT);
      const partial = fromPacks.partial.slice(0, PACK_PARTIAL_HITS);
      const room = Math.max(0, ICON_SEARCH_LIMIT - fromPacks.exact.length - partial.length);
      const fromBundled = room > 0 ? bundled.search(query, room) : [];
      return [...fromPacks.exact, ...fromBundled, ...partial].slice(0, ICON_SEARCH_LIMIT);
    },
  };
}

/** A bundled set with no icons: every account gets its pack icon, its custom icon or the letter tile. */
export const NO_BUNDLED_ICONS: BundledIcons = Object.freeze({
  match: () => null,
  has: () => false,
  image: () => null,
  search: () => [],
});

/**
 * The bundled set loaded on first use by `load`; when that fails (a build without the generated
 * icon files) it stays empty, so the lists show letter tiles instead of failing.
 */
export function lazyBundledIcons(load: () => BundledIcons): BundledIcons {
  let set: BundledIcons | null = null;
  const get = (): BundledIcons => {
    if (set === null) {
      try {
        set = load();
      } catch {
        set = NO_BUNDLED_ICONS;
      }
    }
    return set;
  };
  return {
    match: (issuer, account) => get().match(issuer, account),
    has: (id) => get().has(id),
    image: (id) => get().image(id),
    search: (query, limit) => get().search(query, limit),
  };
}

/** A pack or custom picture as the window draws it. */
export function pictureImage(ref: IconRef, title: string, picture: IconImageInput): IconImage {
  return {
    ref,
    kind: 'image',
    title,
    dataUrl: `data:${picture.mime};base64,${Buffer.from(picture.bytes).toString('base64')}`,
    background: tileFor(picture),
  };
}

/** The tile behind a picture (module comment). */
export function tileFor(picture: IconImageInput): string {
  if (picture.mime !== 'image/svg+xml') return IMAGE_TILE_LIGHT;
  const dominant = dominantPaint(new TextDecoder().decode(picture.bytes));
  return imageTileFor(dominant) ?? IMAGE_TILE_LIGHT;
}

const NAMED: Readonly<Record<string, string>> = {
  white: '#ffffff',
  black: '#000000',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  grey: '#808080',
  gray: '#808080',
  silver: '#c0c0c0',
};

/**
 * The paint an SVG (already sanitised: attributes and `style` hold `fill:`/`stroke:`/`stop-color:`)
 * uses most often, as `#rrggbb`; black, SVG's default fill, when it names none.
 */
export function dominantPaint(svg: string): string {
  const counts = new Map<string, number>();
  const paint = /(?:^|[\s;"])(?:fill|stroke|stop-color)\s*[:=]\s*"?\s*(#[0-9a-fA-F]{3,6}\b|rgb\([^)]*\)|[a-z]+)/g;
  for (const match of svg.matchAll(paint)) {
    const colour = hexOf(match[1] ?? '');
    if (colour !== null) counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  let best = '#000000';
  let most = 0;
  for (const [colour, n] of counts) {
    if (n > most) [best, most] = [colour, n];
  }
  return best;
}

function hexOf(value: string): string | null {
  const v = value.trim().toLowerCase();
  const named = NAMED[v];
  if (named !== undefined) return named;
  const rgb = /^rgb\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)$/.exec(v);
  const channels = rgb ? [rgb[1], rgb[2], rgb[3]].map((c) => Math.min(255, Number(c))) : parseHexColour(v);
  if (!channels || !v.match(/^(#|rgb)/)) return null;
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
