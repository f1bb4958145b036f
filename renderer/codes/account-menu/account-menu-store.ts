// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which account's menu is open, and where: one menu at a time. The row's `⋯` button, a right-click
 * and Shift+F10 / the Menu key on a focused row open it (`openAccountMenu`); AccountMenu.tsx shows it.
 */
import { create } from 'zustand';
import type { EntryId } from '../../../electron/domain';

export interface AccountMenuAnchor {
  /** Where the menu opens, in window coordinates (a click's point, or the button's bottom-left). */
  readonly x: number;
  readonly y: number;
}

interface AccountMenuState {
  readonly open: { readonly id: EntryId; readonly anchor: AccountMenuAnchor; readonly byKeyboard: boolean } | null;
}

export const useAccountMenuStore = create<AccountMenuState>(() => ({ open: null }));

/** Opens the menu of account `id` at `anchor`; `byKeyboard` focuses its first item. */
export function openAccountMenu(id: EntryId, anchor: AccountMenuAnchor, byKeyboard = false): void {
  useAccountMenuStore.setState({ open: { id, anchor, byKeyboard } });
}

export function closeAccountMenu(): void {
  useAccountMenuStore.setState({ open: null });
}
