// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Plain `otpauth://` list: one Key URI per line (docs/formats.md §7), readable by nearly every
 * authenticator (and by Tessera's `otpauth-uri-list` importer). It is not encrypted.
 *
 * @see docs/formats.md §7
 */
import { toOtpauthUri } from '../otp';
import type { ExportEntry } from './types';

/** Shown before a plain list is written: say what the file is and what to do with it. */
export const URI_LIST_WARNING =
  'This file is NOT encrypted: anyone who reads it can generate your codes. Store it only on an encrypted ' +
  'disk, import it at once, then delete it securely.';

/** The `otpauth://` URI of each entry, in order (also the per-entry QR code contents). */
export function entryUris(entries: readonly ExportEntry[]): string[] {
  return entries.map((e) => toOtpauthUri(e));
}

/** The list as UTF-8 text: one URI per line, ending with a newline. Contains every secret. */
export function exportUriList(entries: readonly ExportEntry[]): Uint8Array {
  const lines = entryUris(entries);
  return new TextEncoder().encode(lines.length === 0 ? '' : `${lines.join('\n')}\n`);
}
