// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tags of the open vault as the window uses them: the tags in use (the filter's chips, the tag
 * field's suggestions) and whether an account carries every chosen tag (the filter is an AND).
 * "The same tag" is the domain's `tagKey`: its normal form, ignoring case.
 */
import type { EntrySummary } from '../../electron/domain';
import { tagKey } from '../shared/domain-values';

/** Distinct tags in use, sorted for reading; of two spellings of one tag, the first account's wins. */
export function tagsInUse(entries: readonly EntrySummary[]): string[] {
  const byKey = new Map<string, string>();
  for (const entry of entries) {
    for (const tag of entry.tags) {
      const key = tagKey(tag);
      if (!byKey.has(key)) byKey.set(key, tag);
    }
  }
  return [...byKey.values()].sort((a, b) => a.localeCompare(b));
}

/** An account's tag keys, worked out once per entry object (entries are immutable). */
const keysOf = new WeakMap<EntrySummary, ReadonlySet<string>>();

function tagKeysOf(entry: EntrySummary): ReadonlySet<string> {
  let keys = keysOf.get(entry);
  if (keys === undefined) {
    keys = new Set(entry.tags.map(tagKey));
    keysOf.set(entry, keys);
  }
  return keys;
}

/** True when the account carries every one of the tags (keys from `tagKey`); no tags: every account. */
export function hasEveryTag(entry: EntrySummary, keys: readonly string[]): boolean {
  if (keys.length === 0) return true;
  const own = tagKeysOf(entry);
  return keys.every((key) => own.has(key));
}
