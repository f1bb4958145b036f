// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Show QR code…" for one account: the master password again, as for an export
 * (MasterPasswordCheck, the export dialog's password step), then main opens an export session
 * limited to this account (`exports.authorize(password, [id])`) and renders its one QR code, which
 * crosses into the window as pixels only. Closing the dialog ends the session in main. When main
 * says the authorisation ran out, the password is asked again with the export dialog's note.
 */
import { useCallback, useEffect, useState } from 'react';
import type { EntrySummary, ExportQrView } from '../../../electron/domain';
import { api } from '../../api';
import { PASSWORD_AGAIN_NOTE } from '../../export/ExportDialog';
import { QrCode, QrWarnings } from '../../export/ExportQrViewer';
import { FormAlert } from '../../shared/FormAlert';
import { MasterPasswordCheck } from '../../shared/MasterPasswordCheck';
import { Modal } from '../../shared/Modal';
import { entryLabel } from '../entry-query';

type Step = { readonly step: 'password'; readonly note: string | null } | { readonly step: 'code' };

export function AccountQrDialog({ entry, onClose }: { entry: EntrySummary; onClose: () => void }) {
  const [step, setStep] = useState<Step>({ step: 'password', note: null });
  const label = entryLabel(entry);
  // Whatever way the dialog goes (Done, Esc, a lock), main forgets the authorisation.
  useEffect(
    () => () => {
      void api().exports.end();
    },
    [],
  );
  const passwordRequired = useCallback(() => setStep({ step: 'password', note: PASSWORD_AGAIN_NOTE }), []);

  return (
    <Modal title={`QR code of ${label}`} onClose={onClose}>
      <div className="export-dialog account-qr">
        {step.step === 'password' ? (
          <MasterPasswordCheck
            id="account-qr-master"
            note={
              <div className="callout callout-warning" role="note">
                {step.note ?? 'The QR code holds this account’s secret key: anyone who sees it can copy the account.'}
              </div>
            }
            prompt={`Enter your master password to show the QR code of ${label}.`}
            submit="Show QR code"
            busyNote="Checking the password…"
            leave={{ label: 'Cancel', onClick: onClose }}
            check={async (password) => {
              const result = await api().exports.authorize(password, [entry.id]);
              if (!result.ok) return result.error;
              setStep({ step: 'code' });
              return null;
            }}
          />
        ) : (
          <AccountQrCode onPasswordRequired={passwordRequired} onDone={onClose} />
        )}
      </div>
    </Modal>
  );
}

/** The account's one QR code, with main's warnings (what cannot travel in it) and the caution. */
function AccountQrCode({ onPasswordRequired, onDone }: { onPasswordRequired: () => void; onDone: () => void }) {
  const [view, setView] = useState<ExportQrView | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void api()
      .exports.qr('entry', 0)
      .then((result) => {
        if (!current) return;
        if (result.ok) setView(result.value);
        else if (result.error.code === 'password-required') onPasswordRequired();
        else setError(result.error.message);
      });
    return () => {
      current = false;
    };
  }, [onPasswordRequired]);

  return (
    <div className="export-qr" aria-busy={view === null && error === null}>
      <QrWarnings warnings={view?.warnings ?? []} what="this code" />
      <p className="export-qr-caution">
        Anyone who sees this code can copy this account. Close it when your phone has scanned it.
      </p>
      <FormAlert message={error} />
      {view ? <QrCode view={view} /> : error ? null : <p className="loading">Preparing the code…</p>}
      <div className="form-actions">
        <button type="button" className="button button-primary" autoFocus onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
