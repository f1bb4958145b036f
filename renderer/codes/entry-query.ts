// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Ordering and search of the codes list; pure, so the list and its tests share one definition. The
 * orders themselves (manual, A–Z, most and recently used; favourites first in each) are the
 * domain's `sortEntries` (electron/domain/codes-order.ts), so the CLI and the window agree. The tag
 * filter keeps the accounts carrying every chosen tag (tags.ts).
 */
import type { CodesSort, EntrySummary, UsageMap } from '../../electron/domain';
import { sortEntries } from '../shared/domain-values';
import { hasEveryTag } from './tags';

/** The manual order: favourites first, then the user's order, then issuer and account for a stable result. */
export function compareEntries(a: EntrySummary, b: EntrySummary): number {
  if (a.favourite !== b.favourite) return a.favourite ? -1 : 1;
  if (a.sortOrder !== b.sortOrder) return a.sortOrder - b.sortOrder;
  return a.issuer.localeCompare(b.issuer) || a.account.localeCompare(b.account);
}

/** The searchable text of an entry, lower-cased once per entry object (entries are immutable). */
const haystacks = new WeakMap<EntrySummary, string>();

function haystackOf(entry: EntrySummary): string {
  let text = haystacks.get(entry);
  if (text === undefined) {
    text = [entry.issuer, entry.account, ...entry.tags, entry.notes].join('\n').toLocaleLowerCase();
    haystacks.set(entry, text);
  }
  return text;
}

/**
 * True when every word of the query occurs (case-insensitively) in the issuer, account, tags or
 * notes. An empty query matches everything.
 */
export function matchesQuery(entry: EntrySummary, query: string): boolean {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = haystackOf(entry);
  return words.every((word) => haystack.includes(word));
}

/** How the list is ordered: the chosen order and, for the usage orders, the counts it reads. */
export interface ListOrder {
  readonly sort: CodesSort;
  readonly usage: UsageMap;
}

const MANUAL: ListOrder = { sort: 'manual', usage: {} };

/** The rows to show, in order: matching the query and carrying every chosen tag (keys from `tagKey`). */
export function visibleEntries(
  entries: readonly EntrySummary[],
  query: string,
  tagKeys: readonly string[] = [],
  order: ListOrder = MANUAL,
): EntrySummary[] {
  const shown = entries.filter((e) => hasEveryTag(e, tagKeys) && matchesQuery(e, query));
  return sortEntries(shown, order.sort, order.usage);
}

/** "GitHub, alice@example.com" or whichever of the two is present. */
export function entryLabel(entry: Pick<EntrySummary, 'issuer' | 'account'>): string {
  return [entry.issuer, entry.account].filter((part) => part.trim() !== '').join(', ') || 'Unnamed account';
}
