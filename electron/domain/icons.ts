// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issuer icons as every part of Tessera names them: what an account's icon is set to (stored in the
 * vault), which picture the lists show for it (resolved in main from that choice, this computer's
 * icon packs and the bundled set), and the picture itself as the window draws it. No icon is ever
 * fetched from the network: the bundled set ships with the app, packs and custom images are files
 * the user chose, checked before anything is kept.
 */

/**
 * What a user set an account's icon to. `null` in an entry means "automatic": the icon that matches
 * its issuer (or the domain of its account name), else the letter tile.
 * - `letter`: always the letter tile.
 * - `bundled`: one icon of the bundled set, by its id (stable across versions, e.g. "github").
 * - `custom`: an image stored inside the vault (so every copy of the vault shows it), by its id
 *   (the SHA-256 of the stored bytes, lower-case hex).
 */
export type IconChoice =
  | { readonly kind: 'letter' }
  | { readonly kind: 'bundled'; readonly id: string }
  | { readonly kind: 'custom'; readonly id: string };

/**
 * A bundled icon's id ("github", "uniqlo_ja"): what the vault stores, the IPC checks and the
 * bundled set names (test/electron/icons/bundled-ids.test.ts checks every shipped id against it).
 */
export const BUNDLED_ICON_ID_RE = /^[a-z0-9][a-z0-9_.+-]{0,63}$/;

/**
 * What the user picks in the icon picker. A pack icon is copied into the vault as a custom icon
 * (packs live on one computer; the vault may be opened on another).
 */
export type IconPick = IconChoice | { readonly kind: 'pack'; readonly id: string } | null;

/**
 * The picture the lists show for an account (`tessera list --json` prints it as `"icon"`), or null
 * for the letter tile. `pack` ids are `<packUuid>/<file path in the pack>`.
 */
export interface IconRef {
  readonly source: 'bundled' | 'pack' | 'custom';
  readonly id: string;
}

/** A stable text key of a ref, for caches and maps. */
export function iconKey(ref: IconRef): string {
  return `${ref.source}:${ref.id}`;
}

/**
 * A picture as the window draws it, always on a tile of `background`.
 * - `path`: a one-colour 24×24 glyph (simple-icons), drawn in `foreground` — the window builds the
 *   `<svg>` itself, so nothing but a path's `d` comes from the data.
 * - `image`: a `data:` URL (PNG, JPEG, or SVG already sanitised in main) shown in an `<img>`,
 *   where an SVG cannot run scripts or load anything.
 * Background and foreground keep WCAG 3:1 or more between them, in light and dark themes.
 */
export type IconImage =
  | {
      readonly ref: IconRef;
      readonly kind: 'path';
      readonly title: string;
      readonly path: string;
      readonly background: string;
      readonly foreground: string;
    }
  | {
      readonly ref: IconRef;
      readonly kind: 'image';
      readonly title: string;
      readonly dataUrl: string;
      readonly background: string;
    };

/** One result of the icon picker's search. */
export interface IconSearchHit {
  readonly ref: IconRef;
  readonly title: string;
}

/** An Aegis icon pack kept on this computer. */
export interface IconPackInfo {
  /** Tessera's id for the imported pack (a UUID). */
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly icons: number;
}
