// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tags: the labels an account carries (Ente's model: several per account). One normal form
 * everywhere — trimmed, inner runs of white space made one space, no empty tag, no two that differ
 * only in case (the first spelling wins), in the order given — so the vault, the window, the CLI
 * and the importers agree on what "the same tag" is.
 */
import { ENTRY_LIMITS } from './limits';

/** One tag in normal form: trimmed, inner white space collapsed to one space. */
export function normaliseTag(tag: string): string {
  return tag.replace(/\s+/gu, ' ').trim();
}

/** Tags in normal form: empties dropped, duplicates (ignoring case) dropped after their first spelling. */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    const key = tagKey(tag);
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/** What makes two tags the same: their normal form, ignoring case. */
export function tagKey(tag: string): string {
  return normaliseTag(tag).toLocaleLowerCase('en-US');
}

/** Why a list of tags cannot be stored, in words; null when it can (it must already be normal). */
export function tagsProblem(tags: readonly string[]): string | null {
  if (tags.length > ENTRY_LIMITS.maxTags) return `An account has at most ${ENTRY_LIMITS.maxTags} tags.`;
  for (const tag of tags) {
    if (tag.length > ENTRY_LIMITS.tagMaxLength) {
      return `A tag is at most ${ENTRY_LIMITS.tagMaxLength} characters long: “${tag.slice(0, 20)}…” is longer.`;
    }
    if (/\p{Cc}/u.test(tag)) return 'A tag cannot contain control characters.';
  }
  const normal = normaliseTags(tags);
  if (normal.length !== tags.length || normal.some((t, i) => t !== tags[i])) {
    return 'Tags must be trimmed and each given once.';
  }
  return null;
}
