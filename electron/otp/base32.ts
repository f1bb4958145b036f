// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * RFC 4648 base32 (the alphabet OTP secrets are written in): a lenient decoder for what real apps
 * and QR codes contain, and an encoder that writes the canonical form without padding.
 *
 * Decoding policy (the same as Google Authenticator's `Base32String` and Aegis's `parseSecret`):
 * - case-insensitive; spaces, tabs, line breaks and hyphens anywhere are ignored (grouped secrets
 *   such as `JBSW Y3DP` or `jbsw-y3dp`);
 * - `=` padding is optional, but only at the end;
 * - any length is accepted: every complete group of 8 bits becomes a byte and the bits left over at
 *   the end (fewer than 8) are dropped, whatever their value. So lengths that strict RFC 4648 rejects
 *   (L mod 8 ∈ {1, 3, 6}) and non-zero trailing bits both decode: `ABCB` → `00 44`, like `ABCA`.
 *   Secrets must therefore be compared as bytes, never as strings (see docs/formats.md §7.3);
 * - strict on everything else: a character outside `A–Z`/`2–7` (for example `0`, `1`, `8`, `+`)
 *   is an error, because guessing what it meant would give wrong codes.
 *
 * @see https://www.rfc-editor.org/rfc/rfc4648#section-6
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Lookup table: char code → 5-bit value, or -1 for characters outside the alphabet. */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/** Characters the decoder skips: separators people and apps put between groups. */
const IGNORED = /[\s-]/g;

/** A base32 text that cannot be decoded; the message never repeats the secret. */
export class Base32Error extends Error {
  constructor(
    message: string,
    /** Index of the offending character in the input after separators are removed. */
    readonly index: number,
  ) {
    super(message);
    this.name = 'Base32Error';
  }
}

/**
 * Decodes base32 text into bytes, leniently as described in the module comment.
 * An empty (or separator-only) input gives an empty array; callers decide whether that is allowed.
 * @throws Base32Error on a character outside the alphabet or `=` before the end.
 */
export function base32Decode(text: string): Uint8Array {
  const compact = text.replace(IGNORED, '');
  let end = compact.length;
  while (end > 0 && compact.charCodeAt(end - 1) === 0x3d /* = */) end--;

  const out = new Uint8Array(Math.floor((end * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let written = 0;
  for (let i = 0; i < end; i++) {
    const code = compact.charCodeAt(i);
    const value = code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
    if (value < 0) throw new Base32Error(describeBadCharacter(compact, i), i);
    buffer = ((buffer << 5) | value) & 0xfff; // at most 12 bits are ever pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

function describeBadCharacter(compact: string, index: number): string {
  const char = compact.charAt(index);
  if (char === '=') return `padding '=' may appear only at the end (position ${index + 1})`;
  const shown = /^[\x21-\x7e]$/.test(char) ? `'${char}'` : `U+${char.codePointAt(0)?.toString(16).toUpperCase()}`;
  return `${shown} at position ${index + 1} is not a base32 character (A–Z, 2–7)`;
}

/**
 * Encodes bytes as upper-case base32 without padding, as the Key URI format recommends.
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format#secret
 */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >> bits) & 31);
    }
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}
