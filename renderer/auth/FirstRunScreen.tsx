// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * First run: choose the master password and create the vault. The inputs are uncontrolled and
 * emptied as soon as the password is handed to main; it never enters React state or a store.
 * zxcvbn-ts rates it as it is typed; it must be at least 10 characters and rated "strong". A message
 * about a password goes at the first key press in that field: it was about the one refused.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';
import type { NewPasswordProblems } from '../shared/password-rules';
import { useFieldProblems } from '../shared/useFieldProblems';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { AuthSubmit } from './AuthSubmit';

export function FirstRunScreen({ path }: { path: string }) {
  const newPassword = useNewPassword();
  const [problems, setProblems, changed] = useFieldProblems<NewPasswordProblems>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (busy) return;
    const taken = await newPassword.take();
    if (!taken) return;
    if ('problems' in taken) return setProblems(taken.problems);
    setProblems({});
    setFormError(null);
    setBusy(true);
    const result = await api().vault.create(taken.password);
    setBusy(false);
    if (result.ok) {
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    if (result.error.field === 'password') setProblems({ password: result.error.message });
    else setFormError(result.error.message);
    newPassword.passwordRef.current?.focus();
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
        <NewPasswordFields
          newPassword={newPassword}
          id="new-password"
          label="Master password"
          confirmId="confirm-password"
          confirmLabel="Confirm master password"
          advice="A few unrelated words make a strong one."
          problems={problems}
          busy={busy}
          autoFocus
          onEdit={changed}
        />
        <div className="callout callout-warning" id="no-recovery">
          <strong>This password cannot be recovered.</strong> Nobody, not even Tessera, can open the vault without it.
          If you forget it, the codes in this vault are lost: keep it somewhere safe.
        </div>
        <FormAlert message={formError} />
        <AuthSubmit
          busy={busy}
          label="Create vault"
          busyLabel="Creating vault…"
          busyNote="Creating your vault… this takes about a second."
        />
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
