// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The first run's last steps, once the vault is open: "Keep a way back in" offers a recovery key
 * (skippable; Settings offers it later too), made with the master password just chosen, then shows
 * it (RecoveryKeyView) until its copy is checked or the user says it was kept. The window counts as
 * in use meanwhile, so the idle lock does not end the step while a key is being written down.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../api';
import { useActivityReporter } from '../codes/useActivityReporter';
import { refreshVaultStatus } from '../recovery/recovery-actions';
import { RecoveryKeyView } from '../recovery/RecoveryKeyView';
import { useShownRecoveryKey } from '../recovery/useShownRecoveryKey';
import { BusyNote } from '../shared/BusyNote';
import { FormAlert } from '../shared/FormAlert';
import { AuthLayout } from './AuthLayout';
import { VaultPath } from './VaultPath';

export interface RecoveryOfferProps {
  readonly path: string;
  /** The master password just chosen; read once, to make the key. */
  readonly password: RefObject<string | null>;
  readonly onMade: (recoveryKey: string) => void;
  readonly onSkip: () => void;
}

export function RecoveryOffer({ path, password, onMade, onSkip }: RecoveryOfferProps) {
  useActivityReporter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function make(): Promise<void> {
    const chosen = password.current;
    if (busy) return;
    if (chosen === null) return onSkip();
    setError(null);
    setBusy(true);
    const result = await api().vault.createRecoveryKey(chosen);
    setBusy(false);
    if (!result.ok) return setError(result.error.message);
    onMade(result.value.recoveryKey);
    void refreshVaultStatus();
  }

  return (
    <AuthLayout title="Keep a way back in" lead={<p>Your vault is ready.</p>} footer={<VaultPath path={path} />}>
      <div className="auth-form" aria-busy={busy}>
        <p>
          If you ever forget your master password, a recovery key is the only way back in: 36 letters and digits to
          write on paper and keep away from this computer.
        </p>
        <p className="field-hint">You can also make one later, in Settings.</p>
        <FormAlert message={error} />
        {busy ? <BusyNote label="Making your recovery key…" /> : null}
        <button
          type="button"
          className="button button-primary button-block"
          aria-disabled={busy}
          autoFocus
          onClick={() => void make()}
        >
          {busy ? 'Making…' : 'Make a recovery key'}
        </button>
        <button type="button" className="button button-ghost button-block" disabled={busy} onClick={onSkip}>
          Not now
        </button>
      </div>
    </AuthLayout>
  );
}

export interface FirstRunKeyProps {
  readonly path: string;
  readonly recoveryKey: string;
  /** The key is no longer shown (main was told to forget it): on to the codes. */
  readonly onDone: () => void;
}

export function FirstRunKey({ path, recoveryKey, onDone }: FirstRunKeyProps) {
  useActivityReporter();
  const shown = useShownRecoveryKey(recoveryKey, onDone);
  const keyRef = useRef<HTMLOListElement>(null);
  // The focus starts on the key, so a screen reader reads it first.
  useEffect(() => keyRef.current?.focus(), []);
  return (
    <AuthLayout title="Your recovery key" footer={<VaultPath path={path} />}>
      <RecoveryKeyView
        recoveryKey={recoveryKey}
        shown={shown}
        vaultPath={path}
        keyRef={keyRef}
        leaveLabel="Continue without checking"
      />
    </AuthLayout>
  );
}
