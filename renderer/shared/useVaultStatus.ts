// SPDX-License-Identifier: GPL-3.0-or-later
/** Asks main for the vault status once and follows `vault:status-changed` from then on. */
import { useEffect } from 'react';
import { api } from '../api';
import { followMain } from './follow-main';
import { useVaultStore } from './vault-store';

export function useVaultStatus(): void {
  useEffect(() => {
    const { setStatus, setLoadError } = useVaultStore.getState();
    return followMain({
      subscribe: (listener) => api().vault.onStatusChanged(listener),
      ask: () => api().vault.status(),
      onValue: setStatus,
      onError: setLoadError,
    });
  }, []);
}
