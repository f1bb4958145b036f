// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the window is told about the conflict copies a sync tool left beside the vault (issue #18,
 * "absorb conflict copies"): which were merged into the open vault and moved into the backups
 * folder, which need the password they were saved with, which are another vault with a copy's name,
 * and which could not be merged. Files are named by their file name only (they all lie in the
 * vault's folder); nothing here is secret.
 */

/** The sync tool whose naming a copy follows (electron/vault/conflict-copies.ts), or null for another name. */
export type ConflictCopyTool = 'syncthing' | 'dropbox' | 'nextcloud' | 'owncloud' | 'onedrive' | 'icloud' | 'resilio';

export interface MergedConflictCopy {
  /** The copy's file name, as it was in the vault's folder. */
  readonly file: string;
  readonly tool: ConflictCopyTool | null;
  /**
   * The device, user or computer its name carries, or null. For Syncthing it is the short id of the
   * device whose change won, not of the one whose edits the copy holds, so it is not shown as "from".
   */
  readonly device: string | null;
  /**
   * The copy was saved later than this vault under another password: the merged vault keeps the
   * copy's key, so that password opens it from now on (here and on the other computer).
   */
  readonly passwordFromCopy: boolean;
}

export interface ConflictCopyFailure {
  readonly file: string;
  /** What happened and what the copy's fate is, in plain words. */
  readonly message: string;
}

/** One look at the vault's folder, or one copy merged with its own password. */
export interface ConflictCopiesReport {
  readonly merged: readonly MergedConflictCopy[];
  /** Copies of this vault its current key does not open: saved under another password (or re-keyed). */
  readonly needPassword: readonly string[];
  /** Files named like a conflict copy of this vault that hold another vault; left where they are. */
  readonly otherVaults: readonly string[];
  readonly failed: readonly ConflictCopyFailure[];
}
