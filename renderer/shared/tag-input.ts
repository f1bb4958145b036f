// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the tag field does with typed text, as pure functions the field and its tests share: split
 * it at commas, add each piece to the account's tags in the domain's normal form (tags.ts: trimmed,
 * no two that differ only in case), spelled as a tag already in use when one matches ignoring case,
 * and the tags to suggest while typing (those in use starting with the text, ignoring case). Limits
 * and problems are the domain's `tagsProblem`, the very rule main checks, so the field says in words
 * what main would refuse.
 */
import { normaliseTag, tagKey, tagsProblem } from './domain-values';

/** How many suggestions the list shows at most. */
export const MAX_SUGGESTIONS = 8;

/** Text typed into the field: the tags completed by a comma, and what is still being typed. */
export function splitTyped(text: string): { readonly complete: string[]; readonly rest: string } {
  const parts = text.split(',');
  const rest = parts.pop() ?? '';
  return { complete: parts, rest };
}

/** The tag in use spelled like `tag` ignoring case, else `tag` itself (normalised). */
export function spellingFor(tag: string, known: readonly string[]): string {
  const normal = normaliseTag(tag);
  const key = tagKey(normal);
  return known.find((k) => tagKey(k) === key) ?? normal;
}

/** What adding typed tags gives: the new list and what was added or already there, or a problem in words. */
export type AddTagsOutcome =
  | { readonly ok: true; readonly tags: string[]; readonly added: string[]; readonly already: string[] }
  | { readonly ok: false; readonly problem: string };

/**
 * Adds each typed tag to `current` (in order, empties ignored): one already there (ignoring case)
 * is not added twice, and a tag in use elsewhere keeps its spelling. When the result would break a
 * limit (too many, too long, a control character), nothing is added and the problem is said.
 */
export function addTags(
  current: readonly string[],
  typed: readonly string[],
  known: readonly string[],
): AddTagsOutcome {
  const tags = [...current];
  const keys = new Set(current.map(tagKey));
  const added: string[] = [];
  const already: string[] = [];
  for (const raw of typed) {
    const tag = spellingFor(raw, known);
    if (tag === '') continue;
    const key = tagKey(tag);
    if (keys.has(key)) {
      already.push(tags.find((t) => tagKey(t) === key) ?? tag);
      continue;
    }
    keys.add(key);
    tags.push(tag);
    added.push(tag);
  }
  const problem = added.length > 0 ? tagsProblem(tags) : null;
  if (problem !== null) return { ok: false, problem };
  return { ok: true, tags, added, already };
}

/** `tags` without the one whose key is `tag`'s. */
export function removeTag(tags: readonly string[], tag: string): string[] {
  const key = tagKey(tag);
  return tags.filter((t) => tagKey(t) !== key);
}

/**
 * The tags in use to offer for `typed`: those starting with it ignoring case (all of them for empty
 * text), without the ones the account already has, sorted for reading, at most `limit`.
 */
export function suggestTags(
  typed: string,
  known: readonly string[],
  chosen: readonly string[],
  limit: number = MAX_SUGGESTIONS,
): string[] {
  const prefix = tagKey(typed);
  const taken = new Set(chosen.map(tagKey));
  return known
    .filter((tag) => {
      const key = tagKey(tag);
      return key.startsWith(prefix) && !taken.has(key);
    })
    .sort((a, b) => a.localeCompare(b))
    .slice(0, limit);
}

/** "Work", "Work and Home", "Work, Home and Money": tags in a sentence. */
export function tagList(tags: readonly string[]): string {
  if (tags.length <= 1) return tags[0] ?? '';
  return `${tags.slice(0, -1).join(', ')} and ${tags[tags.length - 1] ?? ''}`;
}
