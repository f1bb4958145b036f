// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * While the codes screen is shown: asks for the pictures of the icons the accounts show, in one
 * `icons.images` call per change of the list (icons-store.ts `loadIcons`; nothing when it has them
 * all). It follows the entries store itself rather than a render, so the request leaves as soon as
 * the list arrives, before the rows are drawn with their letter tiles.
 */
import { useEffect } from 'react';
import type { EntrySummary } from '../../electron/domain';
import { useEntriesStore } from '../codes/entries-store';
import { loadIcons } from './icons-store';

function loadFor(entries: readonly EntrySummary[]): void {
  if (entries.length > 0) void loadIcons(entries.map((e) => e.shownIcon));
}

export function useListIcons(): void {
  useEffect(() => {
    loadFor(useEntriesStore.getState().entries);
    return useEntriesStore.subscribe((state, previous) => {
      if (state.entries !== previous.entries) loadFor(state.entries);
    });
  }, []);
}
