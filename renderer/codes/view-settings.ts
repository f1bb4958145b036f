// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes list's own settings, changed from the codes screen (the order, the compact view): shown
 * at once, saved by main in this computer's settings.json (never the vault). A refusal puts the old
 * value back and says so in the toast, as the settings dialog does beside its controls.
 */
import type { SettingsPatch } from '../../electron/domain';
import { api } from '../api';
import { useSettingsStore } from '../settings/settings-store';
import { showToast } from '../shared/toast-store';

/** Changes view settings; answers whether main saved them. */
export async function changeViewSettings(patch: SettingsPatch): Promise<boolean> {
  const before = useSettingsStore.getState().view;
  if (before) useSettingsStore.getState().setView({ ...before, settings: { ...before.settings, ...patch } });
  const result = await api().settings.update(patch);
  if (!result.ok) {
    if (before) useSettingsStore.getState().setView(before);
    showToast(result.error.message, 'error');
    return false;
  }
  useSettingsStore.getState().setView(result.value);
  return true;
}
