// SPDX-License-Identifier: GPL-3.0-or-later
/** What the recovery-key views ask of main besides the verbs themselves. */
import { api } from '../api';
import { isVaultUnlocked, useVaultStore } from '../shared/vault-store';

/**
 * Asks main for the vault's status again, after a change the status tells of (the vault now has a
 * recovery key). Dropped when the vault is no longer open: a push told of something newer.
 */
export async function refreshVaultStatus(): Promise<void> {
  const result = await api().vault.status();
  if (result.ok && isVaultUnlocked()) useVaultStore.getState().setStatus(result.value);
}
