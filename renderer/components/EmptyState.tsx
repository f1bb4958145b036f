// SPDX-License-Identifier: GPL-3.0-or-later
/** What the list shows when there is nothing to list: no accounts yet, or no match for the search. */
import { PlusIcon } from './Icons';

export function NoAccounts({ onAdd }: { onAdd: () => void }) {
  return (
    <div className="empty">
      <h2>No accounts yet</h2>
      <p>Add the two-factor accounts you use, and their codes will appear here.</p>
      <button type="button" className="button button-primary" onClick={onAdd}>
        <PlusIcon />
        Add account
      </button>
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
