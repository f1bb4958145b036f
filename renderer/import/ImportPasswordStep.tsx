// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The password of an encrypted export (Aegis, 2FAS, Ente...). It goes to main once and the field is
 * emptied at once; main derives the key in its import worker, which can take a few seconds (Ente's
 * Argon2id), and Cancel stops it.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Field } from '../shared/Field';
import { sendFilePassword } from './import-actions';
import { useImportStore } from './import-store';
import { ImportBusy } from './ImportBusy';

export interface ImportPasswordStepProps {
  readonly fileName: string;
  readonly formatName: string;
  readonly wrongPassword: boolean;
  /** Grows with every answer, so a second "Wrong password" is announced too. */
  readonly attempt: number;
  readonly onBack: () => void;
}

export function ImportPasswordStep({ fileName, formatName, wrongPassword, attempt, onBack }: ImportPasswordStepProps) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const [empty, setEmpty] = useState(false);
  const busy = useImportStore((s) => s.busy);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const input = passwordRef.current;
    if (busy !== null || !input) return;
    if (input.value === '') {
      setEmpty(true);
      input.focus();
      return;
    }
    const password = input.value;
    input.value = '';
    setEmpty(false);
    void sendFilePassword(password).then(() => passwordRef.current?.focus());
  }

  const error = empty ? 'Type the password.' : wrongPassword && busy === null ? 'Wrong password. Try again.' : null;
  // A Tessera backup (one the user exported, or an automatic one) is not "an export of another app".
  const backup = formatName === 'Tessera backup';
  return (
    <form className="entry-form" onSubmit={onSubmit} noValidate aria-busy={busy !== null}>
      <p className="modal-text">
        {backup
          ? 'This Tessera backup is encrypted. Enter its password: for an automatic backup, your master password at the time of the backup.'
          : `This ${formatName} export is encrypted. Enter the password it was exported with.`}
        <span className="import-file-name">{fileName}</span>
      </p>
      <Field
        key={attempt}
        id="import-file-password"
        label={backup ? 'Backup password' : 'Export password'}
        error={error}
      >
        {(a11y) => (
          <input {...a11y} ref={passwordRef} type="password" autoComplete="off" autoFocus readOnly={busy !== null} />
        )}
      </Field>
      {busy !== null ? <ImportBusy label={busy} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy !== null}>
          {busy !== null ? 'Checking…' : 'Continue'}
        </button>
      </div>
    </form>
  );
}
