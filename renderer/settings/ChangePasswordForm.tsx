// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Change the master password: the current one, the new one twice, with the strength meter. The
 * inputs stay uncontrolled and are emptied as soon as the passwords are handed to main, which
 * re-wraps the data key (the codes are not re-encrypted, so this takes about two unlocks). A
 * message about a field goes at the first key press in it: it was about what was typed before.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { IpcError } from '../../electron/domain';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { FormActions } from '../shared/FormActions';
import { FormAlert } from '../shared/FormAlert';
import { MasterPasswordField } from '../shared/MasterPasswordField';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';
import { showToast } from '../shared/toast-store';
import { useFieldProblems } from '../shared/useFieldProblems';

type Problems = { current?: string; password?: string; confirm?: string; form?: string };

/** Where main's refusal goes: on the current password, on the new one, or above the buttons. */
function refusalProblems(error: IpcError): Problems {
  if (error.code === 'wrong-password-or-tampered') {
    return { current: 'That is not your current master password. Nothing was changed.' };
  }
  return error.field === 'password' ? { password: error.message } : { form: error.message };
}

export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const currentRef = useRef<HTMLInputElement>(null);
  const newPassword = useNewPassword();
  const [problems, setProblems, changed] = useFieldProblems<Problems>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const current = currentRef.current;
    if (busy || !current) return;
    if (current.value === '') {
      setProblems({ current: 'Type your current master password.' });
      return current.focus();
    }
    const taken = await newPassword.take();
    if (!taken) return;
    if ('problems' in taken) return setProblems(taken.problems);
    const currentPassword = current.value;
    current.value = '';
    setProblems({});
    setBusy(true);
    const result = await api().vault.changePassword(currentPassword, taken.password);
    setBusy(false);
    if (result.ok) {
      showToast('Master password changed. Use the new one from now on.');
      onDone();
      return;
    }
    const refused = refusalProblems(result.error);
    setProblems(refused);
    if (refused.current !== undefined) current.focus();
    else if (refused.password !== undefined) newPassword.passwordRef.current?.focus();
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <MasterPasswordField
        id="change-current"
        label="Current master password"
        error={problems.current ?? null}
        inputRef={currentRef}
        busy={busy}
        onInput={() => changed('current')}
      />
      <NewPasswordFields
        newPassword={newPassword}
        id="change-new"
        label="New master password"
        confirmId="change-confirm"
        confirmLabel="Confirm new master password"
        problems={problems}
        busy={busy}
        onEdit={changed}
      />
      <p className="field-hint">The new password cannot be recovered either: keep it somewhere safe.</p>
      <p className="field-hint">
        Tessera also changes the key that encrypts your accounts, so an old copy of the vault and the old password
        cannot open what you save from now on. Backups made before the change still open with the old password: they are
        copies of the vault as it was then.
      </p>
      <FormAlert message={problems.form ?? null} />
      {busy ? <BusyNote label="Changing the master password…" /> : null}
      <FormActions
        busy={busy}
        leave={{ label: 'Cancel', onClick: onDone }}
        submit={busy ? 'Changing…' : 'Change password'}
      />
    </form>
  );
}
