// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the vault file is, as main says (`vault.location`): asked again whenever the path in the
 * vault's status changes (a move, or a folder chosen in the first run), so Settings › Vault file
 * and the first run always show the file the app uses.
 */
import { useEffect, useState } from 'react';
import type { IpcError, VaultLocationView } from '../../electron/domain';
import { api } from '../api';
import { useVaultStore } from './vault-store';

export interface VaultLocationState {
  /** null until main answers. */
  readonly location: VaultLocationView | null;
  readonly error: IpcError | null;
  /** Main answered a location request (a move, a choice): show that at once. */
  readonly setLocation: (location: VaultLocationView) => void;
  /** Asks main again (after "Try again"). */
  readonly reload: () => void;
}

export function useVaultLocation(): VaultLocationState {
  const vaultPath = useVaultStore((s) => s.status?.path ?? null);
  const [location, setLocation] = useState<VaultLocationView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [asked, setAsked] = useState(0);

  useEffect(() => {
    let live = true;
    void api()
      .vault.location()
      .then((result) => {
        if (!live) return;
        if (result.ok) {
          setLocation(result.value);
          setError(null);
        } else setError(result.error);
      });
    return () => {
      live = false;
    };
  }, [vaultPath, asked]);

  return { location, error, setLocation, reload: () => setAsked((n) => n + 1) };
}
