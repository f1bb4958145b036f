// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes screen's top bar: brand, search, Add account, Import and Export, Settings and Lock.
 * Import and Export stand side by side where people look for them; in narrow windows their words are
 * hidden visually (codes.css) but stay the buttons' names.
 */
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { BrandMark } from '../shared/BrandMark';
import { ExportIcon, ImportIcon, LockIcon, PlusIcon, SettingsIcon } from '../shared/Icons';
import { shortcutLabel } from '../shared/shortcut-label';
import { lockVault } from './actions';
import { SearchField } from './SearchField';

export interface CodesTopBarProps {
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly query: string;
  readonly onQuery: (value: string) => void;
  readonly onSearchKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  readonly listId: string;
  readonly activeId: string | null;
  readonly resultCount: number;
  readonly onAdd: () => void;
  /** Opens the import dialog (QR codes, other apps' exports, backups). */
  readonly onImport: () => void;
  /** Opens the export dialog (a file for another app, QR codes, an encrypted backup). */
  readonly onExport: () => void;
  readonly onSettings: () => void;
}

export function CodesTopBar(props: CodesTopBarProps) {
  return (
    <header className="topbar">
      <div className="brand">
        <BrandMark size={28} />
        <span className="brand-name">Tessera</span>
      </div>
      <SearchField
        inputRef={props.searchRef}
        value={props.query}
        onChange={props.onQuery}
        onKeyDown={props.onSearchKeyDown}
        listId={props.listId}
        activeId={props.activeId}
        resultText={props.resultCount === 1 ? '1 account matches' : `${props.resultCount} accounts match`}
      />
      <button type="button" className="button button-primary" onClick={props.onAdd}>
        <PlusIcon />
        <span>Add account</span>
      </button>
      <IoButton
        label="Import"
        title="Import from QR codes, another app or a backup"
        icon={<ImportIcon />}
        onClick={props.onImport}
      />
      <IoButton
        label="Export"
        title="Export to a file, QR codes or an encrypted backup"
        icon={<ExportIcon />}
        onClick={props.onExport}
      />
      <button
        type="button"
        className="icon-button icon-button-bordered"
        aria-label="Settings"
        aria-keyshortcuts="Control+Comma Meta+Comma"
        title={`Settings (${shortcutLabel(',')})`}
        onClick={props.onSettings}
      >
        <SettingsIcon />
      </button>
      <button
        type="button"
        className="button button-secondary topbar-lock"
        onClick={() => void lockVault()}
        aria-keyshortcuts="Control+L Meta+L"
        title={`Lock (${shortcutLabel('L')})`}
      >
        <LockIcon />
        <span>Lock</span>
      </button>
    </header>
  );
}

interface IoButtonProps {
  readonly label: string;
  readonly title: string;
  readonly icon: ReactNode;
  readonly onClick: () => void;
}

/** Import or Export: in narrow windows the word is hidden, so it is the button's name too (aria-label). */
function IoButton({ label, title, icon, onClick }: IoButtonProps) {
  return (
    <button
      type="button"
      className="button button-secondary topbar-io"
      aria-label={label}
      title={title}
      onClick={onClick}
    >
      {icon}
      <span>{label}</span>
    </button>
  );
}
