// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Plain text files of links, one per line: `otpauth://` (Aegis, WinAuth, andOTP and others export
 * these) and `otpauth-migration://` (Google Authenticator transfer codes, as a QR scanner prints
 * them) alike. Lines that are not links are listed as skipped, never dropped silently.
 *
 * @see docs/formats.md §2, §7
 */
import { WorkBudget } from './budget';
import { IMPORT_LIMITS } from './budget-limits';
import { EntryCollector } from './entries';
import { decodeUtf8, tryDecodeUtf8 } from './fields';
import { addLink, isLink, type LinkContext } from './links';
import { countLines } from './prescan';
import type { ImportFormat, ImportFormatId, ImportResult } from './types';

/**
 * Share of non-empty lines that are links: 1 for a pure list, 0 for none. Cheap; text files only.
 * Detection looks at the first lines only (as many as the `lines` limit allows a list to have), so
 * a file of a million lines costs no more to recognise than a real list.
 */
export function linkShare(bytes: Uint8Array): { links: number; share: number; lines: string[] } {
  const text = bytes.length <= 64 * 1024 * 1024 ? tryDecodeUtf8(bytes) : null;
  if (text === null || text.includes('\u0000')) return { links: 0, share: 0, lines: [] };
  const lines = text.split(/\r\n|\r|\n/, IMPORT_LIMITS.lines.value);
  let nonEmpty = 0;
  let links = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    nonEmpty++;
    if (isLink(t)) links++;
  }
  return { links, share: nonEmpty === 0 ? 0 : links / nonEmpty, lines };
}

/**
 * Reads a list of links. `perLine` may add container metadata to a line (Ente's codeDisplay) or
 * return a reason to skip it. The lines are counted against the budget before the text is split.
 * @throws BudgetExceededError past the `lines` or `accounts` limit.
 */
export function readLinkList(
  format: ImportFormatId,
  text: string,
  budget: WorkBudget,
  perLine: (line: string) => LinkContext | { readonly skip: string } = () => ({}),
): ImportResult {
  budget.spend('lines', countLines(text));
  const collector = new EntryCollector(format, budget);
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${i + 1}`;
    if (!isLink(line)) {
      collector.skip(i, where, 'this line is not an account link (otpauth:// or otpauth-migration://)');
      return;
    }
    const ctx = perLine(line);
    if ('skip' in ctx) collector.skip(i, where, ctx.skip);
    else addLink(collector, line, i, where, ctx);
  });
  return collector.result();
}

export const uriListFormat: ImportFormat = {
  id: 'otpauth-uri-list',
  name: 'otpauth:// link list',
  detect(bytes, fileName) {
    const { links, share } = linkShare(bytes);
    if (links === 0) return 0;
    const hint = fileName !== undefined && /\.(txt|uri|uris|list)$/i.test(fileName) ? 0.05 : 0;
    return Math.min(0.6 + 0.2 * share + hint, 0.85);
  },
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    return readLinkList('otpauth-uri-list', decodeUtf8(bytes, 'This link list'), budget);
  },
};
