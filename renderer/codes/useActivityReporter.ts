// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tells main the user is using the window (a key press or a pointer press), so the idle lock
 * counts time in Tessera as activity. At most one message per 15 seconds, whatever the typing rate.
 */
import { useEffect } from 'react';
import { api } from '../api';

/** The longest the idle clock in main can lag behind the real last activity. */
export const ACTIVITY_REPORT_INTERVAL_MS = 15_000;

export function useActivityReporter(): void {
  useEffect(() => {
    let last = Number.NEGATIVE_INFINITY;
    const report = (): void => {
      const now = Date.now();
      if (now - last < ACTIVITY_REPORT_INTERVAL_MS) return;
      last = now;
      void api().app.reportActivity();
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', report, options);
    window.addEventListener('pointerdown', report, options);
    return () => {
      window.removeEventListener('keydown', report, options);
      window.removeEventListener('pointerdown', report, options);
    };
  }, []);
}
