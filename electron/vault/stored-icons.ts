// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Custom icons stored inside the vault (docs/vault-format.md §6): each is identified by the SHA-256
 * of its bytes, so the same image is stored once however many entries use it, and two copies of
 * the vault agree on its id. The bounds (one icon, all icons together) are the domain's
 * ICON_LIMITS; the image itself was checked (and an SVG sanitised) by electron/icons before it got
 * here, and only its type signature is looked at again.
 */
import { createHash } from 'node:crypto';
import { ICON_LIMITS } from '../domain';
import type { IconMime, StoredIcon, VaultEntry } from './entry';

/** The image types a stored icon may be. */
export const ICON_MIMES: readonly IconMime[] = ['image/png', 'image/jpeg', 'image/svg+xml'];

/** An icon id: the SHA-256 of the bytes, lower-case hex. */
export const ICON_ID_RE = /^[0-9a-f]{64}$/;

/** The id of an icon with these bytes. */
export function iconIdOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Whether `bytes` look like an image of type `mime` (its signature; SVG: UTF-8 text with an `<svg`). */
function looksLike(mime: IconMime, bytes: Uint8Array): boolean {
  if (mime === 'image/png') return startsWith(bytes, PNG_SIGNATURE);
  if (mime === 'image/jpeg') return startsWith(bytes, [0xff, 0xd8, 0xff]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return text.includes('<svg');
}

/** Why an icon cannot be stored, in words; null when it can. */
export function storedIconProblem(mime: unknown, bytes: unknown): string | null {
  if (typeof mime !== 'string' || !(ICON_MIMES as readonly string[]).includes(mime)) {
    return 'An icon must be a PNG, JPEG or SVG image.';
  }
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) return 'The icon image is empty.';
  if (bytes.length > ICON_LIMITS.storedMaxBytes) {
    return `An icon is at most ${ICON_LIMITS.storedMaxBytes / 1024} KB once stored. Choose a smaller image.`;
  }
  if (!looksLike(mime as IconMime, bytes)) return `The icon's content is not the ${mime} it says it is.`;
  return null;
}

/** Why these icons together cannot be stored (the vault-wide cap), in words; null when they can. */
export function iconsTotalProblem(icons: ReadonlyMap<string, StoredIcon>): string | null {
  let total = 0;
  for (const icon of icons.values()) total += icon.bytes.length;
  if (total > ICON_LIMITS.storedTotalMaxBytes) {
    return (
      `The custom icons of one vault take at most ${ICON_LIMITS.storedTotalMaxBytes / (1024 * 1024)} MB together. ` +
      'Use a bundled icon or a smaller image for some accounts first.'
    );
  }
  return null;
}

/** The custom icon ids the entries use. */
export function usedIconIds(entries: readonly VaultEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const e of entries) if (e.icon?.kind === 'custom') ids.add(e.icon.id);
  return ids;
}

/** Only the icons some entry uses (a save keeps no others). */
export function withoutUnusedIcons(
  icons: ReadonlyMap<string, StoredIcon>,
  entries: readonly VaultEntry[],
): ReadonlyMap<string, StoredIcon> {
  const used = usedIconIds(entries);
  if ([...icons.keys()].every((id) => used.has(id))) return icons;
  return new Map([...icons].filter(([id]) => used.has(id)));
}
