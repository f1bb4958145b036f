// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The "Add account" dialog: type the details, or paste an otpauth:// link. QR codes and
 * Google Authenticator transfer links go to the import dialog, which reviews them first.
 */
import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { openImport, readLinks } from '../../import/import-actions';
import { QrIcon } from '../../shared/Icons';
import { Modal } from '../../shared/Modal';
import { showToast } from '../../shared/toast-store';
import { useEntriesStore } from '../entries-store';
import { entryLabel } from '../entry-query';
import { LinkEntryForm } from './LinkEntryForm';
import { ManualEntryForm } from './ManualEntryForm';

type Tab = 'manual' | 'link';
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['manual', 'Enter details'],
  ['link', 'Paste link'],
];

export interface AddAccountDialogProps {
  readonly onClose: () => void;
  /** Switches to the import dialog (its state already set up). */
  readonly onImport?: () => void;
}

export function AddAccountDialog({ onClose, onImport }: AddAccountDialogProps) {
  const [tab, setTab] = useState<Tab>('manual');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  function onAdded(entry: EntrySummary): void {
    useEntriesStore.getState().upsert(entry);
    showToast(`Added ${entryLabel(entry)}`);
    onClose();
  }

  /** A transfer link holds several accounts: they are reviewed in the import dialog. */
  function onMigrationLink(uri: string): void {
    if (!onImport) return;
    openImport();
    void readLinks(uri);
    onImport();
  }

  function onScanQr(): void {
    if (!onImport) return;
    openImport();
    onImport();
  }

  /** Arrow keys switch tabs (WAI-ARIA tabs pattern, automatic activation). */
  function onTabKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const next: Tab = tab === 'manual' ? 'link' : 'manual';
    setTab(next);
    tabRefs.current[next]?.focus();
  }

  return (
    <Modal title="Add account" onClose={onClose}>
      <div className="tabs" role="tablist" aria-label="How to add the account" onKeyDown={onTabKeyDown}>
        {TABS.map(([id, label]) => (
          <button
            key={id}
            ref={(el) => {
              tabRefs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`add-tab-${id}`}
            className="tab"
            aria-selected={tab === id}
            aria-controls={`add-panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {/*
        Both panels stay mounted in one grid cell, the other one invisible and inert: the dialog keeps
        the size of the larger one when the tab changes, and what was typed in a tab is still there.
      */}
      <div className="tab-panels">
        <TabPanel id="manual" shown={tab === 'manual'}>
          <ManualEntryForm onAdded={onAdded} />
        </TabPanel>
        <TabPanel id="link" shown={tab === 'link'}>
          <LinkEntryForm onAdded={onAdded} {...(onImport ? { onMigrationLink } : {})} />
        </TabPanel>
      </div>
      {onImport ? (
        <p className="add-import">
          <span>Have a QR code, or accounts in another app?</span>
          <button type="button" className="button button-ghost button-small" onClick={onScanQr}>
            <QrIcon />
            Scan a QR code…
          </button>
        </p>
      ) : null}
    </Modal>
  );
}

/** A tab's panel: the other one stays mounted, inert and hidden from screen readers. */
function TabPanel({ id, shown, children }: { id: Tab; shown: boolean; children: ReactNode }) {
  return (
    <div
      role="tabpanel"
      id={`add-panel-${id}`}
      aria-labelledby={`add-tab-${id}`}
      className="tab-panel"
      inert={!shown}
      aria-hidden={!shown}
    >
      {children}
    </div>
  );
}
