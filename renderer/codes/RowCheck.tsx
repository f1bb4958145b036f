// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A row's checkbox in selection mode (useListSelection.ts): a click ticks or unticks the account,
 * Shift with a click ticks the range from the last one ticked. Out of the Tab order like the row's
 * other buttons: the list's ←/→ reach it, and Space on the row ticks it.
 */
import type { MouseEvent } from 'react';
import type { EntryId } from '../../electron/domain';

export interface RowCheckProps {
  readonly id: EntryId;
  /** The account's name, for the checkbox's: "Select GitHub, alice". */
  readonly label: string;
  readonly checked: boolean;
  readonly onCheck: (id: EntryId, range: boolean) => void;
}

export function RowCheck({ id, label, checked, onCheck }: RowCheckProps) {
  return (
    <span className="row-check">
      <input
        type="checkbox"
        aria-label={`Select ${label}`}
        checked={checked}
        tabIndex={-1}
        // The click carries Shift; the ticked state is the selection's, given back by `checked`.
        onClick={(event: MouseEvent<HTMLInputElement>) => onCheck(id, event.shiftKey)}
        onChange={() => undefined}
      />
    </span>
  );
}
