// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The bar above the list while accounts are being selected: how many are ticked (said politely as
 * it changes), "Select all shown", "Clear selection", "Export…" for the ticked accounts, and
 * "Done", which leaves selection mode and gives the focus back to "Select".
 */
import { ExportIcon } from '../shared/Icons';
import type { ListSelection } from './useListSelection';

export interface SelectionBarProps {
  readonly selection: ListSelection;
  /** Every account in the vault. */
  readonly total: number;
  /** How many rows the search and the filter leave. */
  readonly shownCount: number;
  readonly onExport: () => void;
  /** Leaves selection mode (and puts the focus back on "Select"). */
  readonly onDone: () => void;
}

/** "No account selected", "1 of 12 accounts selected", "3 of 12 accounts selected". */
export function selectionText(count: number, total: number): string {
  if (count === 0) return 'No account selected';
  return `${count} of ${total === 1 ? '1 account' : `${total} accounts`} selected`;
}

export function SelectionBar({ selection, total, shownCount, onExport, onDone }: SelectionBarProps) {
  const count = selection.ids.length;
  return (
    <div className="selection-bar" role="group" aria-label="Selected accounts">
      <span className="selection-count" role="status" aria-live="polite">
        {selectionText(count, total)}
      </span>
      <div className="selection-actions">
        <button
          type="button"
          className="button button-ghost button-small"
          disabled={shownCount === 0}
          aria-keyshortcuts="Control+A Meta+A"
          onClick={selection.selectAllShown}
        >
          Select all shown
        </button>
        {count > 0 ? (
          <button type="button" className="button button-ghost button-small" onClick={selection.clear}>
            Clear selection
          </button>
        ) : null}
        <button type="button" className="button button-primary button-small" disabled={count === 0} onClick={onExport}>
          <ExportIcon />
          <span>Export…</span>
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
