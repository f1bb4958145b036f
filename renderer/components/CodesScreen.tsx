// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlocked vault: search, the codes list and its dialogs. Keyboard: Ctrl/Cmd+F search,
 * Ctrl/Cmd+L lock, arrows move the selection, Enter copies, Esc clears the search.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EntrySummary } from '../../electron/ipc/contract';
import { useGlobalShortcuts } from '../hooks/useGlobalShortcuts';
import { useSessionData } from '../hooks/useSessionData';
import { copyCode, lockVault } from '../lib/actions';
import { visibleEntries } from '../lib/entry-query';
import { shortcutLabel } from '../lib/shortcut-label';
import { useEntriesStore } from '../store/entries-store';
import { AddAccountDialog } from './AddAccountDialog';
import { BrandMark } from './BrandMark';
import { CodeAnnouncer } from './CodeAnnouncer';
import { CodeList } from './CodeList';
import { rowButtonId } from './CodeRow';
import { DeleteEntryDialog } from './DeleteEntryDialog';
import { EditEntryDialog } from './EditEntryDialog';
import { NoAccounts, NoMatches } from './EmptyState';
import { FormAlert } from './FormAlert';
import { LockIcon, PlusIcon } from './Icons';
import { SearchField } from './SearchField';
import { ToastHost } from './ToastHost';

type Dialog = { kind: 'add' } | { kind: 'edit'; entry: EntrySummary } | { kind: 'delete'; entry: EntrySummary } | null;

const LIST_ID = 'code-list';

export function CodesScreen() {
  const loadError = useSessionData();
  const entries = useEntriesStore((s) => s.entries);
  const loaded = useEntriesStore((s) => s.loaded);
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const visible = useMemo(() => visibleEntries(entries, query), [entries, query]);
  const selected = visible.find((e) => e.id === selectedId) ?? visible[0] ?? null;

  const focusSearch = (): void => {
    searchRef.current?.focus();
    searchRef.current?.select();
  };
  const clearSearch = (): void => {
    setQuery('');
    setSelectedId(null);
  };
  useGlobalShortcuts({ onFind: () => dialog === null && focusSearch(), onLock: () => void lockVault() });

  const onEdit = useCallback((entry: EntrySummary) => setDialog({ kind: 'edit', entry }), []);
  const onDelete = useCallback((entry: EntrySummary) => setDialog({ kind: 'delete', entry }), []);
  const closeDialog = useCallback(() => setDialog(null), []);

  function moveSelection(delta: number): void {
    const index = selected ? visible.indexOf(selected) : -1;
    const next = visible[Math.min(visible.length - 1, Math.max(0, index + delta))];
    if (!next) return;
    setSelectedId(next.id);
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

  function onMainKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    clearSearch();
    searchRef.current?.focus();
  }

  return (
    <div className="codes-screen">
      <div className="codes-main" inert={dialog !== null} onKeyDown={onMainKeyDown}>
        <header className="topbar">
          <div className="brand">
            <BrandMark size={28} />
            <span className="brand-name">Tessera</span>
          </div>
          <SearchField
            inputRef={searchRef}
            value={query}
            onChange={(value) => {
              setQuery(value);
              setSelectedId(null);
            }}
            onKeyDown={onSearchKeyDown}
            listId={LIST_ID}
            activeId={selected ? rowButtonId(selected.id) : null}
            resultText={visible.length === 1 ? '1 account matches' : `${visible.length} accounts match`}
          />
          <button type="button" className="button button-primary" onClick={() => setDialog({ kind: 'add' })}>
            <PlusIcon />
            <span>Add account</span>
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void lockVault()}
            aria-keyshortcuts="Control+L Meta+L"
            title={`Lock (${shortcutLabel('L')})`}
          >
            <LockIcon />
            <span>Lock</span>
          </button>
        </header>
        <main className="codes-body">
          {loadError ? <FormAlert message={loadError.message} /> : null}
          {!loaded ? (
            <p className="loading">Loading accounts…</p>
          ) : entries.length === 0 ? (
            <NoAccounts onAdd={() => setDialog({ kind: 'add' })} />
          ) : visible.length === 0 ? (
            <NoMatches query={query} onClear={clearSearch} />
          ) : (
            <CodeList
              id={LIST_ID}
              entries={visible}
              selectedId={selected?.id ?? null}
              onSelect={setSelectedId}
              onEdit={onEdit}
              onDelete={onDelete}
            />
          )}
        </main>
      </div>
      {dialog?.kind === 'add' ? <AddAccountDialog onClose={closeDialog} /> : null}
      {dialog?.kind === 'edit' ? <EditEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
      {dialog?.kind === 'delete' ? <DeleteEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
      <CodeAnnouncer entries={visible} selectedId={selected?.id ?? null} />
      <ToastHost />
    </div>
  );
}
