// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One timer for the whole list, aimed at the next `validUntil`: there each expired code gives way
 * to the next code main sent with it (rollover.ts). A code that expired without a next
 * code (a push was missed) makes one `codes.current()` request, never a loop.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { appNow } from '../clock/app-clock';
import { useClockStore } from '../clock/clock-store';
import { isVaultUnlocked } from '../shared/vault-store';
import { useCodesStore } from './codes-store';
import { nextRollAt, staleCodes } from './rollover';

/** Fire a hair after the boundary, so the new period has begun. */
const SLACK_MS = 5;

export function useCodeRollover(): void {
  useEffect(() => {
    let timer: number | null = null;
    /** `id@validUntil` of stale codes already asked about. */
    const asked = new Set<string>();

    function refresh(): void {
      void api()
        .codes.current()
        .then((result) => {
          if (result.ok && isVaultUnlocked()) useCodesStore.getState().replace(result.value);
        });
    }

    function roll(): void {
      timer = null;
      const now = appNow();
      const { list, timing } = useCodesStore.getState();
      // Walk every code only when some window did run out (a push was missed).
      const stale = staleCodes(timing, now).length > 0 ? staleCodes(list, now) : [];
      // Moving the rollover time re-arms the timer through the subscription below.
      useCodesStore.getState().roll(now);
      const fresh = stale.filter((c) => !asked.has(`${c.id}@${c.validUntil}`));
      for (const c of fresh) asked.add(`${c.id}@${c.validUntil}`);
      if (fresh.length > 0) {
        useCodesStore.getState().markExpired(fresh.map((c) => c.id));
        refresh();
      }
    }

    function schedule(): void {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      const now = appNow();
      const { timing, rolledAt } = useCodesStore.getState();
      const at = nextRollAt(timing, rolledAt, now);
      if (at !== null) timer = window.setTimeout(roll, at - now + SLACK_MS);
    }

    schedule();
    const unsubscribe = useCodesStore.subscribe((state, previous) => {
      if (state.timing !== previous.timing || state.rolledAt !== previous.rolledAt) schedule();
    });
    // The codes' time moved (the corrected time was chosen or dropped): the same moment is elsewhere.
    const unsubscribeClock = useClockStore.subscribe((state, previous) => {
      if (state.status?.correction?.offsetMs !== previous.status?.correction?.offsetMs) schedule();
    });
    return () => {
      unsubscribe();
      unsubscribeClock();
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);
}
