// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Asks main for the settings once and follows `settings:changed`; runs for the app's whole life. A
 * failure keeps the defaults.
 */
import { useEffect } from 'react';
import { api } from '../api';
import { followMain } from '../shared/follow-main';
import { useSettingsStore } from './settings-store';

export function useSettings(): void {
  useEffect(
    () =>
      followMain({
        subscribe: (listener) => api().settings.onChanged(listener),
        ask: () => api().settings.get(),
        onValue: useSettingsStore.getState().setView,
      }),
    [],
  );
}
