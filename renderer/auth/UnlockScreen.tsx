// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Unlock: the password goes to main once, the field is emptied at once and refocused on failure.
 * With quick unlock set up on this computer, its way comes first: the PIN (PinUnlockForm, with "Use
 * the master password instead" and back), or "Unlock with Touch ID" above the password form. When
 * quick unlock stopped (too many wrong PINs, expired…), main's sentence saying so stands above the
 * password form, until the vault is opened once. "Forgot your password?" leads to the recovery key (RecoverScreen), and its Back
 * here again.
 */
import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import type { IpcError, LockReason, QuickUnlockMethod } from '../../electron/domain';
import { api } from '../api';
import { LockIcon } from '../shared/Icons';
import { MasterPasswordField } from '../shared/MasterPasswordField';
import { refreshQuickUnlock, useQuickUnlockStore } from '../shared/quick-unlock-store';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { AuthSubmit } from './AuthSubmit';
import { VaultPath } from './VaultPath';
import { lockReasonText } from './lock-reason';
import { PinUnlockForm } from './PinUnlockForm';
import { RecoverScreen } from './RecoverScreen';
import { TouchIdUnlock } from './TouchIdUnlock';

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
  return <UnlockChoice {...props} onForgot={() => setRecovering(true)} />;
}

/** How the screen asks: not yet known (main has not said whether quick unlock is on), the PIN, or the password. */
type Way = 'waiting' | 'pin' | 'password';

/** The sentence under the title when no lock reason is shown. */
function leadText(way: Way, method: QuickUnlockMethod | null): string {
  if (way === 'pin') return 'Enter your PIN to see your codes.';
  if (method === 'touch-id') return 'Use Touch ID or your master password to see your codes.';
  return 'Enter your master password to see your codes.';
}

function UnlockChoice({
  path,
  lastLockReason,
  cancelledDeletions = 0,
  onForgot,
}: UnlockScreenProps & { readonly onForgot: () => void }) {
  const quick = useQuickUnlockStore((s) => s.status);
  const quickUnknown = useQuickUnlockStore((s) => s.status === null && s.loadError === null);
  /** The person chose the master password over the PIN. */
  const [preferPassword, setPreferPassword] = useState(false);
  /** Main is opening the vault (by any way): the other ways wait. */
  const [busy, setBusy] = useState(false);
  /** The field shown: the PIN or the master password. */
  const fieldRef = useRef<HTMLInputElement>(null);
  // The global shortcut shows the window: the field is where typing should go.
  useEffect(() => api().app.onFocusSearch(() => fieldRef.current?.focus()), []);
  // Main pushes changes, but an expiry is read when asked: ask each time the screen opens.
  useEffect(() => void refreshQuickUnlock(), []);

  const method = quick?.enabled ? quick.method : null;
  const way: Way = quickUnknown ? 'waiting' : method === 'pin' && !preferPassword ? 'pin' : 'password';
  const lapseSaid = useQuickUnlockStore((s) => s.lapseSaid);
  const lapsed = quick !== null && !quick.enabled && quick.lapsedReason !== lapseSaid ? quick.lapsedReason : null;
  // Said once: when the vault opens after it was said, later unlock screens no longer say it.
  const shownLapse = useRef<string | null>(null);
  const saying = way === 'password' ? lapsed : null;
  useEffect(() => {
    shownLapse.current = saying;
  }, [saying]);
  useEffect(
    () => () => {
      const said = shownLapse.current;
      if (said !== null && useVaultStore.getState().status?.status === 'unlocked') {
        useQuickUnlockStore.getState().lapseWasSaid(said);
      }
    },
    [],
  );

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
        ) : way === 'waiting' ? null : (
          <p>{leadText(way, method)}</p>
        )
      }
      footer={<VaultPath path={path} />}
    >
      {lapsed && way === 'password' ? (
        <p className="lock-note quick-lapsed" role="status">
          {lapsed}
        </p>
      ) : null}
      {way === 'pin' ? (
        <PinUnlockForm inputRef={fieldRef} attemptsLeft={quick?.attemptsLeft ?? null} busy={busy} setBusy={setBusy} />
      ) : null}
      {way === 'password' && method === 'touch-id' ? <TouchIdUnlock busy={busy} setBusy={setBusy} /> : null}
      {way === 'password' ? <PasswordForm inputRef={fieldRef} busy={busy} setBusy={setBusy} /> : null}
      {method === 'pin' ? (
        <button
          type="button"
          className="button button-ghost auth-switch"
          onClick={() => setPreferPassword(way === 'pin')}
          disabled={busy}
        >
          {way === 'pin' ? 'Use the master password instead' : 'Use your PIN instead'}
        </button>
      ) : null}
      <button type="button" className="button button-ghost auth-forgot" onClick={onForgot} disabled={busy}>
        Forgot your password?
      </button>
    </AuthLayout>
  );
}

interface PasswordFormProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly busy: boolean;
  readonly setBusy: (busy: boolean) => void;
}

function PasswordForm({ inputRef, busy, setBusy }: PasswordFormProps) {
  const [error, setError] = useState<string | null>(null);
  /** This form is the one main is working on (not Touch ID). */
  const [working, setWorking] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = inputRef.current;
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
    setWorking(true);
    const result = await api().vault.unlock(password);
    setWorking(false);
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
    <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <MasterPasswordField id="unlock-password" label="Master password" error={error} inputRef={inputRef} busy={busy} />
      <AuthSubmit busy={working} label="Unlock" busyLabel="Unlocking…" busyNote="Unlocking…" />
    </form>
  );
}
