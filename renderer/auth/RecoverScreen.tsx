// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Forgot your password?": the recovery key and a new master password, typed twice and rated like
 * at first run. Main opens the vault with the key and sets the new password at once (a re-key), so
 * the forgotten one opens nothing saved after; the recovery key keeps working. The key is typed as
 * it was written down: main reads any spacing and case. The inputs stay uncontrolled; the new
 * password is emptied as soon as it is handed to main, the key once the vault is open. main's
 * refusal is said in its own plain words, on the field it is about.
 */
import { useRef, useState, type FormEvent } from 'react';
import type { IpcError } from '../../electron/domain';
import { api } from '../api';
import { Field } from '../shared/Field';
import { FormAlert } from '../shared/FormAlert';
import { NewPasswordFields, useNewPassword } from '../shared/NewPasswordFields';
import { showToast } from '../shared/toast-store';
import { useFieldProblems } from '../shared/useFieldProblems';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { AuthSubmit } from './AuthSubmit';
import { VaultPath } from './VaultPath';

/** Said once the vault is open: what changed and what did not. */
export const RECOVERED_NOTICE =
  'Your new master password is set: use it from now on. Your recovery key still works; keep it safe.';
/** How long that notice stays (it says two things). */
const RECOVERED_NOTICE_MS = 10_000;

type Problems = { recoveryKey?: string; password?: string; confirm?: string; form?: string; details?: string };

/** Where main's refusal goes: on the key (a typo, no key, not this vault's), on the new password, or above. */
export function recoverProblems(error: IpcError): Problems {
  if (error.field === 'recoveryKey') return { recoveryKey: error.message };
  if (error.code === 'weak-password' || error.field === 'newPassword' || error.field === 'password') {
    return { password: error.message };
  }
  if (error.code === 'wrong-password-or-tampered' || error.code === 'invalid-entry') {
    return { recoveryKey: error.message };
  }
  return { form: error.message, ...(error.details ? { details: error.details } : {}) };
}

export interface RecoverScreenProps {
  readonly path: string;
  /** Back to the master password. */
  readonly onBack: () => void;
}

export function RecoverScreen({ path, onBack }: RecoverScreenProps) {
  const keyRef = useRef<HTMLInputElement>(null);
  const newPassword = useNewPassword();
  const [problems, setProblems, changed] = useFieldProblems<Problems>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const keyInput = keyRef.current;
    if (busy || !keyInput) return;
    if (keyInput.value.trim() === '') {
      setProblems({ recoveryKey: 'Type your recovery key.' });
      return keyInput.focus();
    }
    const taken = await newPassword.take();
    if (!taken) return;
    if ('problems' in taken) return setProblems(taken.problems);
    setProblems({});
    setBusy(true);
    const result = await api().vault.recover(keyInput.value, taken.password);
    setBusy(false);
    if (result.ok) {
      keyInput.value = '';
      useVaultStore.getState().setStatus(result.value);
      showToast(RECOVERED_NOTICE, 'info', { durationMs: RECOVERED_NOTICE_MS });
      return;
    }
    const refused = recoverProblems(result.error);
    setProblems(refused);
    if (refused.password !== undefined) newPassword.passwordRef.current?.focus();
    else if (refused.recoveryKey !== undefined) keyInput.focus();
  }

  return (
    <AuthLayout
      title="Use your recovery key"
      lead={
        <p>
          Type the recovery key you wrote down and choose a new master password. The old password stops working; the
          recovery key keeps working. This works only if you made a recovery key for this vault.
        </p>
      }
      footer={<VaultPath path={path} />}
    >
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <Field
          id="recover-key"
          label="Recovery key"
          hint="9 groups of 4 letters and digits. Spaces, dashes and capitals do not matter."
          error={problems.recoveryKey ?? null}
        >
          {(a11y) => (
            <input
              {...a11y}
              ref={keyRef}
              className="recovery-key-input"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              autoFocus
              readOnly={busy}
              onInput={() => changed('recoveryKey')}
            />
          )}
        </Field>
        <NewPasswordFields
          newPassword={newPassword}
          id="recover-password"
          label="New master password"
          confirmId="recover-confirm"
          confirmLabel="Confirm new master password"
          advice="A few unrelated words make a strong one."
          problems={problems}
          busy={busy}
          onEdit={changed}
        />
        <FormAlert message={problems.form ?? null} details={problems.details} />
        <AuthSubmit
          busy={busy}
          label="Set password and unlock"
          busyLabel="Unlocking…"
          busyNote="Opening the vault with your recovery key and setting the new password…"
        />
        <button type="button" className="button button-ghost button-block" onClick={onBack} disabled={busy}>
          Back
        </button>
      </form>
    </AuthLayout>
  );
}
