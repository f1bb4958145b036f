// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlocked vault: search, group filter, the codes list and its dialogs. Keyboard: Ctrl/Cmd+F
 * search, Ctrl/Cmd+L lock, Ctrl/Cmd+, settings, Ctrl/Cmd+Z undo a deletion, arrows move the
 * selection, Enter copies, Alt+↑/↓ moves an account, Esc clears the search.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { EntryId, EntrySummary } from '../../electron/ipc/contract';
import { api } from '../api';
import { ClockNotice } from '../clock/ClockNotice';
import { ExportDialog } from '../export/ExportDialog';
import { openImport } from '../import/import-actions';
import { ImportDialog } from '../import/ImportDialog';
import { ImportShortcuts } from '../import/ImportShortcuts';
import { SettingsDialog } from '../settings/SettingsDialog';
import { FormAlert } from '../shared/FormAlert';
import { ToastHost } from '../shared/ToastHost';
import { AddAccountDialog } from './account-dialogs/AddAccountDialog';
import { DeleteEntryDialog } from './account-dialogs/DeleteEntryDialog';
import { EditEntryDialog } from './account-dialogs/EditEntryDialog';
import { copyCode, lockVault, moveAccount, undoLast } from './actions';
import { CodeAnnouncer } from './CodeAnnouncer';
import { CodeList } from './CodeList';
import { rowButtonId } from './CodeRow';
import { CodesTopBar } from './CodesTopBar';
import { NoAccounts, NoMatches } from './EmptyState';
import { useEntriesStore } from './entries-store';
import { visibleEntries } from './entry-query';
import { GroupFilter } from './GroupFilter';
import { groupsInUse } from './groups';
import type { DropPosition } from './reorder';
import { useRingPhaseCheck } from './rings/useRingImage';
import { useActivityReporter } from './useActivityReporter';
import { useCodeRollover } from './useCodeRollover';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useSessionData } from './useSessionData';

type Dialog =
  | { kind: 'add' }
  | { kind: 'settings' }
  | { kind: 'edit'; entry: EntrySummary }
  | { kind: 'delete'; entry: EntrySummary }
  | { kind: 'import' }
  | { kind: 'export' }
  | null;

const LIST_ID = 'code-list';

export function CodesScreen() {
  const loadError = useSessionData();
  useCodeRollover();
  useRingPhaseCheck();
  useActivityReporter();
  const entries = useEntriesStore((s) => s.entries);
  const loaded = useEntriesStore((s) => s.loaded);
  const [query, setQuery] = useState('');
  const [chosenGroup, setGroup] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [listMessage, setListMessage] = useState({ key: 0, text: '' });
  const [revealIndex, setRevealIndex] = useState<{ index: number; seq: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  /** Text typed on a row went to the search field: put the caret after it once rendered. */
  const caretToEnd = useRef(false);
  useLayoutEffect(() => {
    const input = searchRef.current;
    if (!caretToEnd.current || !input) return;
    caretToEnd.current = false;
    input.setSelectionRange(input.value.length, input.value.length);
  });

  const groups = useMemo(() => groupsInUse(entries), [entries]);
  const group = chosenGroup !== null && groups.includes(chosenGroup) ? chosenGroup : null;
  const visible = useMemo(() => visibleEntries(entries, query, group), [entries, query, group]);
  const selected = visible.find((e) => e.id === selectedId) ?? visible[0] ?? null;

  const focusSearch = useCallback((): void => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  const clearSearch = (): void => {
    setQuery('');
    setSelectedId(null);
  };
  useGlobalShortcuts({
    onFind: () => dialog === null && focusSearch(),
    onLock: () => void lockVault(),
    onSettings: () => dialog === null && setDialog({ kind: 'settings' }),
    onUndo: () => dialog === null && undoLast(),
  });
  // The global shortcut (main) shows the window and asks for the search field.
  useEffect(
    () =>
      api().app.onFocusSearch(() => {
        setDialog(null);
        window.setTimeout(focusSearch, 0);
      }),
    [focusSearch],
  );

  const onEdit = useCallback((entry: EntrySummary) => setDialog({ kind: 'edit', entry }), []);
  const onDelete = useCallback((entry: EntrySummary) => setDialog({ kind: 'delete', entry }), []);
  const closeDialog = useCallback(() => setDialog(null), []);
  const showImport = useCallback(() => setDialog({ kind: 'import' }), []);
  const startImport = useCallback(() => {
    openImport();
    setDialog({ kind: 'import' });
  }, []);
  const typeIntoSearch = useCallback((text: string) => {
    setQuery((q) => q + text);
    setSelectedId(null);
    caretToEnd.current = true;
    searchRef.current?.focus();
  }, []);
  const onMove = useCallback((id: EntryId, targetId: EntryId, position: DropPosition) => {
    void moveAccount(id, targetId, position).then((text) => {
      if (text) setListMessage((m) => ({ key: m.key + 1, text }));
    });
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

  function onMainKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    clearSearch();
    searchRef.current?.focus();
  }

  return (
    <div className="codes-screen">
      <div className="codes-main" inert={dialog !== null} onKeyDown={onMainKeyDown}>
        <CodesTopBar
          searchRef={searchRef}
          query={query}
          onQuery={(value) => {
            setQuery(value);
            setSelectedId(null);
          }}
          onSearchKeyDown={onSearchKeyDown}
          listId={LIST_ID}
          activeId={selected ? rowButtonId(selected.id) : null}
          resultCount={visible.length}
          onAdd={() => setDialog({ kind: 'add' })}
          onImport={startImport}
          onExport={() => setDialog({ kind: 'export' })}
          onSettings={() => setDialog({ kind: 'settings' })}
        />
        <main className="codes-body">
          {loadError ? <FormAlert message={loadError.message} /> : null}
          <ClockNotice />
          <GroupFilter groups={groups} value={group} onChange={setGroup} />
          {!loaded ? (
            <p className="loading">Loading accounts…</p>
          ) : entries.length === 0 ? (
            <NoAccounts onAdd={() => setDialog({ kind: 'add' })} onImport={startImport} />
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
              onMove={onMove}
              onType={typeIntoSearch}
              revealIndex={revealIndex}
            />
          )}
        </main>
      </div>
      {dialog?.kind === 'add' ? <AddAccountDialog onClose={closeDialog} onImport={showImport} /> : null}
      {dialog?.kind === 'import' ? <ImportDialog onClose={closeDialog} /> : null}
      {/* Closing it gives the focus back to the top bar's Export (Modal returns it where it was). */}
      {dialog?.kind === 'export' ? <ExportDialog onClose={closeDialog} /> : null}
      <ImportShortcuts
        enabled={dialog === null || dialog.kind === 'import'}
        dialogOpen={dialog?.kind === 'import'}
        onOpen={showImport}
      />
      {dialog?.kind === 'settings' ? <SettingsDialog onClose={closeDialog} /> : null}
      {dialog?.kind === 'edit' ? <EditEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
      {dialog?.kind === 'delete' ? <DeleteEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
      <CodeAnnouncer entries={visible} selectedId={selected?.id ?? null} />
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="list-announcer">
        {listMessage.text ? <span key={listMessage.key}>{listMessage.text}</span> : null}
      </div>
      <ToastHost />
    </div>
  );
}
