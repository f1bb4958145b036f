// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What a row shows of an account's tags, and what its name says of them. The row shows the first
 * two as small pills and "+3" for the rest (the compact view hides them: its one line is for the
 * names and the code); the copy button's name says them all ("tag Work", "tags Work, Home").
 * Decorative for screen readers, which hear the tags in the button's name.
 */
import type { EntrySummary } from '../../electron/domain';

/** How many tags a row shows before "+N". */
export const ROW_TAGS_SHOWN = 2;

/** "tag Work", "tags Work, Home", or '' without tags: the part of a row's name about its tags. */
export function tagsIdentity(tags: readonly string[]): string {
  if (tags.length === 0) return '';
  return `${tags.length === 1 ? 'tag' : 'tags'} ${tags.join(', ')}`;
}

export function RowTags({ entry }: { entry: EntrySummary }) {
  const { tags } = entry;
  if (tags.length === 0) return null;
  const more = tags.length - ROW_TAGS_SHOWN;
  return (
    <span className="row-tags" aria-hidden="true" title={tags.join(', ')}>
      {tags.slice(0, ROW_TAGS_SHOWN).map((tag) => (
        <span key={tag} className="row-tag">
          {tag}
        </span>
      ))}
      {more > 0 ? <span className="row-tag row-tag-more">+{more}</span> : null}
    </span>
  );
}
