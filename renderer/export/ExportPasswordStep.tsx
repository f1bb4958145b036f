// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, last step for the encrypted files: the password that will protect the file. A Tessera
 * backup uses the master password unless the user picks another; the other encrypted files (Aegis,
 * 2FAS, KeePassXC) always get their own.
 * A new password is typed twice, rated like a master password (the file meets offline guessing
 * the same way the vault does), and the fields are emptied as soon as it is handed over.
 */
import { useState, type FormEvent } from 'react';
import { BusyNote } from '../shared/BusyNote';
import { FormActions } from '../shared/FormActions';
import { FormAlert } from '../shared/FormAlert';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';

/** A problem to show after a save attempt: on the password field, or for the whole form. */
export interface SaveProblem {
  readonly field: 'password' | null;
  readonly message: string;
}

export interface ExportPasswordStepProps {
  /** `tessera` offers the master password; `encrypted` asks for a new password. */
  readonly kind: 'tessera' | 'encrypted';
  /** For `encrypted`: what the password is for, when the format says it differently. */
  readonly note?: string | undefined;
  /** Saves with this export password, or with the master password (null); answers a problem or null. */
  readonly onSave: (exportPassword: string | null) => Promise<SaveProblem | null>;
  readonly onBack: () => void;
}

type Problems = { password?: string; confirm?: string; form?: string };

/** What the password step says by default about a new export password. */
export const EXPORT_PASSWORD_NOTE = 'Choose the password that will protect the file. You will type it when importing.';

export function ExportPasswordStep({ kind, note, onSave, onBack }: ExportPasswordStepProps) {
  const [useMaster, setUseMaster] = useState(kind === 'tessera');
  const newPassword = useNewPassword();
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  /** The export password to send (null = the master password), or undefined after showing a problem. */
  async function chosenPassword(): Promise<string | null | undefined> {
    if (useMaster) return null;
    const taken = await newPassword.take();
    if (!taken) return undefined;
    if ('problems' in taken) {
      setProblems(taken.problems);
      return undefined;
    }
    return taken.password;
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
        <MasterPasswordChoice useMaster={useMaster} onChange={setUseMaster} />
      ) : (
        <p className="modal-text">{note ?? EXPORT_PASSWORD_NOTE}</p>
      )}
      {useMaster ? (
        <p className="field-hint">You will need your current master password to restore this backup.</p>
      ) : (
        <NewPasswordFields
          newPassword={newPassword}
          id="export-password"
          label="Export password"
          confirmId="export-confirm"
          confirmLabel="Confirm export password"
          advice="It cannot be recovered: keep it somewhere safe."
          problems={problems}
          busy={busy}
          autoFocus={kind === 'encrypted'}
        />
      )}
      <FormAlert message={problems.form ?? null} />
      {busy ? <BusyNote label="Saving the export…" /> : null}
      <FormActions busy={busy} leave={{ label: 'Back', onClick: onBack }} submit="Save…" />
    </form>
  );
}

/** A Tessera backup: the master password (the default), or a password of its own. */
function MasterPasswordChoice({ useMaster, onChange }: { useMaster: boolean; onChange: (useMaster: boolean) => void }) {
  return (
    <fieldset className="radio-group radio-group-stacked">
      <legend>Protect the backup with</legend>
      <label className="radio">
        <input type="radio" name="export-protect" checked={useMaster} autoFocus onChange={() => onChange(true)} />
        <span>Use my master password</span>
      </label>
      <label className="radio">
        <input type="radio" name="export-protect" checked={!useMaster} onChange={() => onChange(false)} />
        <span>Use a different password</span>
      </label>
    </fieldset>
  );
}
