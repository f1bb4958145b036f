// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How a QUERY picks entries (`code`, `remove`): an entry id or id prefix (8+ hex digits, as `list`
 * prints), else exact matches of issuer, account or "issuer:account" (case-insensitive), else
 * substring matches of those. Exact matches win so that `github` does not also pick "GitHub
 * Enterprise" when a "GitHub" entry exists.
 */
import type { VaultEntry } from '../vault/entry';

/** Length of the id prefix `list` shows; also the shortest prefix accepted as a query. */
export const SHORT_ID_LENGTH = 8;

type Named = Pick<VaultEntry, 'id' | 'issuer' | 'account'>;

/** The entries a query selects, in vault order; empty when nothing matches. */
export function findEntries<E extends Named>(entries: readonly E[], query: string): E[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  if (new RegExp(`^[0-9a-f-]{${SHORT_ID_LENGTH},36}$`).test(q)) {
    const byId = entries.filter((e) => e.id.toLowerCase().startsWith(q));
    if (byId.length > 0) return byId;
  }
  const keys = (e: E): string[] => [e.issuer, e.account, `${e.issuer}:${e.account}`].map((s) => s.toLowerCase());
  const exact = entries.filter((e) => keys(e).includes(q));
  if (exact.length > 0) return exact;
  return entries.filter((e) => keys(e).some((k) => k.includes(q)));
}

/** The id as `list` prints it. */
export function shortId(id: string): string {
  return id.slice(0, SHORT_ID_LENGTH);
}
