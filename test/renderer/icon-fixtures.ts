// SPDX-License-Identifier: GPL-3.0-or-later
/** Issuer icon pictures as main would answer them, for the icon tests' fake API (fake-api.ts `icons`). */
import type { IconImage, IconRef } from '../../electron/domain';

export const bundled = (id: string): IconRef => ({ source: 'bundled', id });
export const pack = (id: string): IconRef => ({ source: 'pack', id: `6b1d0c55-2f0e-4c4e-9d7e-8d1f5a3b9c21/${id}` });
export const custom = (id: string): IconRef => ({ source: 'custom', id: id.padEnd(64, '0') });

/** A one-colour glyph, its path made from the id so each picture is told apart. */
export function glyph(ref: IconRef, title: string, background = '#181717', foreground = '#ffffff'): IconImage {
  return { ref, kind: 'path', title, path: `M0 0h24v24H0z M${title.length} 1h2`, background, foreground };
}

/** A 1×1 PNG as a data: URL. */
export const PNG_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';

export function picture(ref: IconRef, title: string, background = '#ffffff'): IconImage {
  return { ref, kind: 'image', title, dataUrl: PNG_DATA_URL, background };
}

/** A few bundled icons, one pack icon, and a custom one already in the vault. */
export const CATALOGUE: IconImage[] = [
  glyph(bundled('github'), 'GitHub'),
  glyph(bundled('gitlab'), 'GitLab', '#fc6d26', '#000000'),
  glyph(bundled('gitea'), 'Gitea', '#609926'),
  glyph(bundled('google'), 'Google', '#4285f4'),
  glyph(bundled('microsoft'), 'Microsoft', '#5e5e5e'),
  glyph(bundled('amazonwebservices'), 'Amazon Web Services', '#232f3e'),
  glyph(bundled('dropbox'), 'Dropbox', '#0061ff'),
  glyph(bundled('slack'), 'Slack', '#4a154b'),
  glyph(bundled('proton'), 'Proton', '#6d4aff'),
  glyph(bundled('steam'), 'Steam', '#000000'),
  picture(pack('github.png'), 'GitHub'),
  picture(custom('ab12'), 'My bank'),
];
