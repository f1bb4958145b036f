// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which account's menu is open, and where: one menu at a time. The row's `⋯` button, a right-click
 * and Shift+F10 / the Menu key on a focused row open it (`openAccountMenu`); AccountMenu.tsx shows it.
 * The dialogs its items open (edit, delete, tags, QR code, icon) are kept here too, so the codes
 * screen can make itself inert while one is open (`useAccountDialogOpen`).
 */
import { create } from 'zustand';
import type { EntryId, EntrySummary } from '../../../electron/domain';

export interface AccountMenuAnchor {
  /** Where the menu opens, in window coordinates (a click's point, or the button's bottom-left). */
  readonly x: number;
  readonly y: number;
  /**
   * Where the menu's bottom edge goes when there is no room below `y`: the top of the button or row
   * it opened from, so the menu does not cover it. Absent (a pointer's point): `y` itself.
   */
  readonly above?: number;
}

/** The dialogs the menu's items open. */
export type AccountDialogKind = 'edit' | 'delete' | 'tags' | 'qr' | 'icon';

export interface AccountDialog {
  readonly kind: AccountDialogKind;
  /** The account as it was when the dialog opened (as the codes screen's own dialogs keep it). */
  readonly entry: EntrySummary;
}

interface AccountMenuState {
  readonly open: { readonly id: EntryId; readonly anchor: AccountMenuAnchor; readonly byKeyboard: boolean } | null;
  /** The dialog one of the menu's items opened, or null. */
  readonly dialog: AccountDialog | null;
}

export const useAccountMenuStore = create<AccountMenuState>(() => ({ open: null, dialog: null }));

/** What had the focus when the menu opened: Escape and the items give it back. */
let opener: HTMLElement | null = null;

/** Opens the menu of account `id` at `anchor`; `byKeyboard` focuses its first item. */
export function openAccountMenu(id: EntryId, anchor: AccountMenuAnchor, byKeyboard = false): void {
  const active = typeof document === 'undefined' ? null : document.activeElement;
  // Opened again from inside a menu (a right-click on it): keep what opened the first one.
  if (!(active instanceof HTMLElement && active.closest('[data-account-menu]'))) {
    opener = active instanceof HTMLElement && active !== document.body ? active : null;
  }
  useAccountMenuStore.setState({ open: { id, anchor, byKeyboard } });
}

export function closeAccountMenu(): void {
  useAccountMenuStore.setState({ open: null });
}

/** The element that had the focus when the menu opened, if it is still in the page. */
export function accountMenuOpener(): HTMLElement | null {
  return opener?.isConnected ? opener : null;
}

/** Closes the menu and opens one of its dialogs for `entry`. */
export function openAccountDialog(kind: AccountDialogKind, entry: EntrySummary): void {
  useAccountMenuStore.setState({ open: null, dialog: { kind, entry } });
}

export function closeAccountDialog(): void {
  useAccountMenuStore.setState({ dialog: null });
}

/** Whether a dialog of the account menu is open (the screen behind it is then inert). */
export function useAccountDialogOpen(): boolean {
  return useAccountMenuStore((s) => s.dialog !== null);
}

/** Whether the menu of account `id` is open (for its button's `aria-expanded`). */
export function useAccountMenuOpen(id: EntryId): boolean {
  return useAccountMenuStore((s) => s.open?.id === id);
}
