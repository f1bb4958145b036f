// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * First run: choose the master password and create the vault. The inputs are uncontrolled and
 * emptied as soon as the password is handed to main; it never enters React state or a store.
 * zxcvbn-ts rates it as it is typed; it must be at least 10 characters and rated "strong". A message
 * about a password goes at the first key press in that field: it was about the one refused.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { checkNewPassword, MIN_PASSWORD_LENGTH, type NewPasswordProblems } from '../shared/password-rules';
import { describedBy, PasswordStrength } from '../shared/PasswordStrength';
import { usePasswordStrength } from '../shared/usePasswordStrength';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';

export function FirstRunScreen({ path }: { path: string }) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<NewPasswordProblems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const strength = usePasswordStrength();
  /** The field changed: its message was about what was typed before. */
  const changed = (field: keyof NewPasswordProblems): void =>
    setProblems((p) => {
      if (p[field] === undefined) return p;
      const { [field]: _gone, ...rest } = p;
      return rest;
    });

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const passwordInput = passwordRef.current;
    const confirmInput = confirmRef.current;
    if (busy || !passwordInput || !confirmInput) return;
    const assessment = passwordInput.value === '' ? null : await strength.assess(passwordInput.value);
    const found = checkNewPassword(passwordInput.value, confirmInput.value, assessment);
    if (found) {
      setProblems(found);
      (found.password ? passwordInput : confirmInput).focus();
      return;
    }
    const password = passwordInput.value;
    passwordInput.value = '';
    confirmInput.value = '';
    strength.clear();
    setProblems({});
    setFormError(null);
    setBusy(true);
    const result = await api().vault.create(password);
    setBusy(false);
    if (result.ok) {
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    if (result.error.field === 'password') setProblems({ password: result.error.message });
    else setFormError(result.error.message);
    passwordInput.focus();
  }

  return (
    <AuthLayout
      title="Create your vault"
      lead={
        <p>
          Tessera keeps your two-factor secrets in an encrypted file on this computer. Choose a master password to lock
          it.
        </p>
      }
      footer={<VaultPath path={path} />}
    >
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <Field
          id="new-password"
          label="Master password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters, rated strong. A few unrelated words make a strong one.`}
          error={problems.password ?? null}
        >
          {(a11y) => (
            <input
              {...a11y}
              aria-describedby={describedBy(a11y['aria-describedby'], 'new-password-strength')}
              ref={passwordRef}
              type="password"
              autoComplete="new-password"
              autoFocus
              readOnly={busy}
              onInput={(event) => {
                strength.onInput(event);
                changed('password');
              }}
            />
          )}
        </Field>
        <PasswordStrength id="new-password-strength" assessment={strength.assessment} />
        <Field id="confirm-password" label="Confirm master password" error={problems.confirm ?? null}>
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
        <div className="callout callout-warning" id="no-recovery">
          <strong>This password cannot be recovered.</strong> Nobody, not even Tessera, can open the vault without it.
          If you forget it, the codes in this vault are lost: keep it somewhere safe.
        </div>
        <FormAlert message={formError} />
        {busy ? <BusyNote label="Creating your vault… this takes about a second." /> : null}
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating vault…' : 'Create vault'}
        </button>
      </form>
    </AuthLayout>
  );
}

export function VaultPath({ path }: { path: string }) {
  return (
    <p className="vault-path">
      Vault file: <code>{path}</code>
    </p>
  );
}
