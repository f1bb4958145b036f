// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How often and how lately each account's code was copied on this computer, as main counts it
 * (usage.json in the app data folder, never the vault): what "Most used" and "Recently used" sort
 * by. Asked for when the codes screen opens and again after each copy; dropped on lock.
 */
import { create } from 'zustand';
import type { UsageMap } from '../../electron/domain';
import { api } from '../api';
import { isVaultUnlocked, useVaultStore } from '../shared/vault-store';

export interface UsageState {
  readonly usage: UsageMap;
  replace(usage: UsageMap): void;
  reset(): void;
}

const NO_USAGE: UsageMap = Object.freeze({});

export const useUsageStore = create<UsageState>()((set) => ({
  usage: NO_USAGE,
  replace: (usage) => set({ usage }),
  reset: () => set({ usage: NO_USAGE }),
}));

/**
 * Asks main for the usage counts. A failure keeps the counts the window has: the list is then
 * ordered as before, which is all a missed count can cost.
 */
export async function loadUsage(): Promise<void> {
  const result = await api().codes.usage();
  if (result.ok && isVaultUnlocked()) useUsageStore.getState().replace(result.value);
}

// What the renderer learnt from an open vault goes when it locks (see shared/reset.ts).
useVaultStore.subscribe((state, previous) => {
  if (previous.status?.status === 'unlocked' && state.status?.status !== 'unlocked') useUsageStore.getState().reset();
});
