// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Asks main for the clock status once and follows `clock:changed`; runs for the app's whole life,
 * so the codes' time (renderer/clock/app-clock.ts) is right before the first code arrives. A failure
 * leaves the computer's clock.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { followMain } from '../shared/follow-main';
import { useClockStore } from './clock-store';

export function useClockStatus(): void {
  useEffect(
    () =>
      followMain({
        subscribe: (listener) => api().clock.onChanged(listener),
        ask: () => api().clock.status(),
        onValue: useClockStore.getState().setStatus,
      }),
    [],
  );
}
