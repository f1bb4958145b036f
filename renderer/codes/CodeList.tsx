// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The list of codes, already filtered and ordered. It is one Tab stop (the selected row's button:
 * a roving tab index); inside it ↑/↓/Home/End move between rows, ←/→ between a row's buttons
 * (copy, next code, edit, delete, more), Delete asks to delete the account, F2 edits it, Shift+F10
 * and the Menu key open its menu, Alt+↑/↓ moves it (in the manual order; in the others it says how
 * to get there), and typing goes to the search field. In the manual order the grip drags a row.
 * In selection mode (useListSelection.ts) each row has a checkbox, Space ticks the focused row and
 * Shift+Space the range from the last one ticked; nothing is dragged then.
 * Long lists render only the rows near the viewport; the compact view's rows are shorter.
 */
import { useCallback, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { EntryId, EntrySummary } from '../../electron/domain';
import { openAccountMenu } from './account-menu/account-menu-store';
import { CodeRow, rowButtonId, rowMenuAnchor } from './CodeRow';
import { keyboardMove, type DropPosition } from './reorder';
import { SelectedTimeLeft } from './SelectedTimeLeft';
import type { ListSelection } from './useListSelection';
import { rowOf, useRowDrag } from './useRowDrag';
import { COMPACT_ROW_STRIDE, ROW_STRIDE, useVirtualRows } from './useVirtualRows';

export interface CodeListProps {
  readonly id: string;
  readonly entries: readonly EntrySummary[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onEdit: (entry: EntrySummary) => void;
  readonly onDelete: (entry: EntrySummary) => void;
  /** Moves `id` before or after `targetId`; the list keeps the moved row focused. */
  readonly onMove: (id: EntryId, targetId: EntryId, position: DropPosition) => void;
  /** The list is in the manual order: rows can be dragged and moved. */
  readonly reorderable: boolean;
  /** Alt+↑/↓ in an order other than manual: the screen says how to rearrange. */
  readonly onMoveOff: () => void;
  /** One line per account. */
  readonly compact: boolean;
  /** Text typed on a row: it belongs in the search field. */
  readonly onType: (text: string) => void;
  /** Set by the parent to bring a row into view (e.g. the search selection moved). */
  readonly revealIndex?: { readonly index: number; readonly seq: number } | null;
  /** Selection mode: which rows are ticked and how to tick one; null when not selecting. */
  readonly selection?: Pick<ListSelection, 'isChosen' | 'toggle'> | null;
}

const NAVIGATION: Readonly<Record<string, (index: number, last: number) => number>> = {
  ArrowDown: (i, last) => Math.min(last, i + 1),
  ArrowUp: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, last) => last,
};

/** The row's controls in order: checkbox (selecting), copy, next code (HOTP), edit, delete, more. */
function rowButtons(row: HTMLElement): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>('button, input[type="checkbox"]')];
}

/** A key that types text (not a shortcut, not Space, which presses the button). */
const isTyping = (event: KeyboardEvent): boolean =>
  event.key.length === 1 && event.key !== ' ' && !event.altKey && !event.ctrlKey && !event.metaKey;

export function CodeList(props: CodeListProps) {
  const { id, entries, selectedId, onSelect, onEdit, onDelete, onMove, revealIndex, compact } = props;
  const selection = props.selection ?? null;
  // Nothing is dragged while selecting: the checkbox takes the grip's place.
  const reorderable = props.reorderable && selection === null;
  // One callback for every row, so ticking one row renders that row alone.
  const latestToggle = useRef(selection?.toggle);
  useLayoutEffect(() => {
    latestToggle.current = selection?.toggle;
  });
  const onCheck = useCallback((entryId: EntryId, range: boolean) => latestToggle.current?.(entryId, range), []);
  const listRef = useRef<HTMLUListElement>(null);
  const stride = compact ? COMPACT_ROW_STRIDE : ROW_STRIDE;
  const range = useVirtualRows(entries.length, listRef, stride);
  const { ensureVisible } = range;
  const { focusRow, focusLater } = useRowFocus(entries, ensureVisible);
  const drag = useRowDrag(onMove, focusLater);
  useLayoutEffect(() => {
    if (revealIndex) ensureVisible(revealIndex.index);
  }, [revealIndex, ensureVisible]);

  const shown = entries.slice(range.start, range.end);
  // The one Tab stop: the selected row, or the first row rendered when that one is scrolled away.
  const tabStopId = shown.some((e) => e.id === selectedId) ? selectedId : (shown[0]?.id ?? null);
  const spacers = range.virtual
    ? { paddingTop: range.start * stride, paddingBottom: (entries.length - range.end) * stride }
    : undefined;
  const className = [
    'code-list',
    compact ? 'code-list-compact' : '',
    selection ? 'code-list-selecting' : '',
    drag.dragging ? 'code-list-dragging' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      <ul
        ref={listRef}
        id={id}
        className={className}
        aria-label="Accounts"
        aria-describedby="code-list-help"
        style={spacers}
        onKeyDown={(event) => onListKey(event, { ...props, reorderable, selection, focusRow, focusLater })}
        {...(reorderable
          ? {
              onDragStart: drag.onDragStart,
              onDragOver: drag.onDragOver,
              onDrop: drag.onDrop,
              onDragEnd: drag.onDragEnd,
            }
          : {})}
      >
        {shown.map((entry, i) => (
          <CodeRow
            key={entry.id}
            entry={entry}
            selected={entry.id === selectedId}
            tabStop={entry.id === tabStopId}
            {...(range.virtual ? { position: range.start + i + 1, setSize: entries.length } : {})}
            dropPosition={drag.dropTarget?.id === entry.id ? drag.dropTarget.position : null}
            reorderable={reorderable}
            compact={compact}
            onSelect={onSelect}
            onEdit={onEdit}
            onDelete={onDelete}
            {...(selection ? { checked: selection.isChosen(entry.id), onCheck } : {})}
          />
        ))}
      </ul>
      <p id="code-list-help" className="visually-hidden">
        Enter copies a code. Up and down arrows move between accounts, left and right arrows reach the account&apos;s
        buttons. The Delete key deletes an account, F2 edits it, Shift and F10 or the Menu key opens its menu.{' '}
        {selection
          ? 'Space selects an account, Shift and Space selects every account from the last one selected, Control and A selects all shown, Escape stops selecting.'
          : reorderable
            ? 'Alt and the up or down arrow moves it.'
            : 'Switch to manual order to rearrange.'}{' '}
        Typing searches.
      </p>
      <SelectedTimeLeft entryId={selectedId} />
    </>
  );
}

interface RowFocus {
  /** Focuses row `index`, scrolling a virtual list to render it first. */
  readonly focusRow: (index: number) => void;
  /** Focuses the account's row once it is rendered again (after a move). */
  readonly focusLater: (id: EntryId) => void;
}

function useRowFocus(entries: readonly EntrySummary[], ensureVisible: (index: number) => void): RowFocus {
  /** A row to focus once it is rendered (after scrolling a virtual list, or after a move). */
  const pendingFocus = useRef<EntryId | null>(null);
  useLayoutEffect(() => {
    const wanted = pendingFocus.current;
    if (wanted === null) return;
    const button = document.getElementById(rowButtonId(wanted));
    if (button) {
      pendingFocus.current = null;
      button.focus();
    }
  });
  const focusLater = (entryId: EntryId): void => {
    pendingFocus.current = entryId;
  };
  function focusRow(index: number): void {
    const entry = entries[index];
    if (!entry) return;
    const button = document.getElementById(rowButtonId(entry.id));
    if (button) return button.focus();
    focusLater(entry.id);
    ensureVisible(index);
  }
  return { focusRow, focusLater };
}

/** The list's keys, handled on the list for every row: see the module comment. */
function onListKey(event: KeyboardEvent<HTMLUListElement>, list: CodeListProps & RowFocus): void {
  const { entries } = list;
  const target = event.target as HTMLElement;
  const row = rowOf(target);
  const index = entries.findIndex((e) => e.id === row?.dataset['id']);
  const entry = entries[index];
  if (!row || !entry) return;
  if (event.key === ' ' && list.selection && !event.altKey && !event.ctrlKey && !event.metaKey) {
    // The checkbox ticks itself (its click); elsewhere on the row Space ticks it instead of pressing.
    if (target instanceof HTMLInputElement) return;
    event.preventDefault();
    return list.selection.toggle(entry.id, event.shiftKey);
  }
  if (isTyping(event)) {
    event.preventDefault();
    return list.onType(event.key);
  }
  if (event.key === 'Delete' && !event.altKey && !event.ctrlKey && !event.metaKey) {
    event.preventDefault();
    return list.onDelete(entry);
  }
  if (event.key === 'F2') {
    event.preventDefault();
    return list.onEdit(entry);
  }
  if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
    event.preventDefault();
    return openAccountMenu(entry.id, rowMenuAnchor(row), true);
  }
  if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
    const buttons = rowButtons(row);
    const at = buttons.indexOf(target);
    const to = buttons[at + (event.key === 'ArrowRight' ? 1 : -1)];
    if (at < 0 || !to) return;
    event.preventDefault();
    return to.focus();
  }
  if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
    if (!target.classList.contains('row-main')) return;
    event.preventDefault();
    if (!list.reorderable) return list.onMoveOff();
    const move = keyboardMove(entries, entry.id, event.key === 'ArrowUp' ? -1 : 1);
    if (!move) return;
    list.focusLater(entry.id);
    list.onMove(entry.id, move.targetId, move.position);
    return;
  }
  const to = NAVIGATION[event.key]?.(index, entries.length - 1);
  if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
  event.preventDefault();
  list.focusRow(to);
}
