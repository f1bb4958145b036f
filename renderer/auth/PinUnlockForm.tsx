// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Unlock with the quick-unlock PIN: one field and "Unlock" (Enter submits). Like the master
 * password, the PIN goes to main once and the field is emptied at once. After a refusal main is
 * asked again how many tries are left, and the refusal says it; when none are left quick unlock is
 * off, and the unlock screen switches to the master password and says why.
 */
import { type FormEvent, type RefObject, useState } from 'react';
import type { IpcError } from '../../electron/domain';
import { api } from '../api';
import { isPinShaped, QUICK_UNLOCK_LIMITS } from '../shared/domain-values';
import { Field } from '../shared/Field';
import { refreshQuickUnlock } from '../shared/quick-unlock-store';
import { attemptsLeftText, PIN_SHAPE_TEXT } from '../shared/quick-unlock-words';
import { useVaultStore } from '../shared/vault-store';
import { AuthSubmit } from './AuthSubmit';

export interface PinUnlockFormProps {
  readonly inputRef: RefObject<HTMLInputElement | null>;
  /** Wrong PINs left, as main last said; null when it did not say. */
  readonly attemptsLeft: number | null;
  readonly busy: boolean;
  readonly setBusy: (busy: boolean) => void;
}

/**
 * main's refusal in its own words, and the tries left as main's status counts them, unless main's
 * words already give that number.
 */
export function pinErrorText(error: IpcError, attemptsLeft: number | null): string {
  if (attemptsLeft === null || error.message.includes(String(attemptsLeft))) return error.message;
  return `${error.message} ${attemptsLeftText(attemptsLeft)}`;
}

export function PinUnlockForm({ inputRef, attemptsLeft, busy, setBusy }: PinUnlockFormProps) {
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = inputRef.current;
    if (busy || !input) return;
    const pin = input.value;
    if (pin === '' || !isPinShaped(pin)) {
      // Not worth a try: a PIN of another shape cannot be the one set up.
      setError(pin === '' ? 'Type your PIN.' : PIN_SHAPE_TEXT);
      input.focus();
      input.select();
      return;
    }
    input.value = '';
    setError(null);
    setBusy(true);
    const result = await api().quickUnlock.unlock(pin);
    if (result.ok) {
      setBusy(false);
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    // Tries left, or quick unlock switched off (then this form goes and the screen says why).
    const now = await refreshQuickUnlock();
    setBusy(false);
    if (now !== null && !now.enabled) return;
    setError(pinErrorText(result.error, now?.attemptsLeft ?? null));
    input.focus();
  }

  const earlierFailures =
    error === null && attemptsLeft !== null && attemptsLeft < QUICK_UNLOCK_LIMITS.maxFailures
      ? attemptsLeftText(attemptsLeft)
      : undefined;

  return (
    <form className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      <Field id="unlock-pin" label="PIN" error={error} {...(earlierFailures ? { hint: earlierFailures } : {})}>
        {(a11y) => (
          <input
            {...a11y}
            ref={inputRef}
            type="password"
            autoComplete="off"
            spellCheck={false}
            maxLength={QUICK_UNLOCK_LIMITS.pinMaxLength}
            autoFocus
            readOnly={busy}
          />
        )}
      </Field>
      <AuthSubmit busy={busy} label="Unlock" busyLabel="Unlocking…" busyNote="Unlocking…" />
    </form>
  );
}
