// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes screen's search, tag filter and selection: what is typed, the tags chosen (an account
 * must carry every one), the rows they leave visible (in the list's order) and the one selected. While the search field has focus, ↑/↓ move the selection
 * and Enter copies its code; text typed on a row lands in the search field with the caret after it;
 * Esc anywhere on the screen clears the search and goes back to it.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { EntrySummary } from '../../electron/domain';
import { copyCode } from './actions';
import { rowButtonId } from './CodeRow';
import { visibleEntries, type ListOrder } from './entry-query';
import { tagKey } from '../shared/domain-values';
import { tagsInUse } from './tags';

/** A row to bring into view; `seq` makes the same index a new request. */
export type RevealRequest = { readonly index: number; readonly seq: number };

export interface CodesSearch {
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly query: string;
  /** The tags in use, and the keys (`tagKey`) of those chosen: the rows carry every one. */
  readonly tags: readonly string[];
  readonly chosenTags: readonly string[];
  /** Chooses a tag, or lets it go when chosen. */
  readonly toggleTag: (tag: string) => void;
  readonly clearTags: () => void;
  /** The rows the search and the tags leave, in order. */
  readonly visible: readonly EntrySummary[];
  readonly selected: EntrySummary | null;
  readonly select: (id: string) => void;
  readonly revealIndex: RevealRequest | null;
  readonly onQuery: (value: string) => void;
  readonly onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  /** Esc on the screen: clears the search and focuses it. */
  readonly onScreenKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly clearSearch: () => void;
  /** Focuses the search field with its text selected. */
  readonly focusSearch: () => void;
  /** Text typed on a row: it belongs in the search field. */
  readonly typeIntoSearch: (text: string) => void;
}

export function useCodesSearch(entries: readonly EntrySummary[], order: ListOrder): CodesSearch {
  const [query, setQuery] = useState('');
  const [tagChoice, setTagChoice] = useState<readonly string[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [revealIndex, setRevealIndex] = useState<RevealRequest | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  /** Text typed on a row went to the search field: put the caret after it once rendered. */
  const caretToEnd = useRef(false);
  useLayoutEffect(() => {
    const input = searchRef.current;
    if (!caretToEnd.current || !input) return;
    caretToEnd.current = false;
    input.setSelectionRange(input.value.length, input.value.length);
  });

  const tags = useMemo(() => tagsInUse(entries), [entries]);
  // A chosen tag no longer in use is let go (its accounts were edited or deleted).
  const chosenTags = useMemo(() => {
    const inUse = new Set(tags.map(tagKey));
    const kept = tagChoice.filter((key) => inUse.has(key));
    return kept.length === tagChoice.length ? tagChoice : kept;
  }, [tags, tagChoice]);
  const visible = useMemo(() => visibleEntries(entries, query, chosenTags, order), [entries, query, chosenTags, order]);
  const toggleTag = useCallback((tag: string) => {
    const key = tagKey(tag);
    setTagChoice((keys) => (keys.includes(key) ? keys.filter((k) => k !== key) : [...keys, key]));
    setSelectedId(null);
  }, []);
  const clearTags = useCallback(() => {
    setTagChoice([]);
    setSelectedId(null);
  }, []);
  const selected = visible.find((e) => e.id === selectedId) ?? visible[0] ?? null;

  const focusSearch = useCallback((): void => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  const onQuery = (value: string): void => {
    setQuery(value);
    setSelectedId(null);
  };
  const clearSearch = (): void => onQuery('');
  const typeIntoSearch = useCallback((text: string) => {
    setQuery((q) => q + text);
    setSelectedId(null);
    caretToEnd.current = true;
    searchRef.current?.focus();
  }, []);

  function moveSelection(delta: number): void {
    const index = selected ? visible.indexOf(selected) : -1;
    const to = Math.min(visible.length - 1, Math.max(0, index + delta));
    const next = visible[to];
    if (!next) return;
    setSelectedId(next.id);
    setRevealIndex((r) => ({ index: to, seq: (r?.seq ?? 0) + 1 }));
    document.getElementById(rowButtonId(next.id))?.scrollIntoView?.({ block: 'nearest' });
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      moveSelection(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (selected) void copyCode(selected);
    }
  }

  function onScreenKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    clearSearch();
    searchRef.current?.focus();
  }

  return {
    searchRef,
    query,
    tags,
    chosenTags,
    toggleTag,
    clearTags,
    visible,
    selected,
    select: setSelectedId,
    revealIndex,
    onQuery,
    onSearchKeyDown,
    onScreenKeyDown,
    clearSearch,
    focusSearch,
    typeIntoSearch,
  };
}
