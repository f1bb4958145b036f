// SPDX-License-Identifier: GPL-3.0-or-later
/** User actions that call main and report back through the stores and the toast. */
import type { EntryId, EntrySummary } from '../../electron/ipc/contract';
import { api } from '../api';
import { useCodesStore } from '../store/codes-store';
import { showToast } from '../store/toast-store';
import { isVaultUnlocked, useVaultStore } from '../store/vault-store';
import { entryLabel } from './entry-query';

/** Asks main to copy the entry's current code; main clears the clipboard after N seconds. */
export async function copyCode(entry: EntrySummary): Promise<void> {
  if (entry.type === 'hotp' && !useCodesStore.getState().byId[entry.id]) {
    showToast(`Press “Next code” to generate a code for ${entryLabel(entry)} first.`, 'error');
    return;
  }
  const result = await api().codes.copy(entry.id);
  if (!isVaultUnlocked()) return;
  if (!result.ok) {
    showToast(result.error.message, 'error');
    return;
  }
  const seconds = result.value.clearAfterSeconds;
  showToast(seconds > 0 ? `Copied — clipboard clears in ${seconds} s` : 'Copied');
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
