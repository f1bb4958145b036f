// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * "Unlock with Touch ID", above the master password form: main asks macOS to confirm it is you and
 * opens the vault. A refusal (cancelled, not recognised) is said in main's words; the master
 * password form stays right below.
 */
import { useState } from 'react';
import { api } from '../api';
import { BusyNote } from '../shared/BusyNote';
import { FormAlert } from '../shared/FormAlert';
import { refreshQuickUnlock } from '../shared/quick-unlock-store';
import { useVaultStore } from '../shared/vault-store';

export interface TouchIdUnlockProps {
  readonly busy: boolean;
  readonly setBusy: (busy: boolean) => void;
}

export function TouchIdUnlock({ busy, setBusy }: TouchIdUnlockProps) {
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  async function unlock(): Promise<void> {
    if (busy) return;
    setError(null);
    setBusy(true);
    setAsking(true);
    const result = await api().quickUnlock.unlock(null);
    if (result.ok) {
      setAsking(false);
      setBusy(false);
      useVaultStore.getState().setStatus(result.value);
      return;
    }
    await refreshQuickUnlock();
    setAsking(false);
    setBusy(false);
    setError(result.error.message);
  }

  return (
    <div className="auth-quick">
      {asking ? <BusyNote label="Waiting for Touch ID…" /> : null}
      {/* aria-disabled, not disabled: the focus stays on the button while macOS asks. */}
      <button
        type="button"
        className="button button-primary button-block"
        aria-disabled={busy}
        onClick={() => void unlock()}
      >
        Unlock with Touch ID
      </button>
      <FormAlert message={error} />
    </div>
  );
}
