// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The short digest by which an entry remembers notes texts it replaced (`notesSuperseded`,
 * docs/vault-format.md §6): the first 16 hex digits of SHA-256 over the text's UTF-8 bytes. A
 * digest, not the text, so editing notes leaves no old text behind in the vault; 64 bits, so two
 * texts of one entry never share one by chance.
 */
import { createHash } from 'node:crypto';

export function notesDigest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 16);
}
