// SPDX-License-Identifier: GPL-3.0-or-later
/** The one short message at the bottom of the window ("Copied — clipboard clears in 20 s"). */
import { create } from 'zustand';

export type ToastTone = 'info' | 'error';

export interface Toast {
  /** Grows with every message, so repeating the same text restarts its timer and is announced. */
  readonly id: number;
  readonly text: string;
  readonly tone: ToastTone;
}

export interface ToastState {
  readonly toast: Toast | null;
  show(text: string, tone?: ToastTone): void;
  dismiss(id: number): void;
  reset(): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toast: null,
  show: (text, tone = 'info') => set({ toast: { id: nextId++, text, tone } }),
  dismiss: (id) => set((state) => (state.toast?.id === id ? { toast: null } : state)),
  reset: () => set({ toast: null }),
}));

/** Shorthand for actions outside React. */
export function showToast(text: string, tone: ToastTone = 'info'): void {
  useToastStore.getState().show(text, tone);
}
