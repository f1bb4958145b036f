// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tag filter above the list: one toggle button per tag in use (`aria-pressed`). Choosing
 * several shows the accounts that carry every one of them (an AND, as narrowing down usually
 * goes); "Clear" lets them all go. While tags are chosen, a line says how many accounts are shown,
 * and says it politely when it changes.
 */
import { tagKey } from '../shared/domain-values';
import { tagList } from '../shared/tag-input';

export interface TagFilterProps {
  /** The tags in use, sorted. */
  readonly tags: readonly string[];
  /** The chosen tags' keys (`tagKey`). */
  readonly chosen: readonly string[];
  /** How many accounts the list shows (the search included). */
  readonly shownCount: number;
  readonly onToggle: (tag: string) => void;
  readonly onClear: () => void;
}

/** "3 accounts tagged Work", "1 account tagged Work and Home", "No account is tagged Work and Home". */
export function filterText(count: number, tags: readonly string[]): string {
  const tagged = `tagged ${tagList(tags)}`;
  if (count === 0) return `No account is ${tagged}`;
  return `${count === 1 ? '1 account' : `${count} accounts`} ${tagged}`;
}

export function TagFilter({ tags, chosen, shownCount, onToggle, onClear }: TagFilterProps) {
  if (tags.length === 0) return null;
  const pressed = tags.filter((tag) => chosen.includes(tagKey(tag)));
  return (
    <div className="tag-filter">
      <div className="tag-filter-chips" role="group" aria-label="Filter by tags">
        {tags.map((tag) => (
          <button
            key={tag}
            type="button"
            className="chip"
            aria-pressed={chosen.includes(tagKey(tag))}
            onClick={() => onToggle(tag)}
          >
            {tag}
          </button>
        ))}
      </div>
      {/* Always there, so what it says when a tag is chosen is announced. */}
      <span className="tag-filter-count" role="status" aria-live="polite">
        {pressed.length > 0 ? filterText(shownCount, pressed) : ''}
      </span>
      {pressed.length > 0 ? (
        <button type="button" className="button button-ghost button-small tag-filter-clear" onClick={onClear}>
          Clear
        </button>
      ) : null}
    </div>
  );
}
