// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock check as main reported it (ClockStatus: the last measurement, a problem, the
 * correction in use). Loaded at start and kept across locks, like the settings: nothing in it is secret.
 */
import { create } from 'zustand';
import type { ClockStatus } from '../../electron/domain';
import { setAppClockCorrection } from './app-clock';

export interface ClockState {
  /** null until main answers. */
  readonly status: ClockStatus | null;
  setStatus(status: ClockStatus): void;
}

export const useClockStore = create<ClockState>()((set) => ({
  status: null,
  setStatus: (status) => {
    // Before the store changes: anything that re-reads the time on this change sees the new one.
    setAppClockCorrection(status.correction?.offsetMs ?? null);
    set({ status });
  },
}));
