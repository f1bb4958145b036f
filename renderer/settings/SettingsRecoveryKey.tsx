// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings › Recovery key: whether the vault has one, what it is for, and the buttons to make one
 * (or a new one, which makes the old one useless) and to remove it. Both ask for the master
 * password first (MasterPasswordCheck, as exports do). A key main made is shown by the settings'
 * owner in a dialog of its own (RecoveryKeyDialog), which takes the settings' place.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import { api } from '../api';
import { refreshVaultStatus } from '../recovery/recovery-actions';
import { MasterPasswordCheck } from '../shared/MasterPasswordCheck';
import { showToast } from '../shared/toast-store';
import { useVaultStore } from '../shared/vault-store';
import { SettingsSection } from './SettingsSection';

/** What the section says about recovery keys, whether or not the vault has one. */
export const RECOVERY_KEY_ABOUT =
  'If you forget your master password, a recovery key is the only way back in. Keep it on paper, away from this computer.';

export interface SettingsRecoveryKeyProps {
  /** Main made a key: show it. */
  readonly onShowKey: (recoveryKey: string) => void;
  /** "Make a (new) recovery key…", so the settings can focus it again when the key's dialog closes. */
  readonly makeButton: RefObject<HTMLButtonElement | null>;
}

type Form = 'make' | 'remove';

export function SettingsRecoveryKey({ onShowKey, makeButton }: SettingsRecoveryKeyProps) {
  const status = useVaultStore((s) => s.status);
  const [form, setForm] = useState<Form | null>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  /** The button whose form just closed: the focus goes back to it (or to "Make…" when it went away). */
  const returnTo = useRef<Form | null>(null);

  useEffect(() => {
    if (form !== null || returnTo.current === null) return;
    const back = returnTo.current === 'remove' ? (removeButton.current ?? makeButton.current) : makeButton.current;
    returnTo.current = null;
    back?.focus();
  }, [form, makeButton]);

  if (status?.status !== 'unlocked') return null;
  const hasKey = status.recoveryKey;

  function close(): void {
    returnTo.current = form;
    setForm(null);
  }

  return (
    <SettingsSection section="recovery">
      <p className="recovery-state" role="status">
        <strong>{hasKey ? 'This vault has a recovery key.' : 'This vault has no recovery key.'}</strong>
      </p>
      <p className="field-hint">{RECOVERY_KEY_ABOUT}</p>
      {form === 'make' ? (
        <MasterPasswordCheck
          id="recovery-make-master"
          note={
            hasKey ? (
              <div className="callout callout-warning" role="note">
                The recovery key you have now stops working as soon as the new one is made.
              </div>
            ) : null
          }
          prompt="Enter your master password to make a recovery key."
          submit={hasKey ? 'Make new recovery key' : 'Make recovery key'}
          busySubmit="Making…"
          busyNote="Making the recovery key…"
          leave={{ label: 'Cancel', onClick: close }}
          check={async (password) => {
            const result = await api().vault.createRecoveryKey(password);
            if (!result.ok) return result.error;
            returnTo.current = null;
            setForm(null);
            onShowKey(result.value.recoveryKey);
            void refreshVaultStatus();
            return null;
          }}
        />
      ) : form === 'remove' ? (
        <MasterPasswordCheck
          id="recovery-remove-master"
          note={
            <div className="callout callout-warning" role="note">
              Without a recovery key, only your master password opens this vault: if you forget it, your accounts are
              lost. The recovery key you wrote down stops working.
            </div>
          }
          prompt="Enter your master password to remove the recovery key."
          submit="Remove recovery key"
          busySubmit="Removing…"
          busyNote="Removing the recovery key…"
          tone="danger"
          leave={{ label: 'Cancel', onClick: close }}
          check={async (password) => {
            const result = await api().vault.removeRecoveryKey(password);
            if (!result.ok) return result.error;
            useVaultStore.getState().setStatus(result.value);
            showToast('Recovery key removed. Only your master password opens this vault now.');
            close();
            return null;
          }}
        />
      ) : (
        <>
          <div className="settings-actions">
            <button ref={makeButton} type="button" className="button button-secondary" onClick={() => setForm('make')}>
              {hasKey ? 'Make a new recovery key…' : 'Make a recovery key…'}
            </button>
            {hasKey ? (
              <button
                ref={removeButton}
                type="button"
                className="button button-secondary"
                onClick={() => setForm('remove')}
              >
                Remove recovery key…
              </button>
            ) : null}
          </div>
          {hasKey ? (
            <p className="field-hint">A new key replaces this one: the key you have now stops working.</p>
          ) : null}
        </>
      )}
    </SettingsSection>
  );
}
