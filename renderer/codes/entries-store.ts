// SPDX-License-Identifier: GPL-3.0-or-later
/** Entry metadata of the open vault (never a secret): what the codes list shows and filters. */
import { create } from 'zustand';
import type { EntryId, EntrySummary } from '../../electron/domain';

export interface EntriesState {
  readonly entries: readonly EntrySummary[];
  /** False until the first list arrives, so the list can tell "loading" from "empty". */
  readonly loaded: boolean;
  replace(entries: readonly EntrySummary[]): void;
  /** Inserts or replaces one entry, e.g. with the answer of `entries.add` or `entries.update`. */
  upsert(entry: EntrySummary): void;
  remove(id: EntryId): void;
  /** Applies a new display order at once (the answer of `entries.reorder` follows). */
  applyOrder(ids: readonly EntryId[]): void;
  reset(): void;
}

export const useEntriesStore = create<EntriesState>()((set) => ({
  entries: [],
  loaded: false,
  replace: (entries) => set({ entries, loaded: true }),
  upsert: (entry) =>
    set((state) => {
      const exists = state.entries.some((e) => e.id === entry.id);
      return {
        entries: exists ? state.entries.map((e) => (e.id === entry.id ? entry : e)) : [...state.entries, entry],
      };
    }),
  remove: (id) => set((state) => ({ entries: state.entries.filter((e) => e.id !== id) })),
  applyOrder: (ids) =>
    set((state) => {
      const position = new Map(ids.map((id, i) => [id, i]));
      return { entries: state.entries.map((e) => ({ ...e, sortOrder: position.get(e.id) ?? e.sortOrder })) };
    }),
  reset: () => set({ entries: [], loaded: false }),
}));
