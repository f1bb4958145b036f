// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Confirms deleting an entry; Cancel has the focus so Enter alone never deletes. Even after
 * "Delete", the account can be brought back for a few seconds (Undo in the toast, or Ctrl/Cmd+Z).
 */
import { useId, useRef, useState } from 'react';
import type { EntrySummary } from '../../../electron/domain';
import { FormAlert } from '../../shared/FormAlert';
import { Modal } from '../../shared/Modal';
import { removeEntry } from '../actions';
import { entryLabel } from '../entry-query';

export function DeleteEntryDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const descriptionId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const label = entryLabel(entry);

  async function confirm(): Promise<void> {
    if (busy) return;
    setBusy(true);
    const failed = await removeEntry(entry);
    setBusy(false);
    if (failed) return setError(failed);
    onClose();
  }

  return (
    <Modal
      title={`Delete ${label}?`}
      onClose={onClose}
      initialFocus={cancelRef}
      role="alertdialog"
      describedBy={descriptionId}
    >
      <p id={descriptionId} className="modal-text">
        Its secret is removed from the vault and Tessera can no longer produce codes for it. Before deleting, make sure
        two-factor sign-in for this account is turned off or set up elsewhere, or you may be locked out.
      </p>
      <FormAlert message={error} />
      <div className="form-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="button button-danger" aria-disabled={busy} onClick={() => void confirm()}>
          {busy ? 'Deleting…' : 'Delete'}
        </button>
      </div>
    </Modal>
  );
}
