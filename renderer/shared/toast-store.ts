// SPDX-License-Identifier: GPL-3.0-or-later
/** The one short message at the bottom of the window ("Copied — clipboard clears in 20 s"). */
import { create } from 'zustand';
import type { EntryId } from '../../electron/domain';

export type ToastTone = 'info' | 'error';

/** A button in the toast, e.g. "Undo" after a deletion. */
export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export interface Toast {
  /** Grows with every message, so repeating the same text restarts its timer and is announced. */
  readonly id: number;
  readonly text: string;
  readonly tone: ToastTone;
  readonly action?: ToastAction;
  /** How long it stays; default by tone. */
  readonly durationMs?: number;
  /** The account it talks about: the toast keeps clear of that row. */
  readonly about?: EntryId;
}

export interface ToastOptions {
  readonly action?: ToastAction;
  readonly durationMs?: number;
  readonly about?: EntryId;
}

export interface ToastState {
  readonly toast: Toast | null;
  show(text: string, tone?: ToastTone, options?: ToastOptions): void;
  dismiss(id: number): void;
  reset(): void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set) => ({
  toast: null,
  show: (text, tone = 'info', options = {}) => set({ toast: { id: nextId++, text, tone, ...options } }),
  dismiss: (id) => set((state) => (state.toast?.id === id ? { toast: null } : state)),
  reset: () => set({ toast: null }),
}));

/** Shorthand for actions outside React. */
export function showToast(text: string, tone: ToastTone = 'info', options: ToastOptions = {}): void {
  useToastStore.getState().show(text, tone, options);
}
