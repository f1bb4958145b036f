// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one rule for the order of the codes list, shared by the window (through the generated
 * renderer/shared/domain-values.ts) and `tessera list --sort`. Favourites come first in every order;
 * within favourites and within the rest:
 *
 * - `manual`: the user's order (sortOrder), as the list has always been;
 * - `issuer`: issuer A–Z, then account A–Z (locale-aware, numbers by value: "Server 2" before
 *   "Server 10"); a missing name sorts after the named ones; then the manual order;
 * - `account`: the same with account first, then issuer;
 * - `usage`: most copied first, then the most recently copied, then the manual order;
 * - `recent`: the most recently copied first; accounts never copied last, in the manual order.
 *
 * Usage is what this computer counted (electron/domain/usage.ts). Entries with the same key keep
 * their relative order (the input's position is the last tie-break), so the result is a stable
 * permutation of the input.
 */
import type { EntryId } from './entry';
import type { CodesSort } from './settings';
import type { UsageMap } from './usage';

/** What the order reads of an entry: the window's EntrySummary and the vault's entries both fit. */
export interface SortableEntry {
  readonly id: EntryId;
  readonly issuer: string;
  readonly account: string;
  readonly favourite: boolean;
  readonly sortOrder: number;
}

/**
 * `entries` in the order `sort` (a new array; the input is not changed). Self-contained on purpose:
 * scripts/lib/renderer-domain.ts copies its source into the window's generated module, so it names
 * no helper and no `undefined` (bundlers spell it `void 0`, which would make the copy differ).
 */
export function sortEntries<T extends SortableEntry>(entries: readonly T[], sort: CodesSort, usage: UsageMap): T[] {
  const collator = new Intl.Collator([], { numeric: true });
  const rows = entries.map((entry, index) => {
    const used = Object.prototype.hasOwnProperty.call(usage, entry.id) ? usage[entry.id] : null;
    return { entry, index, count: used ? used.count : 0, lastUsed: used ? used.lastUsed : -1 };
  });
  rows.sort((x, y) => {
    const a = x.entry;
    const b = y.entry;
    if (a.favourite !== b.favourite) return a.favourite ? -1 : 1;
    if (sort === 'issuer' || sort === 'account') {
      const keys =
        sort === 'issuer'
          ? [
              [a.issuer, b.issuer],
              [a.account, b.account],
            ]
          : [
              [a.account, b.account],
              [a.issuer, b.issuer],
            ];
      for (const [p = '', q = ''] of keys) {
        if ((p === '') !== (q === '')) return p === '' ? 1 : -1;
        const byName = collator.compare(p, q);
        if (byName !== 0) return byName;
      }
    } else if (sort === 'usage') {
      const byUse = y.count - x.count || y.lastUsed - x.lastUsed;
      if (byUse !== 0) return byUse;
    } else if (sort === 'recent') {
      const byTime = y.lastUsed - x.lastUsed;
      if (byTime !== 0) return byTime;
    }
    if (a.sortOrder !== b.sortOrder) return a.sortOrder - b.sortOrder;
    return collator.compare(a.issuer, b.issuer) || collator.compare(a.account, b.account) || x.index - y.index;
  });
  return rows.map((row) => row.entry);
}
