// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Change the master password: the current one, the new one twice, with the strength meter. The
 * inputs stay uncontrolled and are emptied as soon as the passwords are handed to main, which
 * re-wraps the data key (the codes are not re-encrypted, so this takes about two unlocks). A
 * message about a field goes at the first key press in it: it was about what was typed before.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { checkNewPassword, MIN_PASSWORD_LENGTH } from '../shared/password-rules';
import { describedBy, PasswordStrength } from '../shared/PasswordStrength';
import { showToast } from '../shared/toast-store';
import { usePasswordStrength } from '../shared/usePasswordStrength';

type Problems = { current?: string; password?: string; confirm?: string; form?: string };

export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const currentRef = useRef<HTMLInputElement>(null);
  const nextRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const strength = usePasswordStrength();
  const changed = (field: keyof Problems): void =>
    setProblems((p) => {
      if (p[field] === undefined) return p;
      const { [field]: _gone, ...rest } = p;
      return rest;
    });

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const [current, next, confirm] = [currentRef.current, nextRef.current, confirmRef.current];
    if (busy || !current || !next || !confirm) return;
    if (current.value === '') {
      setProblems({ current: 'Type your current master password.' });
      return current.focus();
    }
    const assessment = next.value === '' ? null : await strength.assess(next.value);
    const found = checkNewPassword(next.value, confirm.value, assessment);
    if (found) {
      setProblems(found);
      return (found.password ? next : confirm).focus();
    }
    const pair = [current.value, next.value] as const;
    for (const input of [current, next, confirm]) input.value = '';
    strength.clear();
    setProblems({});
    setBusy(true);
    const result = await api().vault.changePassword(...pair);
    setBusy(false);
    if (result.ok) {
      showToast('Master password changed. Use the new one from now on.');
      onDone();
      return;
    }
    if (result.error.code === 'wrong-password-or-tampered') {
      setProblems({ current: 'That is not your current master password. Nothing was changed.' });
      current.focus();
    } else if (result.error.field === 'password') {
      setProblems({ password: result.error.message });
      next.focus();
    } else {
      setProblems({ form: result.error.message });
    }
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field id="change-current" label="Current master password" error={problems.current ?? null}>
        {(a11y) => (
          <input
            {...a11y}
            ref={currentRef}
            type="password"
            autoComplete="current-password"
            autoFocus
            readOnly={busy}
            onInput={() => changed('current')}
          />
        )}
      </Field>
      <Field
        id="change-new"
        label="New master password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters, rated strong.`}
        error={problems.password ?? null}
      >
        {(a11y) => (
          <input
            {...a11y}
            aria-describedby={describedBy(a11y['aria-describedby'], 'change-new-strength')}
            ref={nextRef}
            type="password"
            autoComplete="new-password"
            readOnly={busy}
            onInput={(event) => {
              strength.onInput(event);
              changed('password');
            }}
          />
        )}
      </Field>
      <PasswordStrength id="change-new-strength" assessment={strength.assessment} />
      <Field id="change-confirm" label="Confirm new master password" error={problems.confirm ?? null}>
        {(a11y) => (
          <input
            {...a11y}
            ref={confirmRef}
            type="password"
            autoComplete="new-password"
            readOnly={busy}
            onInput={() => changed('confirm')}
          />
        )}
      </Field>
      <p className="field-hint">The new password cannot be recovered either: keep it somewhere safe.</p>
      <p className="field-hint">
        Tessera also changes the key that encrypts your accounts, so an old copy of the vault and the old password
        cannot open what you save from now on. Backups made before the change still open with the old password: they are
        copies of the vault as it was then.
      </p>
      <FormAlert message={problems.form ?? null} />
      {busy ? <BusyNote label="Changing the master password…" /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" aria-disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
