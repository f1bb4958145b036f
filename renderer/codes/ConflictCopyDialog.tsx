// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Asks once for the password a conflict copy of the vault was saved with (a password changed on
 * another computer before the two had seen each other's edits), so main can merge it
 * (`vault:merge-copy`) and move it to the backups folder. "Not now" leaves the copy where it is;
 * it is not asked for again until the vault is unlocked again.
 */
import { api } from '../api';
import { MasterPasswordCheck } from '../shared/MasterPasswordCheck';
import { Modal } from '../shared/Modal';
import { finishCopyPassword, showConflictReport, useConflictCopyStore } from './conflict-copies';

export function ConflictCopyDialog() {
  const file = useConflictCopyStore((s) => s.asking);
  if (file === null) return null;
  const close = (): void => finishCopyPassword(file);
  return (
    <Modal title="Merge a copy of your vault" onClose={close}>
      <MasterPasswordCheck
        id="conflict-copy-password"
        note={
          <p className="modal-text">
            <strong>{file}</strong> is a copy of this vault saved with another password, probably before the password
            was changed on another computer. Its accounts are merged into this vault, and the copy is moved to the
            backups folder.
          </p>
        }
        prompt="Enter the password that copy was saved with."
        submit="Merge"
        busySubmit="Merging…"
        busyNote="Opening the copy…"
        leave={{ label: 'Not now', onClick: close }}
        wrongPassword="That password does not open this copy."
        check={async (password) => {
          const result = await api().vault.mergeCopy(file, password);
          if (!result.ok) return result.error;
          finishCopyPassword(file);
          showConflictReport(result.value);
          return null;
        }}
      />
    </Modal>
  );
}
