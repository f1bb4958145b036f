// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Changes settings from the settings dialog: each change shows at once, is sent to main and saved
 * there; a refusal puts the old value back and is kept per setting, next to its control.
 */
import { useCallback, useState } from 'react';
import type { Settings, SettingsPatch } from '../../electron/domain';
import { api } from '../api';
import { useSettingsStore } from './settings-store';

export type SettingErrors = Partial<Record<keyof Settings, string>>;

export function useSettingsUpdate(): {
  readonly errors: SettingErrors;
  update: (patch: SettingsPatch) => Promise<boolean>;
} {
  const [errors, setErrors] = useState<SettingErrors>({});
  const update = useCallback(async (patch: SettingsPatch): Promise<boolean> => {
    const keys = Object.keys(patch) as (keyof Settings)[];
    // Shown at once (a checkbox must not flick back while main saves); main's answer follows.
    const before = useSettingsStore.getState().view;
    if (before) useSettingsStore.getState().setView({ ...before, settings: { ...before.settings, ...patch } });
    const result = await api().settings.update(patch);
    if (!result.ok && before) useSettingsStore.getState().setView(before);
    setErrors((current) => {
      const next = { ...current };
      for (const key of keys) {
        if (result.ok) delete next[key];
        else next[key] = result.error.message;
      }
      return next;
    });
    if (result.ok) useSettingsStore.getState().setView(result.value);
    return result.ok;
  }, []);
  return { errors, update };
}
