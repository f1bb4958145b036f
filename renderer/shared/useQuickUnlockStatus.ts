// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Asks main for the quick-unlock status once and follows `quick-unlock:changed`; runs for the app's
 * whole life, so the unlock screen knows at once whether to offer the PIN or Touch ID.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { followMain } from './follow-main';
import { useQuickUnlockStore } from './quick-unlock-store';

export function useQuickUnlockStatus(): void {
  useEffect(() => {
    const { setStatus, setLoadError } = useQuickUnlockStore.getState();
    return followMain({
      subscribe: (listener) => api().quickUnlock.onChanged(listener),
      ask: () => api().quickUnlock.status(),
      onValue: setStatus,
      onError: setLoadError,
    });
  }, []);
}
