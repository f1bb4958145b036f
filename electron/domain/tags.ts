// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tags: the labels an account carries (Ente's model: several per account). One normal form
 * everywhere — trimmed, inner runs of white space made one space, no empty tag, no two that differ
 * only in case (the first spelling wins), in the order given — so the vault, the window, the CLI
 * and the importers agree on what "the same tag" is.
 */

/**
 * How long a tag may be and how many one account has (ENTRY_LIMITS repeats them). Kept here, not
 * imported, because these functions are copied into the window's generated domain-values.ts as
 * source text, where only names of this module resolve.
 */
export const TAG_LIMITS = Object.freeze({ maxLength: 64, maxTags: 20 });

/** One tag in normal form: trimmed, inner white space collapsed to one space. */
export function normaliseTag(tag: string): string {
  return tag.replace(/\s+/gu, ' ').trim();
}

/**
 * Tags in normal form: empties dropped, duplicates (ignoring case) dropped after their first
 * spelling. (`seen` is a plain object, not a Set, and these bodies have no comments or braced
 * single statements: the window's copy is this source text, which must read the same whichever
 * tool compiled it.)
 */
export function normaliseTags(tags: readonly string[]): string[] {
  const seen: Record<string, true> = Object.create(null) as Record<string, true>;
  const out: string[] = [];
  for (const raw of tags) {
    const tag = normaliseTag(raw);
    const key = tagKey(tag);
    if (tag === '' || seen[key]) continue;
    seen[key] = true;
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
  const tooLong = tags.find((tag) => tag.length > TAG_LIMITS.maxLength);
  const normal = normaliseTags(tags);
  if (tags.length > TAG_LIMITS.maxTags) return `An account has at most ${TAG_LIMITS.maxTags} tags.`;
  if (tooLong) return `A tag is at most ${TAG_LIMITS.maxLength} characters long: “${tooLong.slice(0, 20)}…” is longer.`;
  if (tags.some((tag) => /\p{Cc}/u.test(tag))) return 'A tag cannot contain control characters.';
  if (normal.length !== tags.length || normal.some((t, i) => t !== tags[i]))
    return 'Tags must be trimmed and each given once.';
  return null;
}
