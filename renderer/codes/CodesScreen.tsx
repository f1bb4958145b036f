// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The unlocked vault: search, tag filter, the list's order and view, selecting accounts to export,
 * the codes list, the account menu and the dialogs. Keyboard: Ctrl/Cmd+F search, Ctrl/Cmd+L lock,
 * Ctrl/Cmd+, settings, Ctrl/Cmd+Z undo a deletion, arrows move the selection, Enter copies,
 * Alt+↑/↓ moves an account (manual order), Shift+F10 opens its menu, Esc clears the search (or
 * leaves selecting first), Ctrl/Cmd+A selects every account shown. The search and the selected row
 * are useCodesSearch's; the accounts ticked for an export, useListSelection's.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EntryId, EntrySummary } from '../../electron/domain';
import { api } from '../api';
import { ClockNotice } from '../clock/ClockNotice';
import { ExportDialog } from '../export/ExportDialog';
import { useListIcons } from '../icons/useListIcons';
import { openImport } from '../import/import-actions';
import { ImportDialog } from '../import/ImportDialog';
import { ImportShortcuts } from '../import/ImportShortcuts';
import { useSetting } from '../settings/settings-store';
import { SettingsDialog } from '../settings/SettingsDialog';
import { FormAlert } from '../shared/FormAlert';
import { ToastHost } from '../shared/ToastHost';
import { AddAccountDialog } from './account-dialogs/AddAccountDialog';
import { AccountMenu } from './account-menu/AccountMenu';
import { useAccountDialogOpen } from './account-menu/account-menu-store';
import { DeleteEntryDialog } from './account-dialogs/DeleteEntryDialog';
import { EditEntryDialog } from './account-dialogs/EditEntryDialog';
import { lockVault, moveAccount, undoLast } from './actions';
import { CodeAnnouncer } from './CodeAnnouncer';
import { CodeList } from './CodeList';
import { useConflictCopyDialogOpen } from './conflict-copies';
import { ConflictCopyDialog } from './ConflictCopyDialog';
import { rowButtonId } from './CodeRow';
import { CodesTopBar } from './CodesTopBar';
import { NoAccounts, NoMatches } from './EmptyState';
import { useEntriesStore } from './entries-store';
import { ListControls, MANUAL_ORDER_HINT } from './ListControls';
import type { DropPosition } from './reorder';
import { useRingPhaseCheck } from './rings/useRingImage';
import { useActivityReporter } from './useActivityReporter';
import { useCodeRollover } from './useCodeRollover';
import { useCodesSearch } from './useCodesSearch';
import { useGlobalShortcuts } from './useGlobalShortcuts';
import { useListOrder } from './useListOrder';
import { useListSelection } from './useListSelection';
import { useSessionData } from './useSessionData';

type Dialog =
  | { kind: 'add' }
  | { kind: 'settings' }
  | { kind: 'edit'; entry: EntrySummary }
  | { kind: 'delete'; entry: EntrySummary }
  | { kind: 'import' }
  /** `ids`: the accounts ticked in selection mode; absent: every account. */
  | { kind: 'export'; ids?: readonly EntryId[] }
  | null;

const LIST_ID = 'code-list';

export function CodesScreen() {
  const loadError = useSessionData();
  useCodeRollover();
  useRingPhaseCheck();
  useActivityReporter();
  useListIcons();
  const entries = useEntriesStore((s) => s.entries);
  const loaded = useEntriesStore((s) => s.loaded);
  const order = useListOrder();
  const compact = useSetting('compactView', false);
  const search = useCodesSearch(entries, order);
  const { visible, selected, query, focusSearch } = search;
  const selection = useListSelection(entries, order, visible);
  const [dialog, setDialog] = useState<Dialog>(null);
  // A dialog of the account menu (edit, delete, tags, QR code) counts as one of the screen's.
  const accountDialog = useAccountDialogOpen();
  // So does the password dialog of a conflict copy (ConflictCopyDialog).
  const copyDialog = useConflictCopyDialogOpen();
  const quiet = dialog === null && !accountDialog && !copyDialog;
  const { listMessage, onMove, say } = useAccountMoves();
  const onMoveOff = useCallback(() => say(MANUAL_ORDER_HINT), [say]);

  useGlobalShortcuts({
    onFind: () => quiet && focusSearch(),
    onLock: () => void lockVault(),
    onSettings: () => quiet && setDialog({ kind: 'settings' }),
    onUndo: () => quiet && undoLast(),
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
  const startImport = useCallback(() => {
    openImport();
    setDialog({ kind: 'import' });
  }, []);

  return (
    <div className="codes-screen">
      <div
        className="codes-main"
        inert={!quiet}
        onKeyDown={(event) => {
          if (!selection.onKeyDown(event)) search.onScreenKeyDown(event);
        }}
      >
        <CodesTopBar
          searchRef={search.searchRef}
          query={query}
          onQuery={search.onQuery}
          onSearchKeyDown={search.onSearchKeyDown}
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
          {loaded && entries.length > 0 ? (
            <ListControls
              tags={search.tags}
              chosenTags={search.chosenTags}
              onToggleTag={search.toggleTag}
              onClearTags={search.clearTags}
              shownCount={visible.length}
              total={entries.length}
              selection={selection}
              onExportSelection={() => setDialog({ kind: 'export', ids: selection.ids })}
            />
          ) : null}
          {!loaded ? (
            <p className="loading">Loading accounts…</p>
          ) : entries.length === 0 ? (
            <NoAccounts onAdd={() => setDialog({ kind: 'add' })} onImport={startImport} />
          ) : visible.length === 0 ? (
            <NoMatches
              query={query}
              tags={search.chosenTags.length > 0}
              onClear={search.clearSearch}
              onClearTags={search.clearTags}
            />
          ) : (
            <CodeList
              id={LIST_ID}
              entries={visible}
              selectedId={selected?.id ?? null}
              onSelect={search.select}
              onEdit={onEdit}
              onDelete={onDelete}
              onMove={onMove}
              reorderable={order.sort === 'manual'}
              onMoveOff={onMoveOff}
              compact={compact}
              onType={search.typeIntoSearch}
              revealIndex={search.revealIndex}
              selection={selection.selecting ? selection : null}
            />
          )}
        </main>
      </div>
      {/* The account's menu (its row's ⋯, a right-click, Shift+F10): at most one open. */}
      <AccountMenu />
      <CodesDialogs dialog={dialog} setDialog={setDialog} accountDialog={accountDialog || copyDialog} />
      <ConflictCopyDialog />
      <CodeAnnouncer entries={visible} selectedId={selected?.id ?? null} />
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="list-announcer">
        {listMessage.text ? <span key={listMessage.key}>{listMessage.text}</span> : null}
      </div>
      <ToastHost />
    </div>
  );
}

/**
 * Moves an account (drag or Alt+↑/↓) and keeps what main said about it for the list's live region;
 * `say` puts another sentence there (e.g. why nothing moved).
 */
function useAccountMoves() {
  const [listMessage, setListMessage] = useState({ key: 0, text: '' });
  const say = useCallback((text: string) => setListMessage((m) => ({ key: m.key + 1, text })), []);
  const onMove = useCallback(
    (id: EntryId, targetId: EntryId, position: DropPosition) => {
      void moveAccount(id, targetId, position).then((text) => {
        if (text) say(text);
      });
    },
    [say],
  );
  return { listMessage, onMove, say };
}

/**
 * The open dialog, if any, and the import shortcuts (drop, paste), which work while no other dialog
 * is open (`accountDialog`: one of the account menu's is).
 */
function CodesDialogs({
  dialog,
  setDialog,
  accountDialog,
}: {
  dialog: Dialog;
  setDialog: (dialog: Dialog) => void;
  accountDialog: boolean;
}) {
  const closeDialog = useCallback(() => setDialog(null), [setDialog]);
  const showImport = useCallback(() => setDialog({ kind: 'import' }), [setDialog]);
  return (
    <>
      {dialog?.kind === 'add' ? <AddAccountDialog onClose={closeDialog} onImport={showImport} /> : null}
      {dialog?.kind === 'import' ? <ImportDialog onClose={closeDialog} /> : null}
      {/* Closing it gives the focus back to the top bar's Export (Modal returns it where it was). */}
      {dialog?.kind === 'export' ? (
        <ExportDialog onClose={closeDialog} {...(dialog.ids ? { ids: dialog.ids } : {})} />
      ) : null}
      <ImportShortcuts
        enabled={(dialog === null && !accountDialog) || dialog?.kind === 'import'}
        dialogOpen={dialog?.kind === 'import'}
        onOpen={showImport}
      />
      {dialog?.kind === 'settings' ? <SettingsDialog onClose={closeDialog} /> : null}
      {dialog?.kind === 'edit' ? <EditEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
      {dialog?.kind === 'delete' ? <DeleteEntryDialog entry={dialog.entry} onClose={closeDialog} /> : null}
    </>
  );
}
