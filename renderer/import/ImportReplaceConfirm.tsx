// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The last question before a replace restore: it removes the vault's current accounts. "Go back"
 * has the focus, so Enter alone never replaces.
 */
import { useEffect, useId, useRef } from 'react';
import { countText } from './import-text';

export interface ImportReplaceConfirmProps {
  readonly vaultEntryCount: number;
  readonly count: number;
  readonly busy: boolean;
  readonly onBack: () => void;
  readonly onConfirm: () => void;
}

export function ImportReplaceConfirm({ vaultEntryCount, count, busy, onBack, onConfirm }: ImportReplaceConfirmProps) {
  const headingId = useId();
  const backRef = useRef<HTMLButtonElement>(null);
  useEffect(() => backRef.current?.focus(), []);
  const removed = vaultEntryCount === 1 ? 'the 1 account' : `all ${vaultEntryCount} accounts`;

  return (
    <section className="import-confirm" role="group" aria-labelledby={headingId}>
      <h3 id={headingId}>Replace the accounts in your vault?</h3>
      <p className="modal-text">
        This removes {removed} in your vault now and adds the backup’s {countText(count, 'account')}. Accounts that are
        not in the backup will be gone, and Tessera can no longer produce their codes.
      </p>
      <div className="form-actions">
        <button ref={backRef} type="button" className="button button-secondary" onClick={onBack}>
          Go back
        </button>
        <button type="button" className="button button-danger" aria-disabled={busy} onClick={onConfirm}>
          {busy ? 'Replacing…' : 'Replace vault'}
        </button>
      </div>
    </section>
  );
}
