// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Privacy mode: which codes the user revealed. A reveal holds for one code (its period, or one HOTP
 * code): the key is the code's `validFrom`, so the next code is masked again. Dropped on lock.
 */
import { create } from 'zustand';
import type { CodeSnapshot, EntryId } from '../../electron/domain';

export interface RevealState {
  /** Entry id → `validFrom` of the revealed code. */
  readonly revealed: Readonly<Record<EntryId, number>>;
  reveal(code: CodeSnapshot): void;
  reset(): void;
}

export const useRevealStore = create<RevealState>()((set) => ({
  revealed: {},
  reveal: (code) => set((state) => ({ revealed: { ...state.revealed, [code.id]: code.validFrom } })),
  reset: () => set({ revealed: {} }),
}));
