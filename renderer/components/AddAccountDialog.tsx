// SPDX-License-Identifier: GPL-3.0-or-later
/** The "Add account" dialog: type the details, or paste an otpauth:// link. */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { EntrySummary } from '../../electron/ipc/contract';
import { entryLabel } from '../lib/entry-query';
import { useEntriesStore } from '../store/entries-store';
import { showToast } from '../store/toast-store';
import { LinkEntryForm } from './LinkEntryForm';
import { ManualEntryForm } from './ManualEntryForm';
import { Modal } from './Modal';

type Tab = 'manual' | 'link';
const TABS: ReadonlyArray<readonly [Tab, string]> = [
  ['manual', 'Enter details'],
  ['link', 'Paste link'],
];

export function AddAccountDialog({ onClose }: { onClose: () => void }) {
  const [tab, setTab] = useState<Tab>('manual');
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  function onAdded(entry: EntrySummary): void {
    useEntriesStore.getState().upsert(entry);
    showToast(`Added ${entryLabel(entry)}`);
    onClose();
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
      <div role="tabpanel" id={`add-panel-${tab}`} aria-labelledby={`add-tab-${tab}`} className="tab-panel">
        {tab === 'manual' ? <ManualEntryForm onAdded={onAdded} /> : <LinkEntryForm onAdded={onAdded} />}
      </div>
    </Modal>
  );
}
