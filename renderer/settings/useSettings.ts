// SPDX-License-Identifier: GPL-3.0-or-later
/** Asks main for the settings once and follows `settings:changed`; runs for the app's whole life. */
import { useEffect } from 'react';
import { api } from '../api';
import { useSettingsStore } from './settings-store';

export function useSettings(): void {
  useEffect(() => {
    let pushed = false;
    let live = true;
    const { setView } = useSettingsStore.getState();
    const unsubscribe = api().settings.onChanged((view) => {
      pushed = true;
      setView(view);
    });
    void api()
      .settings.get()
      .then((result) => {
        // A push that arrived meanwhile is newer than this answer; a failure keeps the defaults.
        if (live && !pushed && result.ok) setView(result.value);
      });
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
}
