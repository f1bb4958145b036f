// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock as main last reported it (QuickUnlockStatus: whether this computer can offer it,
 * whether it is set up, tries left, why it stopped). Loaded at start and kept across locks: the
 * unlock screen needs it while the vault is locked, and nothing in it is secret.
 */
import { create } from 'zustand';
import type { IpcError, QuickUnlockStatus } from '../../electron/domain';
import { api } from '../api';

export interface QuickUnlockState {
  /** null until main answers. */
  readonly status: QuickUnlockStatus | null;
  /** Main could not say; the unlock screen then offers the master password alone. */
  readonly loadError: IpcError | null;
  /**
   * Why quick unlock stopped, once the unlock screen has said it and the vault was opened: main
   * keeps its reason until quick unlock is set up again, the unlock screen says it once.
   */
  readonly lapseSaid: string | null;
  setStatus(status: QuickUnlockStatus): void;
  setLoadError(error: IpcError): void;
  lapseWasSaid(reason: string): void;
}

export const useQuickUnlockStore = create<QuickUnlockState>()((set) => ({
  status: null,
  loadError: null,
  lapseSaid: null,
  setStatus: (status) =>
    // A reason main dropped (set up again, switched off) is forgotten: a new lapse is said again.
    set((s) => ({ status, loadError: null, lapseSaid: status.lapsedReason === null ? null : s.lapseSaid })),
  setLoadError: (loadError) => set({ loadError }),
  lapseWasSaid: (lapseSaid) => set({ lapseSaid }),
}));

/**
 * Asks main again (after a failed try, when a screen opens): main pushes when quick unlock is set up,
 * switched off or stops, but tries left and an expiry are read when asked. Answers the new status,
 * or null when main could not say.
 */
export async function refreshQuickUnlock(): Promise<QuickUnlockStatus | null> {
  const result = await api().quickUnlock.status();
  const store = useQuickUnlockStore.getState();
  if (!result.ok) {
    store.setLoadError(result.error);
    return null;
  }
  store.setStatus(result.value);
  return result.value;
}
