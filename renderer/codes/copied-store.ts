// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which row's code was just copied: the row says "Copied" for a moment, where the person is
 * looking, as well as the toast. One timer, started by a copy, none at rest.
 */
import { create } from 'zustand';
import type { EntryId } from '../../electron/domain';

/** How long a row says "Copied". */
export const COPIED_MS = 1_600;

export interface CopiedState {
  readonly id: EntryId | null;
  /** Marks `id` as just copied (until COPIED_MS pass or another row is copied). */
  mark(id: EntryId): void;
  reset(): void;
}

let timer: ReturnType<typeof setTimeout> | null = null;

export const useCopiedStore = create<CopiedState>()((set) => ({
  id: null,
  mark(id) {
    if (timer !== null) clearTimeout(timer);
    set({ id });
    timer = setTimeout(() => {
      timer = null;
      set({ id: null });
    }, COPIED_MS);
  },
  reset() {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    set({ id: null });
  },
}));
