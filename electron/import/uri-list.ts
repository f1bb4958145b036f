// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Plain text files of links, one per line (docs/formats.md §7): `otpauth://` (Aegis, Stratum,
 * WinAuth, andOTP and others export these) and `otpauth-migration://` (Google Authenticator
 * transfer codes, as a QR scanner prints them) alike. Lines that are not links are listed as
 * skipped, never dropped silently.
 *
 * Detection needs positive evidence: at least one line that is a link (`otpauth://`,
 * `otpauth-migration://`, `steam://`); a text without one is not a link list, whatever its name.
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
  variant?: string,
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
  return collector.result(variant ?? listVariant(text));
}

/** What each kind of list is called in results (ImportResult.variant). */
export const LIST_VARIANTS = Object.freeze({
  links: 'list of otpauth:// links',
  transfer: 'Google Authenticator transfer links',
  winAuth: 'WinAuth text export',
});

/**
 * Names a list by what its links show: only `otpauth-migration://` links are Google
 * Authenticator transfer codes; a link with WinAuth's own parameters (`deviceid` on its Steam
 * authenticators, `serial` on its Battle.net ones; `WinAuthAuthenticator.ToUrl`) makes it WinAuth's
 * text export; anything else is a list of links, whoever wrote it (Aegis, Stratum, Authenticator
 * Plus and others write the same lines).
 */
function listVariant(text: string): string {
  let links = 0;
  let migration = 0;
  let winAuth = false;
  for (const raw of text.split(/\r\n|\r|\n/, IMPORT_LIMITS.lines.value)) {
    const line = raw.trim();
    if (!isLink(line)) continue;
    links++;
    if (/^otpauth-migration:/i.test(line)) migration++;
    else if (/^otpauth:\/\/[^?]*\?(?:[^&]*&)*(?:deviceid|serial)=/i.test(line)) winAuth = true;
  }
  if (links > 0 && migration === links) return LIST_VARIANTS.transfer;
  return winAuth ? LIST_VARIANTS.winAuth : LIST_VARIANTS.links;
}

export const uriListFormat: ImportFormat = {
  id: 'otpauth-uri-list',
  name: 'otpauth:// link list',
  detect(bytes) {
    const { links, share } = linkShare(bytes);
    // One link among other lines is still a list (the others are listed as skipped); a pure list scores higher.
    return links === 0 ? 0 : 0.6 + 0.2 * share;
  },
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    return readLinkList('otpauth-uri-list', decodeUtf8(bytes, 'This link list'), budget);
  },
};
