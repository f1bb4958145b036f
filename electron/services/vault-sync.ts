// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Keeps the open vault in step with its file. Another process (the CLI) may save the vault while
 * the app holds it open: the change is reloaded with the key we hold, both when the file is seen to
 * change and before each of our writes (so a write never loses it). If the password was changed
 * there, our key no longer opens the file, so the app locks and asks for the new password.
 */
import { unwatchFile, watchFile } from 'node:fs';
import { VaultError, type UnlockedVault } from '../vault';
import type { VaultService } from './vault-service';

/** Calls `onChange` when the file at `path` may have changed; returns a stop function. */
export type WatchFile = (path: string, onChange: () => void) => () => void;

export interface VaultSyncDeps {
  readonly vault: Pick<VaultService, 'open' | 'isUnlocked' | 'lock'>;
  readonly vaultPath: string;
  /** Default: a cheap stat poll, which survives the atomic renames of every save. */
  readonly watchFile?: WatchFile | undefined;
  /** The entries were reloaded from the file: tell the window, reschedule the codes. */
  readonly changed: () => void;
}

export interface VaultSync {
  /** Reloads if the file changed under us; true when something changed (or the vault locked). */
  syncWithDisk(): Promise<boolean>;
  /** The open vault, first brought up to date with the file (writes must not lose a CLI change). */
  openFresh(): Promise<UnlockedVault>;
  /** Starts following the file (the vault was unlocked). */
  watch(): void;
  /** Stops following it (the vault is locking). */
  unwatch(): void;
}

function pollFile(path: string, onChange: () => void): () => void {
  const listener = (): void => onChange();
  watchFile(path, { interval: 2000, persistent: false }, listener);
  return () => unwatchFile(path, listener);
}

export function createVaultSync(deps: VaultSyncDeps): VaultSync {
  const { vault } = deps;
  let stopWatching: (() => void) | null = null;

  async function syncWithDisk(): Promise<boolean> {
    if (!vault.isUnlocked()) return false;
    try {
      if (!(await vault.open().reloadIfChangedOnDisk())) return false;
    } catch (error) {
      if (error instanceof VaultError && error.kind !== 'io') {
        await vault.lock('changed-on-disk');
        return true;
      }
      throw error;
    }
    deps.changed();
    return true;
  }

  return {
    syncWithDisk,
    async openFresh() {
      await syncWithDisk();
      return vault.open();
    },
    watch() {
      // From the watcher, an I/O failure (file briefly missing, disk gone) is retried on the next
      // change or write; it must not surface as an unhandled rejection.
      stopWatching = (deps.watchFile ?? pollFile)(deps.vaultPath, () => void syncWithDisk().catch(() => false));
    },
    unwatch() {
      stopWatching?.();
      stopWatching = null;
    },
  };
}
