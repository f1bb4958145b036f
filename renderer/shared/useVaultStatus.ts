// SPDX-License-Identifier: GPL-3.0-or-later
/** Asks main for the vault status once and follows `vault:status-changed` from then on. */
import { useEffect } from 'react';
import { api } from '../api';
import { useVaultStore } from './vault-store';

export function useVaultStatus(): void {
  useEffect(() => {
    const { setStatus, setLoadError } = useVaultStore.getState();
    let pushed = false;
    let live = true;
    const unsubscribe = api().vault.onStatusChanged((status) => {
      pushed = true;
      setStatus(status);
    });
    void api()
      .vault.status()
      .then((result) => {
        // A push that arrived meanwhile is newer than this answer.
        if (!live || pushed) return;
        if (result.ok) setStatus(result.value);
        else setLoadError(result.error);
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
}
