// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Selecting accounts in the codes list, to export them together. "Select" above the list starts
 * it: each row gets a checkbox; a click ticks one, Shift with a click (or Shift+Space) ticks every
 * row shown between the last one ticked and this one, Space ticks the focused row, Ctrl/Cmd+A
 * ticks every row shown (the search and the tag filter decide which: choose a tag, then Ctrl/Cmd+A
 * or "Select all shown"), and Escape or "Done" leaves. What is ticked stays ticked while the search
 * or the filter changes, so accounts can be gathered from several tags; an account deleted meanwhile
 * drops out. The ids go to the export in the list's order. Kept in the screen, so a lock forgets it.
 */
import { useCallback, useMemo, useState, type KeyboardEvent } from 'react';
import type { EntryId, EntrySummary } from '../../electron/domain';
import { visibleEntries, type ListOrder } from './entry-query';

export interface ListSelection {
  /** Whether the list is in selection mode (rows have checkboxes). */
  readonly selecting: boolean;
  /** The ids ticked, in the list's order (accounts no longer there left out). */
  readonly ids: readonly EntryId[];
  readonly isChosen: (id: EntryId) => boolean;
  readonly start: () => void;
  /** Leaves selection mode; nothing stays ticked. */
  readonly leave: () => void;
  /** Ticks or unticks a row; `range`: ticks every shown row from the last one ticked to it. */
  readonly toggle: (id: EntryId, range: boolean) => void;
  /** Ticks every row shown (starting selection mode if needed). */
  readonly selectAllShown: () => void;
  readonly clear: () => void;
  /** The screen's keys for selecting: Ctrl/Cmd+A outside a text field, Escape. True when handled. */
  readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => boolean;
}

/** Whether the key event comes from a field where Ctrl/Cmd+A selects text. */
function inTextField(target: EventTarget): boolean {
  if (target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  return !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** `entries`: every account; `order`: the list's; `shown`: the rows the search and the filter leave. */
export function useListSelection(
  entries: readonly EntrySummary[],
  order: ListOrder,
  shown: readonly EntrySummary[],
): ListSelection {
  const all = useMemo(() => visibleEntries(entries, '', [], order), [entries, order]);
  const [selecting, setSelecting] = useState(false);
  const [chosen, setChosen] = useState<ReadonlySet<EntryId>>(() => new Set());
  const [anchor, setAnchor] = useState<EntryId | null>(null);

  const ids = useMemo(() => all.filter((e) => chosen.has(e.id)).map((e) => e.id), [all, chosen]);
  const present = useMemo(() => new Set(ids), [ids]);
  const isChosen = useCallback((id: EntryId) => present.has(id), [present]);

  const start = useCallback(() => setSelecting(true), []);
  const leave = useCallback(() => {
    setSelecting(false);
    setChosen(new Set());
    setAnchor(null);
  }, []);
  const clear = useCallback(() => {
    setChosen(new Set());
    setAnchor(null);
  }, []);

  const toggle = useCallback(
    (id: EntryId, range: boolean) => {
      const from = anchor === null ? -1 : shown.findIndex((e) => e.id === anchor);
      const to = shown.findIndex((e) => e.id === id);
      setChosen((current) => {
        const next = new Set(current);
        if (range && from >= 0 && to >= 0) {
          const [low, high] = from <= to ? [from, to] : [to, from];
          for (const entry of shown.slice(low, high + 1)) next.add(entry.id);
        } else if (next.has(id)) {
          next.delete(id);
        } else {
          next.add(id);
        }
        return next;
      });
      setAnchor(id);
    },
    [anchor, shown],
  );

  const selectAllShown = useCallback(() => {
    setSelecting(true);
    setChosen((current) => new Set([...current, ...shown.map((e) => e.id)]));
  }, [shown]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>): boolean => {
      const ctrl = event.ctrlKey || event.metaKey;
      if (ctrl && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a') {
        if (inTextField(event.target) || shown.length === 0) return false;
        event.preventDefault();
        selectAllShown();
        return true;
      }
      if (event.key === 'Escape' && selecting) {
        event.preventDefault();
        leave();
        return true;
      }
      return false;
    },
    [leave, selectAllShown, selecting, shown.length],
  );

  return { selecting, ids, isChosen, start, leave, toggle, selectAllShown, clear, onKeyDown };
}
