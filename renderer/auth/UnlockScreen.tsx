// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Unlock: the password goes to main once, the field is emptied at once and refocused on failure.
 * "Forgot your password?" leads to the recovery key (RecoverScreen), and its Back here again.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { IpcError, LockReason } from '../../electron/domain';
import { api } from '../api';
import { LockIcon } from '../shared/Icons';
import { MasterPasswordField } from '../shared/MasterPasswordField';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { AuthSubmit } from './AuthSubmit';
import { VaultPath } from './VaultPath';
import { lockReasonText } from './lock-reason';
import { RecoverScreen } from './RecoverScreen';

export interface UnlockScreenProps {
  readonly path: string;
  readonly lastLockReason: LockReason | null;
  /** Deletions the lock cancelled (their accounts were kept). */
  readonly cancelledDeletions?: number;
}

/** Says that accounts being deleted were kept because the vault locked first. */
export function cancelledDeletionsText(count: number): string {
  const what = count === 1 ? 'An account you were deleting was' : `${count} accounts you were deleting were`;
  return `${what} kept, because Tessera locked before the deletion could no longer be undone. Delete again if you meant to.`;
}

/** What to say for an unlock failure; the integrity failure gets the one sentence users need. */
export function unlockErrorText(error: IpcError): string {
  if (error.code === 'wrong-password-or-tampered') {
    return 'That password did not open the vault. Check it (and Caps Lock) and try again.';
  }
  return error.message;
}

export function UnlockScreen(props: UnlockScreenProps) {
  const [recovering, setRecovering] = useState(false);
  if (recovering) return <RecoverScreen path={props.path} onBack={() => setRecovering(false)} />;
  return <PasswordScreen {...props} onForgot={() => setRecovering(true)} />;
}

function PasswordScreen({
  path,
  lastLockReason,
  cancelledDeletions = 0,
  onForgot,
}: UnlockScreenProps & { readonly onForgot: () => void }) {
  const passwordRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The global shortcut shows the window: the password field is where typing should go.
  useEffect(() => api().app.onFocusSearch(() => passwordRef.current?.focus()), []);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = passwordRef.current;
    if (busy || !input) return;
    if (input.value === '') {
      setError('Type your master password.');
      input.focus();
      return;
    }
    const password = input.value;
    input.value = '';
    setError(null);
    setBusy(true);
    const result = await api().vault.unlock(password);
    setBusy(false);
    if (result.ok) {
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    setError(unlockErrorText(result.error));
    // The field stayed focused (read-only, not disabled, while busy), so typing again just works.
    input.focus();
  }

  return (
    <AuthLayout
      title="Unlock Tessera"
      lead={
        lastLockReason ? (
          <>
            <p className="lock-reason">
              <LockIcon />
              <span>{lockReasonText(lastLockReason)}</span>
            </p>
            {cancelledDeletions > 0 ? <p className="lock-note">{cancelledDeletionsText(cancelledDeletions)}</p> : null}
          </>
        ) : (
          <p>Enter your master password to see your codes.</p>
        )
      }
      footer={<VaultPath path={path} />}
    >
      <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <MasterPasswordField
          id="unlock-password"
          label="Master password"
          error={error}
          inputRef={passwordRef}
          busy={busy}
        />
        <AuthSubmit busy={busy} label="Unlock" busyLabel="Unlocking…" busyNote="Unlocking…" />
      </form>
      <button type="button" className="button button-ghost auth-forgot" onClick={onForgot} disabled={busy}>
        Forgot your password?
      </button>
    </AuthLayout>
  );
}
