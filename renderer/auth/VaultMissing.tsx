// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The first run when this computer's record of where the vault is cannot be followed: it names a
 * file that is not there now (a drive not connected, a sync folder not yet synchronised), or it is
 * damaged. Creating a new vault here could fork the user's accounts, so that is offered last, after
 * "Try again" (once the drive is connected) and "Choose vault file…" (main's open dialog).
 */
import { useState } from 'react';
import type { IpcError, VaultLocationView } from '../../electron/domain';
import { api } from '../api';
import { Details } from '../shared/Details';
import { FormAlert } from '../shared/FormAlert';
import { AlertIcon } from '../shared/Icons';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';
import { VaultPath } from './VaultPath';

export interface VaultMissingProps {
  readonly location: VaultLocationView;
  readonly onLocation: (location: VaultLocationView) => void;
  /** Asks main again where the vault is. */
  readonly onRetry: () => void;
  /** The user wants a new vault all the same. */
  readonly onCreate: () => void;
}

export function VaultMissing({ location, onLocation, onRetry, onCreate }: VaultMissingProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<IpcError | null>(null);
  const notice = location.problem;

  /** The file may be back: the status says so (the unlock screen follows), and where it is. */
  async function retry(): Promise<void> {
    setBusy(true);
    const result = await api().vault.status();
    setBusy(false);
    if (result.ok) useVaultStore.getState().setStatus(result.value);
    else setProblem(result.error);
    onRetry();
  }

  async function chooseFile(): Promise<void> {
    setBusy(true);
    setProblem(null);
    const result = await api().vault.chooseFile();
    setBusy(false);
    if (result.ok) onLocation(result.value);
    else setProblem(result.error);
  }

  return (
    <AuthLayout title="Where is your vault?" footer={<VaultPath path={location.path} />}>
      <div className="callout callout-warning" role="alert">
        <AlertIcon />
        <p>
          {notice?.message}
          <Details text={notice?.details} />
        </p>
      </div>
      <FormAlert message={problem?.message ?? null} details={problem?.details} />
      <div className="form-actions">
        <button type="button" className="button button-primary" onClick={() => void retry()} disabled={busy}>
          Try again
        </button>
        <button type="button" className="button button-secondary" onClick={() => void chooseFile()} disabled={busy}>
          Choose vault file…
        </button>
        <button type="button" className="button button-secondary" onClick={onCreate} disabled={busy}>
          Create a new vault here
        </button>
      </div>
    </AuthLayout>
  );
}
