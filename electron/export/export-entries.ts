// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's accounts as the exporters take them: each a copy (its own secret bytes, so a save of
 * the vault meanwhile cannot touch them; the caller wipes them), with the picture of its icon when
 * there is one to carry. A custom icon's picture is the stored image itself; any other icon the
 * lists show (a bundled or a pack icon, chosen or matched by issuer) comes from `shownPicture`,
 * the icon resolver's answer, turned into bytes here (a bundled glyph becomes a small SVG). Only
 * formats that embed pictures (Aegis) write it; a Tessera backup keeps the choice itself.
 */
import type { IconChoice, IconImage } from '../domain';
import type { IconResolver } from '../icons/resolver';
import type { IconImageInput, IconMime, StoredIcon } from '../vault/entry';
import type { ExportEntry } from './types';

/** The picture the lists show for an account (electron/icons resolver), or null for the letter tile. */
export type ShownPicture = (entry: {
  readonly issuer: string;
  readonly account: string;
  readonly icon: IconChoice | null;
}) => IconImage | null;

/**
 * Copies of `entries` for an export: fresh secret bytes, and `iconImage` set to the picture of the
 * entry's icon: its custom image from `vaultIcons`, else (not the letter tile) `shownPicture`'s.
 */
export function exportEntries<T extends ExportEntry>(
  entries: readonly T[],
  vaultIcons: ReadonlyMap<string, StoredIcon> = new Map(),
  shownPicture?: ShownPicture,
): T[] {
  return entries.map((e) => {
    const { iconImage: _ignored, ...rest } = e;
    const picture = pictureOf(e, vaultIcons, shownPicture);
    return { ...rest, secret: Uint8Array.from(e.secret), ...(picture !== null ? { iconImage: picture } : {}) } as T;
  });
}

function pictureOf(
  e: ExportEntry,
  vaultIcons: ReadonlyMap<string, StoredIcon>,
  shownPicture: ShownPicture | undefined,
): IconImageInput | null {
  const icon = e.icon ?? null;
  if (icon?.kind === 'letter') return null;
  if (icon?.kind === 'custom') {
    const stored = vaultIcons.get(icon.id);
    if (stored !== undefined) return { mime: stored.mime, bytes: Uint8Array.from(stored.bytes) };
  }
  if (shownPicture === undefined) return null;
  const shown = shownPicture({ issuer: e.issuer, account: e.account, icon });
  return shown === null ? null : pictureBytes(shown);
}

/** The pictures an icon resolver (electron/icons resolver.ts) gives, as a ShownPicture. */
export function resolvedPictures(
  resolver: Pick<IconResolver, 'shownIcon' | 'images'>,
  vaultIcons: ReadonlyMap<string, StoredIcon>,
): ShownPicture {
  return (entry) => {
    const ref = resolver.shownIcon(entry);
    return ref === null ? null : (resolver.images([ref], vaultIcons)[0] ?? null);
  };
}

/** Whether an export format embeds icon pictures (only Aegis's does). */
export function formatCarriesPictures(format: string): boolean {
  return format === 'aegis' || format === 'aegis-plain';
}

const MIMES: readonly IconMime[] = ['image/png', 'image/jpeg', 'image/svg+xml'];

/**
 * The bytes of a picture as the window draws it: a one-colour glyph becomes a 24×24 SVG (its tile
 * and its path, nothing else), an image its `data:` URL's bytes (PNG, JPEG or SVG only).
 */
export function pictureBytes(image: IconImage): IconImageInput | null {
  if (image.kind === 'path') {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="24" height="24">' +
      `<rect width="24" height="24" fill="${colour(image.background)}"/>` +
      `<path fill="${colour(image.foreground)}" d="${attribute(image.path)}"/></svg>`;
    return { mime: 'image/svg+xml', bytes: new TextEncoder().encode(svg) };
  }
  const match = /^data:([a-z+/]+);base64,([A-Za-z0-9+/]*={0,2})$/.exec(image.dataUrl);
  const mime = MIMES.find((m) => m === match?.[1]);
  if (match === null || mime === undefined) return null;
  return { mime, bytes: Uint8Array.from(Buffer.from(match[2] ?? '', 'base64')) };
}

/** A CSS colour as the bundled data writes it (`#rrggbb`); anything else becomes black. */
function colour(value: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(value) ? value : '#000000';
}

/** An SVG path's `d`: only the characters path data uses (commands, numbers, separators). */
function attribute(path: string): string {
  return path.replace(/[^MmLlHhVvCcSsQqTtAaZz0-9eE.,+\-\s]/g, '');
}
