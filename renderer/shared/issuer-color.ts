// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The letter tile of an entry: a colour picked by hashing the issuer, so "GitHub" looks the same
 * every day and on every machine, and a letter. No logos are fetched (the CSP forbids it anyway).
 */

/** Tile backgrounds; each keeps white text at a contrast ratio of 4.5:1 or more. */
export const TILE_COLORS: readonly string[] = Object.freeze([
  '#1d4ed8', // blue
  '#0f766e', // teal
  '#7c3aed', // violet
  '#b91c1c', // red
  '#15803d', // green
  '#c2410c', // orange
  '#be185d', // pink
  '#4338ca', // indigo
  '#0e7490', // cyan
  '#a21caf', // fuchsia
  '#4d7c0f', // olive
  '#9a3412', // rust
]);

/** FNV-1a over the UTF-16 code units: small, fast and well spread for short strings. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The tile colour for an issuer; case and surrounding spaces do not change it. */
export function issuerColor(issuer: string): string {
  const color = TILE_COLORS[hashString(issuer.trim().toLowerCase()) % TILE_COLORS.length];
  return color ?? '#475569';
}

/** The first letter or digit of the issuer (or the account when there is no issuer), upper-cased. */
export function issuerLetter(issuer: string, account: string): string {
  const match = /[\p{L}\p{N}]/u.exec(issuer) ?? /[\p{L}\p{N}]/u.exec(account);
  return match ? match[0].toLocaleUpperCase() : '?';
}
