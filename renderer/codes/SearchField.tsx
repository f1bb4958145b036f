// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Search as you type. While it has focus, the arrow keys move the selected row and Enter copies its
 * code; the selected row is exposed as the input's active descendant. Esc clears.
 */
import type { KeyboardEvent, RefObject } from 'react';
import { SearchIcon } from '../shared/Icons';
import { shortcutLabel } from '../shared/shortcut-label';

export interface SearchFieldProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly listId: string;
  readonly activeId: string | null;
  /** Read out after each change of the query, e.g. "3 accounts match". */
  readonly resultText: string;
}

export function SearchField({ inputRef, value, onChange, onKeyDown, listId, activeId, resultText }: SearchFieldProps) {
  return (
    <div className="search" role="search">
      <label htmlFor="search-input" className="visually-hidden">
        Search accounts
      </label>
      <SearchIcon />
      <input
        ref={inputRef}
        id="search-input"
        type="search"
        // Unlocking lands here: type to filter, Enter to copy.
        autoFocus
        value={value}
        placeholder="Search"
        autoComplete="off"
        spellCheck={false}
        aria-controls={listId}
        aria-activedescendant={activeId ?? undefined}
        aria-describedby="search-help"
        aria-keyshortcuts="Control+F Meta+F"
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
      />
      {/* The shortcut as a hint beside the placeholder (aria-keyshortcuts says it to screen readers). */}
      <kbd className="search-shortcut" aria-hidden="true">
        {shortcutLabel('F')}
      </kbd>
      <span id="search-help" className="visually-hidden">
        Up and down arrows choose an account, Enter copies its code, Escape clears the search.
      </span>
      <span className="visually-hidden" role="status" aria-live="polite">
        {value ? resultText : ''}
      </span>
    </div>
  );
}
