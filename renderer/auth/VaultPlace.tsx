// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The first run's "Where to keep it" line: the folder the new vault goes in (the app's data folder
 * unless another was chosen) and "Choose folder…", main's folder dialog. A folder that already
 * holds a vault (synchronised from another computer) makes main use that one: the unlock screen
 * follows. Small and optional: most people keep the default.
 */
import { useState } from 'react';
import type { IpcError, VaultLocationView } from '../../electron/domain';
import { api } from '../api';
import { FormAlert } from '../shared/FormAlert';

export interface VaultPlaceProps {
  /** null until main answers. */
  readonly location: VaultLocationView | null;
  readonly onLocation: (location: VaultLocationView) => void;
  /** The vault is being created: no choosing then. */
  readonly busy: boolean;
}

export function VaultPlace({ location, onLocation, busy }: VaultPlaceProps) {
  const [choosing, setChoosing] = useState(false);
  const [problem, setProblem] = useState<IpcError | null>(null);
  if (location === null || !location.movable) return null;

  async function choose(): Promise<void> {
    setChoosing(true);
    setProblem(null);
    const result = await api().vault.chooseFolder();
    setChoosing(false);
    if (result.ok) onLocation(result.value);
    else setProblem(result.error);
  }

  return (
    <div className="vault-place" role="group" aria-labelledby="vault-place-label">
      <p className="vault-path">
        <span id="vault-place-label">Where to keep it:</span> <code>{location.folder}</code>{' '}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void choose()}
          disabled={busy || choosing}
        >
          Choose folder…
        </button>
      </p>
      <p className="field-hint">
        A folder that Syncthing, Nextcloud, Dropbox, OneDrive or iCloud Drive synchronises lets your other computers use
        this vault too.
      </p>
      <FormAlert message={problem?.message ?? null} details={problem?.details} />
    </div>
  );
}
