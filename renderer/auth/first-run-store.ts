// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Whether the first run is still going after its vault was created: the offer of a recovery key
 * ("Keep a way back in") comes before the codes. Set just before the vault is created, because main
 * tells the window the vault is open before the create request answers; cleared when the offer is
 * taken or skipped, and by any status but unlocked (resetSessionStores).
 */
import { create } from 'zustand';

export interface FirstRunState {
  readonly offering: boolean;
  setOffering(offering: boolean): void;
  reset(): void;
}

export const useFirstRunStore = create<FirstRunState>()((set) => ({
  offering: false,
  setOffering: (offering) => set({ offering }),
  reset: () => set({ offering: false }),
}));
