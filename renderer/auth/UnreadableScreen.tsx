// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault file exists but cannot be opened (corrupt, or written by a newer Tessera). Main never
 * overwrites such a file: this screen explains, can re-check, and can open the previous generation
 * (main keeps the damaged file aside, so nothing is lost either way).
 */
import { useState } from 'react';
import type { VaultStatus } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';
import { AlertIcon } from '../shared/Icons';
import { useVaultStore } from '../shared/vault-store';
import { AuthLayout } from './AuthLayout';

type Unreadable = Extract<VaultStatus, { status: 'unreadable' }>;

function advice(status: Unreadable): string {
  if (status.error.code === 'unsupported-version') {
    return 'It was probably written by a newer version of Tessera. Install the latest version to open it.';
  }
  return 'Restore the file from a backup, or move it aside and try again.';
}

export function UnreadableScreen({ status }: { status: Unreadable }) {
  const [checking, setChecking] = useState(false);
  const [checkError, setCheckError] = useState<string | null>(null);

  /** Asks main to open the previous generation or to look again; its answer is the new status. */
  async function ask(request: () => Promise<Result<VaultStatus>>): Promise<void> {
    setChecking(true);
    const result = await request();
    setChecking(false);
    if (result.ok) useVaultStore.getState().setStatus(result.value);
    else setCheckError(result.error.message);
  }

  return (
    <AuthLayout title="Tessera can’t open your vault">
      <div className="callout callout-danger" role="alert">
        <AlertIcon />
        <p>{status.error.message}</p>
      </div>
      <dl className="facts">
        <dt>Vault file</dt>
        <dd>
          <code>{status.path}</code>
        </dd>
      </dl>
      <p>
        <strong>The file has been left untouched.</strong> Tessera will not write to it or replace it. {advice(status)}
      </p>
      {status.previousGenerationAvailable ? (
        <p>
          A previous generation of the vault, saved before the last change, is kept beside it. Opening it keeps the
          damaged file aside (renamed, not deleted); the previous generation may lack your most recent change.
        </p>
      ) : null}
      <FormAlert message={checkError} />
      <div className="form-actions">
        {status.previousGenerationAvailable && status.error.code !== 'unsupported-version' ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void ask(() => api().vault.usePrevious())}
            disabled={checking}
          >
            Open the previous version
          </button>
        ) : null}
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void ask(() => api().vault.status())}
          disabled={checking}
        >
          {checking ? 'Checking…' : 'Check again'}
        </button>
      </div>
    </AuthLayout>
  );
}
