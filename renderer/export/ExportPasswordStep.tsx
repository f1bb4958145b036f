// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, last step for the encrypted files: the password that will protect the file. A Tessera
 * backup uses the master password unless the user picks another; an Aegis vault always gets its own.
 * A new password is typed twice, rated like a master password (the file meets offline guessing
 * the same way the vault does), and the fields are emptied as soon as it is handed over.
 */
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { BusyNote } from '../shared/BusyNote';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { checkNewPassword, MIN_PASSWORD_LENGTH } from '../shared/password-rules';
import { describedBy, PasswordStrength } from '../shared/PasswordStrength';
import { usePasswordStrength, type PasswordStrength as StrengthFeedback } from '../shared/usePasswordStrength';

/** A problem to show after a save attempt: on the password field, or for the whole form. */
export interface SaveProblem {
  readonly field: 'password' | null;
  readonly message: string;
}

export interface ExportPasswordStepProps {
  /** `tessera` offers the master password; `encrypted` asks for a new password. */
  readonly kind: 'tessera' | 'encrypted';
  /** Saves with this export password, or with the master password (null); answers a problem or null. */
  readonly onSave: (exportPassword: string | null) => Promise<SaveProblem | null>;
  readonly onBack: () => void;
}

type Problems = { password?: string; confirm?: string; form?: string };

export function ExportPasswordStep({ kind, onSave, onBack }: ExportPasswordStepProps) {
  const [useMaster, setUseMaster] = useState(kind === 'tessera');
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const strength = usePasswordStrength();

  /** The export password to send (null = the master password), or undefined after showing a problem. */
  async function chosenPassword(): Promise<string | null | undefined> {
    if (useMaster) return null;
    const [password, confirm] = [passwordRef.current, confirmRef.current];
    if (!password || !confirm) return undefined;
    const assessment = password.value === '' ? null : await strength.assess(password.value);
    const found = checkNewPassword(password.value, confirm.value, assessment);
    if (found) {
      setProblems(found);
      (found.password ? password : confirm).focus();
      return undefined;
    }
    const chosen = password.value;
    password.value = '';
    confirm.value = '';
    strength.clear();
    return chosen;
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const exportPassword = await chosenPassword();
    if (exportPassword === undefined) return;
    setProblems({});
    setBusy(true);
    const problem = await onSave(exportPassword);
    setBusy(false);
    if (problem?.field === 'password') setProblems({ password: problem.message });
    else if (problem) setProblems({ form: problem.message });
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      {kind === 'tessera' ? (
        <fieldset className="radio-group radio-group-stacked">
          <legend>Protect the backup with</legend>
          <label className="radio">
            <input
              type="radio"
              name="export-protect"
              checked={useMaster}
              autoFocus
              onChange={() => setUseMaster(true)}
            />
            <span>Use my master password</span>
          </label>
          <label className="radio">
            <input type="radio" name="export-protect" checked={!useMaster} onChange={() => setUseMaster(false)} />
            <span>Use a different password</span>
          </label>
        </fieldset>
      ) : (
        <p className="modal-text">Choose the password that will protect the file. You will type it when importing.</p>
      )}
      {useMaster ? (
        <p className="field-hint">You will need your current master password to restore this backup.</p>
      ) : (
        <NewPasswordFields
          passwordRef={passwordRef}
          confirmRef={confirmRef}
          problems={problems}
          busy={busy}
          strength={strength}
          autoFocus={kind === 'encrypted'}
        />
      )}
      <FormAlert message={problems.form ?? null} />
      {busy ? <BusyNote label="Saving the export…" /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          Save…
        </button>
      </div>
    </form>
  );
}

interface NewPasswordFieldsProps {
  readonly passwordRef: RefObject<HTMLInputElement | null>;
  readonly confirmRef: RefObject<HTMLInputElement | null>;
  readonly problems: Problems;
  readonly busy: boolean;
  readonly strength: StrengthFeedback;
  readonly autoFocus: boolean;
}

/** The export password twice, with the strength meter under the first. */
function NewPasswordFields({ passwordRef, confirmRef, problems, busy, strength, autoFocus }: NewPasswordFieldsProps) {
  return (
    <>
      <Field
        id="export-password"
        label="Export password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, rated strong. It cannot be recovered: keep it somewhere safe.`}
        error={problems.password ?? null}
      >
        {(a11y) => (
          <input
            {...a11y}
            aria-describedby={describedBy(a11y['aria-describedby'], 'export-password-strength')}
            ref={passwordRef}
            type="password"
            autoComplete="new-password"
            autoFocus={autoFocus}
            readOnly={busy}
            onInput={strength.onInput}
          />
        )}
      </Field>
      <PasswordStrength id="export-password-strength" assessment={strength.assessment} />
      <Field id="export-confirm" label="Confirm export password" error={problems.confirm ?? null}>
        {(a11y) => <input {...a11y} ref={confirmRef} type="password" autoComplete="new-password" readOnly={busy} />}
      </Field>
    </>
  );
}
