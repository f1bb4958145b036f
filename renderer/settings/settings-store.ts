// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The settings main reported (no secrets). Loaded at start, before any unlock, because the theme
 * applies to every screen; kept across locks.
 */
import { create } from 'zustand';
import type { Settings, SettingsView } from '../../electron/domain';

export interface SettingsState {
  /** null until main answers. */
  readonly view: SettingsView | null;
  setView(view: SettingsView): void;
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  view: null,
  setView: (view) => set({ view }),
}));

/** One setting, or its fallback while the settings are loading. */
export function useSetting<K extends keyof Settings>(key: K, fallback: Settings[K]): Settings[K] {
  return useSettingsStore((s) => s.view?.settings[key] ?? fallback);
}
