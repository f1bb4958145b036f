// SPDX-License-Identifier: GPL-3.0-or-later
/** The list of codes, already filtered and ordered; arrow keys move between rows. */
import type { KeyboardEvent } from 'react';
import type { EntrySummary } from '../../electron/ipc/contract';
import { CodeRow, rowButtonId } from './CodeRow';

export interface CodeListProps {
  readonly id: string;
  readonly entries: readonly EntrySummary[];
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
  readonly onEdit: (entry: EntrySummary) => void;
  readonly onDelete: (entry: EntrySummary) => void;
}

/** Moves focus between the rows' copy buttons with the arrow, Home and End keys. */
function onListKeyDown(event: KeyboardEvent<HTMLUListElement>, entries: readonly EntrySummary[]): void {
  const target = event.target as HTMLElement;
  if (!target.classList.contains('row-main')) return;
  const index = entries.findIndex((e) => rowButtonId(e.id) === target.id);
  const last = entries.length - 1;
  const moves: Partial<Record<string, number>> = {
    ArrowDown: Math.min(last, index + 1),
    ArrowUp: Math.max(0, index - 1),
    Home: 0,
    End: last,
  };
  const to = moves[event.key];
  if (to === undefined || index < 0) return;
  event.preventDefault();
  const entry = entries[to];
  if (entry) document.getElementById(rowButtonId(entry.id))?.focus();
}

export function CodeList({ id, entries, selectedId, onSelect, onEdit, onDelete }: CodeListProps) {
  return (
    <ul id={id} className="code-list" aria-label="Accounts" onKeyDown={(e) => onListKeyDown(e, entries)}>
      {entries.map((entry) => (
        <CodeRow
          key={entry.id}
          entry={entry}
          selected={entry.id === selectedId}
          onSelect={onSelect}
          onEdit={onEdit}
          onDelete={onDelete}
        />
      ))}
    </ul>
  );
}
