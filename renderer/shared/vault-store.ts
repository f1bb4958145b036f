// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's state as main last reported it. Every screen is chosen from this; any status other
 * than 'unlocked' wipes the session stores, so nothing of a locked vault stays in the renderer.
 */
import { create } from 'zustand';
import type { IpcError, VaultStatus } from '../../electron/domain';
import { resetSessionStores } from './reset';

export interface VaultState {
  /** null until the first `vault.status()` answer. */
  readonly status: VaultStatus | null;
  /** Set when main could not report the status at all. */
  readonly loadError: IpcError | null;
  setStatus(status: VaultStatus): void;
  setLoadError(error: IpcError): void;
}

export const useVaultStore = create<VaultState>()((set) => ({
  status: null,
  loadError: null,
  setStatus(status) {
    if (status.status !== 'unlocked') resetSessionStores();
    set({ status, loadError: null });
  },
  setLoadError(loadError) {
    set({ loadError });
  },
}));

/** True while the vault is open; async loaders check it before writing metadata into a store. */
export function isVaultUnlocked(): boolean {
  return useVaultStore.getState().status?.status === 'unlocked';
}
