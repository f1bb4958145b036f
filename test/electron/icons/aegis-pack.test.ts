// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Aegis icon packs, built here to the format Aegis documents (a ZIP with pack.json: uuid, name,
 * version, icons with filename, category and issuer), read through readAegisPack and kept through
 * the pack store: a good pack is kept; a hostile or oversized icon is skipped; a pack with nothing
 * usable, an invalid pack.json or a ZIP bomb is refused with a sentence, and NOTHING is stored.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ICON_LIMITS } from '../../../electron/domain';
import {
  PACK_MAX_ZIP_ENTRIES,
  parsePackManifest,
  readAegisPack,
  isSafePackPath,
} from '../../../electron/icons/aegis-pack';
import { IconError } from '../../../electron/icons/image-check';
import { createPackStore, type PackStore } from '../../../electron/icons/pack-store';
import { SVG_REFUSALS } from '../../../electron/icons/sanitise-svg';
import {
  claimEntries,
  claimUncompressedSize,
  GOOD_SVG,
  pack,
  packJson,
  PACK_UUID,
  png,
  svgBytes,
  zip,
} from './custom-icon-fixtures';

let root: string;
let folder: string;
let store: PackStore;

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'tessera-aegis-pack-'));
  folder = path.join(root, 'icon-packs');
  store = createPackStore({ folder });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Everything in the packs folder, hidden leftovers included. */
function stored(): string[] {
  return existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String).sort() : [];
}

async function refusedAndNothingStored(bytes: Uint8Array): Promise<IconError> {
  const error = await store.importPack(bytes).then(
    () => {
      throw new Error('imported');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IconError);
  expect(stored()).toEqual([]);
  expect(store.list()).toEqual([]);
  return error as IconError;
}

const SCRIPT_SVG = `<svg xmlns="http://www.w3.org/2000/svg"><script>fetch('https://evil.example')</script></svg>`;
const EXTERNAL_SVG = `<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/track.png"/></svg>`;

describe('a good pack', () => {
  it('is kept: its icons checked, stored under names of Tessera’s own, matched by issuer', async () => {
    const bytes = await pack(
      [
        { filename: 'services/GitHub.svg', issuer: ['github'] },
        { filename: 'services/Google.png', category: 'Big', issuer: ['Google', 'gmail'] },
        { filename: 'services/Missing.svg', issuer: ['missing'] },
      ],
      {
        'services/GitHub.svg': svgBytes(`<!-- editor -->${GOOD_SVG}`),
        'services/Google.png': await png(32, 32),
        'README.md': 'ignored',
      },
    );
    const imported = await store.importPack(bytes);
    expect(imported.info).toEqual({ id: PACK_UUID, name: 'Test Icons', version: 1, icons: 2 });
    expect(imported.skipped).toBe(1);
    expect(imported.replaced).toBeNull();
    expect(imported.reasons).toEqual(['services/Missing.svg: not in the ZIP file.']);
    expect(stored()).toEqual(
      [
        PACK_UUID,
        `${PACK_UUID}/icons`,
        `${PACK_UUID}/icons/0.svg`,
        `${PACK_UUID}/icons/1.png`,
        `${PACK_UUID}/pack.json`,
      ].map((p) => p.split('/').join(path.sep)),
    );
    expect(store.list()).toEqual([imported.info]);
    expect(store.match('GitHub, Inc.')).toBe(`${PACK_UUID}/services/GitHub.svg`);
    expect(store.match('Gmail')).toBe(`${PACK_UUID}/services/Google.png`);
    expect(store.match('missing')).toBeNull();
    expect(new TextDecoder().decode(store.picture(`${PACK_UUID}/services/GitHub.svg`)?.bytes)).toBe(GOOD_SVG);
    expect(store.picture(`${PACK_UUID}/services/Google.png`)?.mime).toBe('image/png');
    expect(store.title(`${PACK_UUID}/services/Google.png`)).toBe('Google');

    // A fresh store (the next start) reads the same from disk.
    const again = createPackStore({ folder });
    expect(again.list()).toEqual([imported.info]);
    expect(again.match('github')).toBe(`${PACK_UUID}/services/GitHub.svg`);
    expect(again.picture(`${PACK_UUID}/services/GitHub.svg`)?.mime).toBe('image/svg+xml');
  });

  it('skips, and never writes, hostile or oversized icons among good ones', async () => {
    const bytes = await pack(
      [
        { filename: 'ok.svg', issuer: ['ok'] },
        { filename: 'script.svg', issuer: ['script'] },
        { filename: 'external.svg', issuer: ['external'] },
        { filename: 'huge.png', issuer: ['huge'] },
        { filename: '../escape.svg', issuer: ['escape'] },
        { filename: '/etc/passwd', issuer: ['abs'] },
      ],
      {
        'ok.svg': GOOD_SVG,
        'script.svg': SCRIPT_SVG,
        'external.svg': EXTERNAL_SVG,
        'huge.png': new Uint8Array(50 * 1024 * 1024),
      },
    );
    const imported = await store.importPack(bytes);
    expect(imported.info.icons).toBe(1);
    expect(imported.skipped).toBe(5);
    expect(imported.reasons).toEqual([
      `script.svg: <script>`,
      `external.svg: <image href="https://evil.example/track.png">`,
      `huge.png: ${50 * 1024 * 1024} bytes.`,
    ]);
    expect(stored().filter((p) => p.includes('icons' + path.sep))).toEqual([path.join(PACK_UUID, 'icons', '0.svg')]);
    expect(existsSync(path.join(root, 'escape.svg'))).toBe(false);
    expect(store.match('script')).toBeNull();
  });
});

describe('a refused pack stores nothing', () => {
  it('an SVG with a script', async () => {
    const error = await refusedAndNothingStored(
      await pack([{ filename: 'a.svg', issuer: ['a'] }], { 'a.svg': SCRIPT_SVG }),
    );
    expect(error.message).toBe(
      'None of the icons in this pack can be used: each must be a PNG, JPEG or SVG image that Tessera accepts. Nothing was imported.',
    );
    expect(error.details).toBe('a.svg: <script>');
  });

  it('an SVG with an external href', async () => {
    const error = await refusedAndNothingStored(await pack([{ filename: 'a.svg' }], { 'a.svg': EXTERNAL_SVG }));
    expect(error.message).toMatch(/^None of the icons in this pack can be used/);
  });

  it('a 50 MB image', async () => {
    const error = await refusedAndNothingStored(
      await pack([{ filename: 'big.png' }], { 'big.png': new Uint8Array(50 * 1024 * 1024) }),
    );
    expect(error.details).toBe(`big.png: ${50 * 1024 * 1024} bytes.`);
  });

  it('a ZIP whose member names climb out of it', async () => {
    const error = await refusedAndNothingStored(
      await zip({ 'pack.json': packJson([{ filename: 'a.svg' }]), 'a.svg': GOOD_SVG, '../../escape.svg': GOOD_SVG }),
    );
    expect(error.message).toBe(
      'This file names a path outside itself, which no icon pack needs. Nothing was imported.',
    );
    expect(existsSync(path.join(root, 'escape.svg'))).toBe(false);
  });

  it('a ZIP bomb that declares a huge unpacked size', async () => {
    const small = await pack([{ filename: 'a.svg' }], { 'a.svg': GOOD_SVG });
    const error = await refusedAndNothingStored(claimUncompressedSize(small, 0xfffffff0));
    expect(error.message).toBe(
      'This file unpacks to more than 128 MB, far more than any icon pack. Tessera stopped reading it: nothing was imported.',
    );
  });

  it('a ZIP bomb whose headers lie small: its member is not extracted (the unpacked size must match)', async () => {
    const icon = new Uint8Array(5 * 1024 * 1024);
    icon.set(svgBytes('<svg xmlns="http://www.w3.org/2000/svg">'));
    const liar = claimUncompressedSize(await pack([{ filename: 'a.svg' }], { 'a.svg': icon }), 1000, 'a.svg');
    const error = await refusedAndNothingStored(liar);
    expect(error.message).toMatch(/^None of the icons in this pack can be used/);
    expect(error.details).toBe('a.svg: cannot be extracted (damaged).');
  });

  it('a ZIP bomb of more entries than any pack has, refused from its end record', async () => {
    const small = await pack([{ filename: 'a.svg' }], { 'a.svg': GOOD_SVG });
    const error = await refusedAndNothingStored(claimEntries(small, PACK_MAX_ZIP_ENTRIES + 1));
    expect(error.message).toBe(
      'This file holds more than 21,000 files, far more than any icon pack. Tessera stopped reading it: nothing was imported.',
    );
  });

  it('a file larger than a pack may be, before it is opened', async () => {
    const error = await refusedAndNothingStored(new Uint8Array(ICON_LIMITS.packFileMaxBytes + 1));
    expect(error.message).toBe('This file is larger than 64 MB, far larger than any icon pack. Choose another file.');
  });

  it('not a ZIP, or a ZIP without pack.json', async () => {
    const notZip = await refusedAndNothingStored(svgBytes(GOOD_SVG));
    expect(notZip.message).toBe(
      'This file is not an Aegis icon pack: an icon pack is a ZIP file with a pack.json inside. Nothing was imported.',
    );
    const noManifest = await refusedAndNothingStored(await zip({ 'a.svg': GOOD_SVG }));
    expect(noManifest.message).toBe(notZip.message);
  });

  it.each([
    ['not JSON', '{'],
    ['no uuid', JSON.stringify({ name: 'x', version: 1, icons: [] })],
    ['a bad uuid', JSON.stringify({ uuid: '../../x', name: 'x', version: 1, icons: [] })],
    ['no name', JSON.stringify({ uuid: PACK_UUID, version: 1, icons: [] })],
    ['a fractional version', JSON.stringify({ uuid: PACK_UUID, name: 'x', version: 1.5, icons: [] })],
    ['icons not a list', JSON.stringify({ uuid: PACK_UUID, name: 'x', version: 1, icons: {} })],
  ])('an invalid pack.json: %s', async (_name, manifest) => {
    const error = await refusedAndNothingStored(await zip({ 'pack.json': manifest, 'a.svg': GOOD_SVG }));
    expect(error.message).toBe(
      'This icon pack’s pack.json is not valid: it must give the pack’s uuid, name, version and icons. Nothing was imported.',
    );
  });

  it('more icons listed than Tessera keeps', async () => {
    const many = Array.from({ length: ICON_LIMITS.packMaxIcons + 1 }, (_, i) => ({ filename: `${i}.svg` }));
    const error = await refusedAndNothingStored(await pack(many, { '0.svg': GOOD_SVG }));
    expect(error.message).toBe(
      'This icon pack lists more than 20,000 icons, more than Tessera keeps. Nothing was imported.',
    );
  });
});

describe('versions of a pack', () => {
  const version = async (v: number, svg = GOOD_SVG): Promise<Uint8Array> =>
    pack([{ filename: 'a.svg', issuer: [`v${v}`] }], { 'a.svg': svg }, { version: v });

  it('a higher or the same version replaces the kept one; a lower one is refused and the newer kept', async () => {
    await store.importPack(await version(2));
    const higher = await store.importPack(await version(3));
    expect(higher.replaced).toBe(2);
    expect(store.list().map((p) => p.version)).toEqual([3]);
    expect(store.match('v3')).not.toBeNull();
    expect(store.match('v2')).toBeNull();
    expect((await store.importPack(await version(3))).replaced).toBe(3);

    const before = stored();
    const lower = await store.importPack(await version(1)).catch((e: unknown) => e);
    expect(lower).toBeInstanceOf(IconError);
    expect((lower as IconError).message).toBe(
      'A newer version of the icon pack “Test Icons” (version 3) is already on this computer, so it was kept. Nothing was imported.',
    );
    expect(stored()).toEqual(before);
    expect(
      createPackStore({ folder })
        .list()
        .map((p) => p.version),
    ).toEqual([3]);
  });

  it('a refused new version leaves the old one whole', async () => {
    await store.importPack(await version(1));
    const before = stored();
    await expect(store.importPack(await version(2, SCRIPT_SVG))).rejects.toBeInstanceOf(IconError);
    expect(stored()).toEqual(before);
    expect(store.match('v1')).not.toBeNull();
  });

  it('an import cut short by a crash leaves the old pack, put back at the next start', async () => {
    await store.importPack(await version(1));
    const { renameSync } = await import('node:fs');
    renameSync(path.join(folder, PACK_UUID), path.join(folder, `.old-${PACK_UUID}-0123456789abcdef`));
    // A reader that does not tidy (the CLI) leaves what an import in progress may still need.
    expect(createPackStore({ folder }).list()).toEqual([]);
    expect(stored().some((p) => p.startsWith('.old-'))).toBe(true);
    // The app, which imports packs, tidies at its next start.
    const next = createPackStore({ folder, tidy: true });
    expect(next.list().map((p) => p.version)).toEqual([1]);
    expect(stored().filter((p) => p.startsWith('.'))).toEqual([]);
  });

  it('removing a pack removes its folder; an unknown id changes nothing', async () => {
    await store.importPack(await version(1));
    expect(await store.remove('00000000-0000-4000-8000-000000000000')).toHaveLength(1);
    expect(await store.remove(PACK_UUID)).toEqual([]);
    expect(stored()).toEqual([]);
    expect(store.match('v1')).toBeNull();
    expect(store.picture(`${PACK_UUID}/a.svg`)).toBeNull();
  });
});

describe('pack.json', () => {
  it('reads the documented example', () => {
    const manifest = parsePackManifest(
      JSON.stringify({
        uuid: 'C553F06F-2A17-46CA-87F5-56AF90DD0500',
        name: "Alex' Icon Pack",
        version: 1,
        icons: [
          { filename: 'services/Google.png', category: 'Services', issuer: ['google'] },
          { filename: 'services/Blizzard.png', category: 'Gaming', issuer: ['blizzard', 'battle.net'] },
          { filename: 'services/NoCategory.svg', category: null, issuer: [] },
          { filename: 'services/Google.png', category: 'Twice', issuer: [] },
          { filename: 'bad\\path.png', issuer: [] },
          { filename: 'x.png', issuer: 'not a list' },
        ],
      }),
    );
    expect(manifest).toMatchObject({ uuid: PACK_UUID, name: "Alex' Icon Pack", version: 1, invalid: 3 });
    expect(manifest.icons.map((i) => [i.path, i.name, i.category, i.issuers])).toEqual([
      ['services/Google.png', 'Google', 'Services', ['google']],
      ['services/Blizzard.png', 'Blizzard', 'Gaming', ['blizzard', 'battle.net']],
      ['services/NoCategory.svg', 'NoCategory', null, []],
    ]);
  });

  it('accepts only relative paths inside the ZIP', () => {
    for (const ok of ['a.svg', 'services/a b.png', 'x/y/z.jpg']) expect(isSafePackPath(ok)).toBe(true);
    for (const bad of [
      '',
      '/a.svg',
      '../a.svg',
      'a/../../b.svg',
      'a//b.svg',
      './a.svg',
      'C:/a.svg',
      'a\\b.svg',
      'a\u0000.svg',
    ]) {
      expect(isSafePackPath(bad)).toBe(false);
    }
  });

  it('an older version is refused before any icon is read', async () => {
    let kept = 0;
    const bytes = await pack([{ filename: 'a.svg' }], { 'a.svg': GOOD_SVG }, { version: 1 });
    await expect(readAegisPack(bytes, { installedVersion: () => 2, keep: async () => void kept++ })).rejects.toThrow(
      /already on this computer/,
    );
    expect(kept).toBe(0);
  });
});

describe('the refusals name SVG reasons in details only', () => {
  it('keeps the user sentence plain', async () => {
    const error = await refusedAndNothingStored(
      await pack([{ filename: 'a.svg' }], { 'a.svg': `<svg onload="x()"/>` }),
    );
    expect(error.message).not.toMatch(/onload|<svg/);
    expect(SVG_REFUSALS.events).toMatch(/event handlers/);
  });
});
