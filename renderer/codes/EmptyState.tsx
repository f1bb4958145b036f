// SPDX-License-Identifier: GPL-3.0-or-later
/** What the list shows when there is nothing to list: no accounts yet, or none for the search and the tags chosen. */
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

export interface NoMatchesProps {
  readonly query: string;
  /** Whether tags are chosen in the filter (an account must carry them all). */
  readonly tags: boolean;
  readonly onClear: () => void;
  readonly onClearTags: () => void;
}

export function NoMatches({ query, tags, onClear, onClearTags }: NoMatchesProps) {
  const searching = query.trim() !== '';
  return (
    <div className="empty">
      <h2>No matches</h2>
      <p>
        {searching && tags
          ? `No account with all the chosen tags has an issuer, name, tag or notes containing “${query}”.`
          : searching
            ? `No account’s issuer, name, tags or notes contain “${query}”.`
            : 'No account has all the chosen tags.'}
      </p>
      {searching ? (
        <button type="button" className="button button-secondary" onClick={onClear}>
          Clear search
        </button>
      ) : null}
      {tags ? (
        <button type="button" className="button button-secondary" onClick={onClearTags}>
          Clear tags
        </button>
      ) : null}
    </div>
  );
}
