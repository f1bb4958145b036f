// SPDX-License-Identifier: GPL-3.0-or-later
/** What the list shows when there is nothing to list: no accounts yet, or no match for the search. */
import { ImportIcon, PlusIcon } from '../shared/Icons';

export function NoAccounts({ onAdd, onImport }: { onAdd: () => void; onImport?: () => void }) {
  return (
    <div className="empty">
      <h2>No accounts yet</h2>
      <p>Add the two-factor accounts you use, and their codes will appear here.</p>
      <button type="button" className="button button-primary" onClick={onAdd}>
        <PlusIcon />
        Add account
      </button>
      {onImport ? (
        <button type="button" className="button button-secondary" onClick={onImport}>
          <ImportIcon />
          Import from QR code or another app
        </button>
      ) : null}
    </div>
  );
}

export function NoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <div className="empty">
      <h2>No matches</h2>
      <p>No account’s issuer, name, group or notes contain “{query}”.</p>
      <button type="button" className="button button-secondary" onClick={onClear}>
        Clear search
      </button>
    </div>
  );
}
