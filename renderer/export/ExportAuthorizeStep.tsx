// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, second step: the master password again (MasterPasswordCheck). Main checks it and allows
 * exports for a few minutes, of the selected accounts alone when `ids` is given. The password goes
 * to main once and, on success, to the dialog (a Tessera backup may be protected with it), never
 * into a store.
 */
import type { EntryId } from '../../electron/domain';
import { api } from '../api';
import { MasterPasswordCheck } from '../shared/MasterPasswordCheck';

export interface ExportAuthorizeStepProps {
  /** Why the password is asked again (the authorisation ran out), or null the first time. */
  readonly note: string | null;
  /** The accounts the export is limited to (a selection); absent: every account. */
  readonly ids?: readonly EntryId[];
  readonly onAuthorized: (password: string) => void;
  readonly onBack: () => void;
}

export function ExportAuthorizeStep({ note, ids, onAuthorized, onBack }: ExportAuthorizeStepProps) {
  return (
    <MasterPasswordCheck
      id="export-master"
      note={
        note ? (
          <div className="callout callout-warning" role="note">
            {note}
          </div>
        ) : null
      }
      prompt="Enter your master password to export."
      submit="Continue"
      busyNote="Checking the password…"
      leave={{ label: 'Back', onClick: onBack }}
      check={async (password) => {
        const result = ids ? await api().exports.authorize(password, ids) : await api().exports.authorize(password);
        if (!result.ok) return result.error;
        onAuthorized(password);
        return null;
      }}
    />
  );
}
