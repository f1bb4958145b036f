// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The open vault's usage on this computer: the usage store (usage-store.ts) bound to the open vault's
 * id and its accounts.
 */
import type { UsageMap } from '../domain';
import type { UsageStore } from './usage-store';

export interface VaultUsageDeps {
  readonly store: UsageStore;
  /** The open vault's id (its header's `vaultId`); throws when locked. */
  readonly vaultId: () => string;
  /** The id of every account in the open vault, pending deletions included; throws when locked. */
  readonly liveIds: () => readonly string[];
}

export interface VaultUsage {
  /** How often and how lately each account of the open vault was copied here; throws when locked. */
  usage(): Promise<UsageMap>;
  /** Counts one copy of the account's code; never rejects (counting never fails a copy). */
  record(entryId: string): Promise<void>;
}

export function createVaultUsage(deps: VaultUsageDeps): VaultUsage {
  return {
    async usage() {
      return deps.store.read(deps.vaultId(), deps.liveIds());
    },
    async record(entryId) {
      try {
        await deps.store.record(deps.vaultId(), [entryId], deps.liveIds());
      } catch {
        // The vault locked meanwhile, or usage.json could not be written: this copy is not counted.
      }
    },
  };
}
