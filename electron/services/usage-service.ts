// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The open vault's usage on this computer: the usage store (usage-store.ts) bound to the vault's id
 * and its accounts. The id is read from the vault file's header once per unlock (it never changes
 * while the session is open: a different vault on disk locks the session) and forgotten at the lock.
 */
import type { UsageMap } from '../domain';
import type { UsageStore } from './usage-store';

export interface VaultUsageDeps {
  readonly store: UsageStore;
  /** The open vault's id (its header's `vaultId`). */
  readonly vaultId: () => Promise<string>;
  /** The id of every account in the open vault, pending deletions included; throws when locked. */
  readonly liveIds: () => readonly string[];
}

export interface VaultUsage {
  /** How often and how lately each account of the open vault was copied here; throws when locked. */
  usage(): Promise<UsageMap>;
  /** Counts one copy of the account's code; never rejects (counting never fails a copy). */
  record(entryId: string): Promise<void>;
  /** The vault is locking: its id is read again at the next unlock. */
  forget(): void;
}

export function createVaultUsage(deps: VaultUsageDeps): VaultUsage {
  let vaultId: Promise<string> | null = null;

  function idOfOpenVault(): Promise<string> {
    const pending = vaultId ?? deps.vaultId();
    vaultId = pending;
    // A failed read (the file moving under us) is tried again next time.
    pending.catch(() => {
      if (vaultId === pending) vaultId = null;
    });
    return pending;
  }

  return {
    async usage() {
      const live = deps.liveIds();
      let id: string;
      try {
        id = await idOfOpenVault();
      } catch {
        return {};
      }
      return deps.store.read(id, live);
    },
    async record(entryId) {
      try {
        const live = deps.liveIds();
        await deps.store.record(await idOfOpenVault(), [entryId], live);
      } catch {
        // The vault locked or its file went away meanwhile: this copy is not counted.
      }
    },
    forget() {
      vaultId = null;
    },
  };
}
