// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, second step: the master password again. Main checks it and allows exports for a few
 * minutes. The field stays uncontrolled; the password goes to main once and, on success, to the
 * dialog (a Tessera backup may be protected with it), never into a store.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { FormActions } from '../shared/FormActions';
import { FormAlert } from '../shared/FormAlert';
import { MasterPasswordField } from '../shared/MasterPasswordField';

export interface ExportAuthorizeStepProps {
  /** Why the password is asked again (the authorisation ran out), or null the first time. */
  readonly note: string | null;
  readonly onAuthorized: (password: string) => void;
  readonly onBack: () => void;
}

type Problems = { password?: string; form?: string };

export function ExportAuthorizeStep({ note, onAuthorized, onBack }: ExportAuthorizeStepProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = inputRef.current;
    if (busy || !input) return;
    const password = input.value;
    if (password === '') {
      setProblems({ password: 'Type your master password.' });
      return input.focus();
    }
    setProblems({});
    setBusy(true);
    const result = await api().exports.authorize(password);
    setBusy(false);
    if (result.ok) {
      input.value = '';
      onAuthorized(password);
      return;
    }
    if (result.error.code === 'wrong-password-or-tampered') {
      setProblems({ password: 'The password is wrong.' });
      input.focus();
      input.select();
    } else {
      setProblems({ form: result.error.message });
    }
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      {note ? (
        <div className="callout callout-warning" role="note">
          {note}
        </div>
      ) : null}
      <p className="modal-text">Enter your master password to export.</p>
      <MasterPasswordField
        id="export-master"
        label="Master password"
        error={problems.password ?? null}
        inputRef={inputRef}
        busy={busy}
      />
      <FormAlert message={problems.form ?? null} />
      {busy ? <BusyNote label="Checking the password…" /> : null}
      <FormActions busy={busy} leave={{ label: 'Back', onClick: onBack }} submit="Continue" />
    </form>
  );
}
