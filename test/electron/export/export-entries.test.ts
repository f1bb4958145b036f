// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The accounts as the exporters take them (electron/export/export-entries.ts): copies with their own
 * secret bytes, and the picture of each icon where there is one: the vault's custom image, else the
 * resolver's picture (a bundled glyph as a small SVG), never for the letter tile.
 */
import { describe, expect, it } from 'vitest';
import type { IconChoice, IconImage } from '../../../electron/domain';
import { exportEntries, pictureBytes, type ExportEntry, type ShownPicture } from '../../../electron/export';
import { checkIconImage } from '../../../electron/icons/image-check';
import type { StoredIcon } from '../../../electron/vault/entry';
import { iconId, PNG_1X1 } from './arbitraries';
import { SAMPLE } from './export-test-helpers';

const CUSTOM: StoredIcon = { id: iconId({ mime: 'image/png', bytes: PNG_1X1 }), mime: 'image/png', bytes: PNG_1X1 };
const GLYPH: IconImage = {
  ref: { source: 'bundled', id: 'github' },
  kind: 'path',
  title: 'GitHub',
  path: 'M12 .3a12 12 0 0 0-3.8 23.4z',
  background: '#181717',
  foreground: '#ffffff',
};
const entry = (icon: IconChoice | null): ExportEntry & { icon: IconChoice | null } => ({ ...SAMPLE.github, icon });

describe('exportEntries', () => {
  it('copies the secret: the export owns (and wipes) its own bytes', () => {
    const source = entry(null);
    const [copy] = exportEntries([source]);
    expect(copy?.secret).toEqual(source.secret);
    expect(copy?.secret).not.toBe(source.secret);
    copy?.secret.fill(0);
    expect(source.secret.some((b) => b !== 0)).toBe(true);
  });

  it('a custom icon brings its stored image; the letter tile and no resolver bring none', () => {
    const icons = new Map([[CUSTOM.id, CUSTOM]]);
    const [custom, letter, automatic, missing] = exportEntries(
      [
        entry({ kind: 'custom', id: CUSTOM.id }),
        entry({ kind: 'letter' }),
        entry(null),
        entry({ kind: 'custom', id: 'f'.repeat(64) }),
      ],
      icons,
    );
    expect(custom?.iconImage).toEqual({ mime: 'image/png', bytes: PNG_1X1 });
    expect(letter?.iconImage).toBeUndefined();
    expect(automatic?.iconImage).toBeUndefined();
    expect(missing?.iconImage).toBeUndefined();
  });

  it('other icons come from the resolver: a bundled glyph as an SVG the icon check accepts as it is', () => {
    const asked: (IconChoice | null)[] = [];
    const shown: ShownPicture = ({ icon }) => {
      asked.push(icon);
      return GLYPH;
    };
    const [automatic, bundled, letter] = exportEntries(
      [entry(null), entry({ kind: 'bundled', id: 'github' }), entry({ kind: 'letter' })],
      new Map(),
      shown,
    );
    expect(asked).toEqual([null, { kind: 'bundled', id: 'github' }]);
    expect(letter?.iconImage).toBeUndefined();
    expect(bundled?.iconImage?.mime).toBe('image/svg+xml');
    const svg = new TextDecoder().decode(automatic?.iconImage?.bytes);
    expect(svg).toContain('d="M12 .3a12 12 0 0 0-3.8 23.4z"');
    expect(svg).toContain('fill="#181717"');
    expect(checkIconImage(automatic?.iconImage?.bytes ?? new Uint8Array()).mime).toBe('image/svg+xml');
  });
});

describe('pictureBytes', () => {
  it('an image picture gives its data URL’s bytes; another type or a damaged URL gives none', () => {
    const image = (dataUrl: string): IconImage => ({
      ref: { source: 'custom', id: CUSTOM.id },
      kind: 'image',
      title: 'Custom icon',
      dataUrl,
      background: '#ffffff',
    });
    const b64 = Buffer.from(PNG_1X1).toString('base64');
    expect(pictureBytes(image(`data:image/png;base64,${b64}`))).toEqual({ mime: 'image/png', bytes: PNG_1X1 });
    expect(pictureBytes(image(`data:image/gif;base64,${b64}`))).toBeNull();
    expect(pictureBytes(image('https://example.com/icon.png'))).toBeNull();
  });

  it('a path is written with only path characters, its colours only as colours', () => {
    const hostile: IconImage = { ...GLYPH, path: 'M0 0"/><script>x</script>', foreground: 'red"onload="x' };
    const svg = new TextDecoder().decode(pictureBytes(hostile)?.bytes);
    expect(svg).not.toContain('script');
    expect(svg).not.toContain('onload');
    expect(svg).toContain('fill="#000000"');
  });
});
