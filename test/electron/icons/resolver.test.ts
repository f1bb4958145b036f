// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The icon resolver: which picture an entry shows (its choice, then this computer's packs, then the
 * bundled set), the pictures as data URLs on a tile that keeps them visible, and the picker's
 * search over packs and the bundled set.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { IconChoice, IconImage, IconSearchHit } from '../../../electron/domain';
import type { BundledIcons } from '../../../electron/icons/bundled';
import { IMAGE_TILE_DARK, IMAGE_TILE_LIGHT } from '../../../electron/icons/contrast';
import { checkIconImage } from '../../../electron/icons/image-check';
import type { IconImageInput, StoredIcon } from '../../../electron/vault/entry';
import {
  createIconResolver,
  dominantPaint,
  ICON_SEARCH_LIMIT,
  lazyBundledIcons,
  NO_BUNDLED_ICONS,
  type IconResolverDeps,
} from '../../../electron/icons/resolver';
import { GOOD_SVG, png, svgBytes } from './custom-icon-fixtures';

const PACK = 'c553f06f-2a17-46ca-87f5-56af90dd0500';

function fakeBundled(): BundledIcons {
  const ids = new Set(['github', 'google', 'example']);
  return {
    match: (issuer, account) =>
      issuer.toLowerCase() === 'github' ? 'github' : account.endsWith('@example.com') ? 'example' : null,
    has: (id) => ids.has(id),
    image: (id): IconImage | null =>
      ids.has(id)
        ? {
            ref: { source: 'bundled', id },
            kind: 'path',
            title: id,
            path: 'M0 0',
            background: '#000000',
            foreground: '#ffffff',
          }
        : null,
    search: (query, limit) =>
      [...ids]
        .filter((id) => id.includes(query))
        .slice(0, limit)
        .map((id) => ({ ref: { source: 'bundled', id }, title: id })),
  };
}

function fakePacks(
  pictures: Record<string, IconImageInput>,
  issuers: Record<string, string>,
  partial = 0,
): IconResolverDeps['packs'] {
  return {
    match: (issuer) => issuers[issuer.toLowerCase()] ?? null,
    has: (id) => id in pictures,
    title: (id) => (id in pictures ? (id.split('/').pop() ?? null) : null),
    picture: (id) => pictures[id] ?? null,
    search: (query) => ({
      exact: Object.keys(pictures)
        .filter((id) => id.endsWith(`/${query}.svg`))
        .map((id): IconSearchHit => ({ ref: { source: 'pack', id }, title: query })),
      partial: Array.from({ length: partial }, (_, i): IconSearchHit => ({
        ref: { source: 'pack', id: `${PACK}/p${i}.svg` },
        title: `p${i}`,
      })),
    }),
  };
}

const svgPicture = (svg: string): IconImageInput => ({ mime: 'image/svg+xml', bytes: svgBytes(svg) });
const entry = (issuer: string, icon: IconChoice | null, account = 'alice') => ({ issuer, account, icon });

function stored(image: IconImageInput): StoredIcon {
  return { id: createHash('sha256').update(image.bytes).digest('hex'), ...image };
}

describe('shownIcon', () => {
  const resolver = createIconResolver({
    bundled: fakeBundled(),
    packs: fakePacks({ [`${PACK}/GitHub.svg`]: svgPicture(GOOD_SVG) }, { github: `${PACK}/GitHub.svg` }),
  });

  it('follows the choice first', () => {
    expect(resolver.shownIcon(entry('GitHub', { kind: 'letter' }))).toBeNull();
    expect(resolver.shownIcon(entry('GitHub', { kind: 'bundled', id: 'google' }))).toEqual({
      source: 'bundled',
      id: 'google',
    });
    expect(resolver.shownIcon(entry('GitHub', { kind: 'custom', id: 'a'.repeat(64) }))).toEqual({
      source: 'custom',
      id: 'a'.repeat(64),
    });
  });

  it('treats an unknown bundled choice as automatic', () => {
    expect(resolver.shownIcon(entry('GitHub', { kind: 'bundled', id: 'gone' }))).toEqual({
      source: 'pack',
      id: `${PACK}/GitHub.svg`,
    });
    expect(resolver.shownIcon(entry('Nobody', { kind: 'bundled', id: 'gone' }))).toBeNull();
  });

  it('when automatic: a pack icon before the bundled match, then the account’s domain, else nothing', () => {
    expect(resolver.shownIcon(entry('GitHub', null))).toEqual({ source: 'pack', id: `${PACK}/GitHub.svg` });
    const withoutPacks = createIconResolver({ bundled: fakeBundled(), packs: fakePacks({}, {}) });
    expect(withoutPacks.shownIcon(entry('GitHub', null))).toEqual({ source: 'bundled', id: 'github' });
    expect(withoutPacks.shownIcon(entry('Work', null, 'me@example.com'))).toEqual({ source: 'bundled', id: 'example' });
    expect(withoutPacks.shownIcon(entry('Work', null))).toBeNull();
  });
});

describe('images', () => {
  it('draws bundled, pack and custom pictures, each once, and leaves out what it does not know', async () => {
    const packSvg = svgPicture(GOOD_SVG);
    // As the vault keeps it: already through checkIconImage.
    const custom = stored(checkIconImage(await png(16, 16)));
    const resolver = createIconResolver({
      bundled: fakeBundled(),
      packs: fakePacks({ [`${PACK}/a.svg`]: packSvg }, {}),
    });
    const images = resolver.images(
      [
        { source: 'bundled', id: 'github' },
        { source: 'pack', id: `${PACK}/a.svg` },
        { source: 'custom', id: custom.id },
        { source: 'custom', id: custom.id },
        { source: 'custom', id: 'f'.repeat(64) },
        { source: 'pack', id: `${PACK}/gone.svg` },
        { source: 'bundled', id: 'gone' },
      ],
      new Map([[custom.id, custom]]),
    );
    expect(images.map((i) => [i.ref.source, i.kind, i.title])).toEqual([
      ['bundled', 'path', 'github'],
      ['pack', 'image', 'a.svg'],
      ['custom', 'image', 'Custom icon'],
    ]);
    const [, fromPack, fromVault] = images;
    expect(fromPack?.kind === 'image' && fromPack.dataUrl).toBe(
      `data:image/svg+xml;base64,${Buffer.from(GOOD_SVG).toString('base64')}`,
    );
    expect(fromVault?.kind === 'image' && fromVault.dataUrl).toBe(
      `data:image/png;base64,${Buffer.from(custom.bytes).toString('base64')}`,
    );
  });

  it('checks a vault’s custom icon again: one that never passed the check is left out', () => {
    const hostile = stored({
      mime: 'image/svg+xml',
      bytes: svgBytes('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
    });
    const mislabelled = stored({ mime: 'image/png', bytes: svgBytes(GOOD_SVG) });
    const resolver = createIconResolver({ bundled: NO_BUNDLED_ICONS, packs: fakePacks({}, {}) });
    const images = resolver.images(
      [
        { source: 'custom', id: hostile.id },
        { source: 'custom', id: mislabelled.id },
      ],
      new Map([
        [hostile.id, hostile],
        [mislabelled.id, mislabelled],
      ]),
    );
    expect(images).toHaveLength(1);
    expect(images[0]?.kind === 'image' && images[0].dataUrl.startsWith('data:image/svg+xml;base64,')).toBe(true);
  });

  it('puts a light SVG on the dark tile and everything else on white', async () => {
    const white = svgPicture(
      '<svg xmlns="http://www.w3.org/2000/svg"><path fill="#fff" d="M0 0"/><path style="fill:#fafafa" d="M1 1"/></svg>',
    );
    const dark = svgPicture('<svg xmlns="http://www.w3.org/2000/svg"><path fill="#1a1a1a" d="M0 0"/></svg>');
    const unpainted = svgPicture('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>');
    const raster: IconImageInput = { mime: 'image/png', bytes: await png(8, 8, '#ffffff') };
    const resolver = createIconResolver({
      bundled: NO_BUNDLED_ICONS,
      packs: fakePacks(
        { [`${PACK}/w`]: white, [`${PACK}/d`]: dark, [`${PACK}/u`]: unpainted, [`${PACK}/r`]: raster },
        {},
      ),
    });
    const tiles = resolver
      .images(
        ['w', 'd', 'u', 'r'].map((n) => ({ source: 'pack' as const, id: `${PACK}/${n}` })),
        new Map(),
      )
      .map((i) => i.background);
    expect(tiles).toEqual([IMAGE_TILE_DARK, IMAGE_TILE_LIGHT, IMAGE_TILE_LIGHT, IMAGE_TILE_LIGHT]);
  });

  it('finds the paint used most', () => {
    expect(dominantPaint('<svg><path fill="#fff"/><path fill="#000"/><path fill="#fff"/></svg>')).toBe('#ffffff');
    expect(dominantPaint('<svg><g style="fill:rgb(255, 0, 0);stroke:none"/></svg>')).toBe('#ff0000');
    expect(dominantPaint('<svg><path fill="url(#g)" fill-opacity="1"/><stop stop-color="white"/></svg>')).toBe(
      '#ffffff',
    );
    expect(dominantPaint('<svg/>')).toBe('#000000');
  });
});

describe('search', () => {
  it('gives exact pack hits, then the bundled set, then a few partial pack hits, 60 at most', () => {
    const resolver = createIconResolver({
      bundled: fakeBundled(),
      packs: fakePacks({ [`${PACK}/google.svg`]: svgPicture(GOOD_SVG) }, {}, 100),
    });
    const hits = resolver.search('google');
    expect(hits.slice(0, 2).map((h) => h.ref)).toEqual([
      { source: 'pack', id: `${PACK}/google.svg` },
      { source: 'bundled', id: 'google' },
    ]);
    expect(hits.length).toBe(1 + 1 + 20);
    expect(hits.length).toBeLessThanOrEqual(ICON_SEARCH_LIMIT);
  });
});

describe('lazyBundledIcons', () => {
  it('loads once, on first use, and a set that cannot load is an empty one', () => {
    let loads = 0;
    const broken = lazyBundledIcons(() => {
      loads += 1;
      throw new Error('The bundled icons are missing');
    });
    expect(loads).toBe(0);
    expect(broken.match('GitHub', '')).toBeNull();
    expect(broken.search('git', 5)).toEqual([]);
    expect(broken.image('github')).toBeNull();
    expect(loads).toBe(1);
    const working = lazyBundledIcons(fakeBundled);
    expect(working.has('github')).toBe(true);
  });
});
