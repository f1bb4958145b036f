// SPDX-License-Identifier: GPL-3.0-or-later
/** User actions that call main and report back through the stores and the toast. */
import type { EntryId, EntrySummary } from '../../electron/domain';
import { api } from '../api';
import { showToast, useToastStore } from '../shared/toast-store';
import { isVaultUnlocked, useVaultStore } from '../shared/vault-store';
import { useCodesStore } from './codes-store';
import { useCopiedStore } from './copied-store';
import { useEntriesStore } from './entries-store';
import { entryLabel } from './entry-query';
import { moveEntry, type DropPosition } from './reorder';
import { loadUsage } from './usage-store';

/**
 * Asks main to copy the entry's current code (or with `next` the next period's, TOTP and Steam); main clears the clipboard after N seconds and counts
 * the use on this computer, so the usage orders are asked for again.
 */
export async function copyCode(entry: EntrySummary, options: { readonly next?: boolean } = {}): Promise<void> {
  const next = options.next === true;
  if (!next && entry.type === 'hotp' && !useCodesStore.getState().byId[entry.id]) {
    showToast(`Press “Next code” to generate a code for ${entryLabel(entry)} first.`, 'error');
    return;
  }
  const result = await (next ? api().codes.copy(entry.id, { next }) : api().codes.copy(entry.id));
  if (!isVaultUnlocked()) return;
  if (!result.ok) {
    showToast(result.error.message, 'error');
    return;
  }
  const seconds = result.value.clearAfterSeconds;
  useCopiedStore.getState().mark(entry.id);
  void loadUsage();
  const copied = next ? `Next code copied for ${entryLabel(entry)}` : `Copied the code of ${entryLabel(entry)}`;
  showToast(seconds > 0 ? `${copied} — the clipboard clears in ${seconds} s` : copied, 'info', { about: entry.id });
}

/** HOTP: main saves the incremented counter, then returns the code. */
export async function nextHotpCode(id: EntryId): Promise<void> {
  const result = await api().codes.nextHotp(id);
  if (!isVaultUnlocked()) return;
  if (result.ok) useCodesStore.getState().upsert(result.value);
  else showToast(result.error.message, 'error');
}

/** Locks now; the status answer wipes the session stores. */
export async function lockVault(): Promise<void> {
  const result = await api().vault.lock();
  if (result.ok) useVaultStore.getState().setStatus(result.value);
  else showToast(result.error.message, 'error');
}

/** Brings back an account whose deletion is still within its undo time. */
export async function undoRemove(entry: EntrySummary): Promise<void> {
  const result = await api().entries.undoRemove(entry.id);
  if (!isVaultUnlocked()) return;
  if (!result.ok) {
    showToast(result.error.message, 'error');
    return;
  }
  useEntriesStore.getState().upsert(result.value);
  showToast(`Restored ${entryLabel(result.value)}`, 'info', { about: result.value.id });
}

/**
 * Deletes an account with an undo time: main hides it at once and deletes it when the time has
 * passed; the toast offers Undo (also Ctrl/Cmd+Z) until then. Returns the error message, if any.
 */
export async function removeEntry(entry: EntrySummary): Promise<string | null> {
  const result = await api().entries.remove(entry.id);
  if (!result.ok) return result.error.message;
  useEntriesStore.getState().remove(entry.id);
  const seconds = result.value.undoSeconds;
  showToast(`Deleted ${entryLabel(entry)}`, 'info', {
    durationMs: seconds * 1000,
    action: { label: 'Undo', run: () => void undoRemove(entry) },
  });
  return null;
}

/** Runs the Undo of the toast on screen, if it has one (Ctrl/Cmd+Z). */
export function undoLast(): boolean {
  const toast = useToastStore.getState().toast;
  if (toast?.action?.label !== 'Undo') return false;
  useToastStore.getState().dismiss(toast.id);
  toast.action.run();
  return true;
}

/**
 * Moves an account before or after another and saves the order; the list changes at once.
 * Returns a sentence for the screen reader ("Moved …"), or null when nothing moved.
 */
export async function moveAccount(id: EntryId, targetId: EntryId, position: DropPosition): Promise<string | null> {
  const entries = useEntriesStore.getState().entries;
  const ids = moveEntry(entries, id, targetId, position);
  if (!ids) {
    const moving = entries.find((e) => e.id === id);
    const target = entries.find((e) => e.id === targetId);
    return moving && target && moving.favourite !== target.favourite ? 'Favourites always stay at the top.' : null;
  }
  const previous = entries;
  useEntriesStore.getState().applyOrder(ids);
  const moved = entries.find((e) => e.id === id);
  const result = await api().entries.reorder(ids);
  if (!isVaultUnlocked()) return null;
  if (!result.ok) {
    useEntriesStore.getState().replace(previous);
    showToast(result.error.message, 'error');
    return null;
  }
  useEntriesStore.getState().replace(result.value);
  return moved ? `Moved ${entryLabel(moved)} to position ${ids.indexOf(id) + 1} of ${ids.length}.` : null;
}
