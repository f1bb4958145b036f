// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Asks main for the clock status once and follows `clock:changed`; runs for the app's whole life,
 * so the codes' time (renderer/clock/app-clock.ts) is right before the first code arrives.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { useClockStore } from './clock-store';

export function useClockStatus(): void {
  useEffect(() => {
    let pushed = false;
    let live = true;
    const { setStatus } = useClockStore.getState();
    const unsubscribe = api().clock.onChanged((status) => {
      pushed = true;
      setStatus(status);
    });
    void api()
      .clock.status()
      .then((result) => {
        // A push that arrived meanwhile is newer than this answer; a failure leaves the computer's clock.
        if (live && !pushed && result.ok) setStatus(result.value);
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
}
