// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the vault file is, as the window and the CLI speak of it: the folder, how Tessera found it
 * (an option, the environment, this computer's setting or the default), what is wrong with that
 * setting if anything, and what moving the vault to another folder answered. The setting itself, a
 * small per-computer file in the app's data folder, is electron/services/vault-location.ts.
 */

/**
 * How the vault's path was chosen, strongest first: `--vault FILE`, `TESSERA_VAULT`, this
 * computer's setting (vault-location.json in the app's data folder), else the default file in that
 * data folder.
 */
export type VaultLocationSource = 'option' | 'environment' | 'computer' | 'default';

/** What is wrong with where the vault should be, in words. */
export interface VaultLocationProblem {
  /**
   * `damaged`: this computer's setting could not be read (the default is used instead);
   * `missing`: it names a vault file that is not there now (never silently replaced by the default).
   */
  readonly kind: 'damaged' | 'missing';
  readonly message: string;
  /** The technical detail (the file and the parse error), for "Details". */
  readonly details?: string;
}

/** The vault's place, for Settings › Vault file and the first run. */
export interface VaultLocationView {
  /** The vault file. */
  readonly path: string;
  /** Its folder. */
  readonly folder: string;
  readonly source: VaultLocationSource;
  /** The app's data folder on this computer: the default vault's folder. */
  readonly defaultFolder: string;
  /**
   * Whether the window may move it or choose another: false when `--vault` or `TESSERA_VAULT` chose
   * it (they would win again at the next start).
   */
  readonly movable: boolean;
  readonly problem: VaultLocationProblem | null;
}

/** What a merge of the copy already in the destination folder changed (`UnlockedVault.mergeCopy`). */
export interface VaultMoveMerge {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly conflictNotes: number;
  /**
   * The copy there was saved later under another master password (changed on another computer):
   * that password opens the merged vault now, here too.
   */
  readonly passwordFromCopy: boolean;
}

/** The answer to "Move to another folder…". */
export type VaultMoveOutcome =
  /** The vault now lives in the new folder; the old files are gone (`leftBehind` names any that could not be removed). */
  | {
      readonly status: 'moved';
      readonly location: VaultLocationView;
      /** Set when the folder already held this vault and the two were merged. */
      readonly merged: VaultMoveMerge | null;
      readonly leftBehind: readonly string[];
    }
  /** The folder dialog was closed. */
  | { readonly status: 'cancelled' }
  /**
   * The folder already holds this very vault (the same vault id; say, synchronised there from
   * another computer): ask whether to use it, merging the accounts of both (`vault:move-merge`).
   */
  | { readonly status: 'same-vault'; readonly folder: string }
  /**
   * The copy there opens only with another password (changed on another computer): ask for it once
   * and merge again with it (`vault:move-merge`).
   */
  | { readonly status: 'needs-password'; readonly folder: string; readonly message: string };
