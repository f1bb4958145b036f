// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The shapes around an open vault (session.ts implements it): `UnlockedVault`, what the services
 * and the CLI may read and change while it is unlocked, and what a session holds and depends on.
 */
import type { EntryPatch } from '../domain';
import type { IconImageInput, NewVaultEntry, StoredIcon, Tombstone, VaultEntry } from './entry';
import type { PasswordSlot, VaultHeader } from './format';
import type { Kdf, KdfParams } from './kdf';
import type { DecodedPayload } from './payload';
import type { DataKeyWrap } from './quick-unlock-wrap';

/** The open vault. Secrets in returned entries are views into the session's buffer: do not keep them. */
export interface UnlockedVault {
  readonly path: string;
  /** KDF parameters of the password slot (what the next save writes). */
  readonly kdf: KdfParams;
  /**
   * Milliseconds the password's key derivation took when this session was opened or created
   * (monotonic clock); null when it was opened another way (quick unlock) and nothing was derived.
   */
  readonly deriveMs: number | null;
  /** Whether the vault has a recovery key (a `recovery` slot). */
  readonly hasRecoveryKey: boolean;
  /** The vault's id (its header's `vaultId`): the same for every copy and generation of this vault. */
  readonly vaultId: string;
  /** Generation of the file last loaded or saved. */
  readonly generation: number;
  /** True after `lock()`. */
  readonly locked: boolean;
  entries(): readonly VaultEntry[];
  get(id: string): VaultEntry | undefined;
  add(entries: readonly NewVaultEntry[]): Promise<VaultEntry[]>;
  update(id: string, patch: EntryPatch): Promise<VaultEntry>;
  remove(id: string): Promise<void>;
  /** Removes several entries with one save (a restore that replaces the vault's accounts). */
  removeMany(ids: readonly string[]): Promise<void>;
  reorder(ids: readonly string[]): Promise<void>;
  setCounter(id: string, counter: number): Promise<VaultEntry>;
  /** The custom icons the entries use, by id. */
  icons(): ReadonlyMap<string, StoredIcon>;
  /** Stores `image` (once, by its SHA-256) and makes it the entry's icon, in one save. */
  setCustomIcon(id: string, image: IconImageInput): Promise<VaultEntry>;
  /** Deleted entries' ids still remembered (for merging copies; docs/vault-format.md §6). */
  tombstones(): readonly Tombstone[];
  /**
   * Changes the master password after checking `current`. By default re-keys: a new random data
   * key, the payload encrypted under it and every slot re-issued for it, so a copy of the vault
   * from before and the old password open nothing saved after. `keepDataKey` only re-wraps the
   * existing data key (weaker; docs/security.md).
   * @throws VaultError `wrong-password-or-tampered` (current password), `unsupported-version` (a
   *   slot this build cannot renew; nothing changed), or a save failure (the old file stays).
   */
  changePassword(current: string, next: string, options?: ChangePasswordOptions): Promise<void>;
  /**
   * After checking the master `password`: makes a new recovery key and saves the vault with its
   * slot. Returns the key as a person writes it down (`XXXX-XXXX-…`); it is stored nowhere, so this
   * is the one time it can be shown. An earlier recovery key is replaced, and the vault re-keyed
   * (same password), so the earlier key opens nothing saved from now on, even with an older copy.
   * @throws VaultError `wrong-password-or-tampered` ("The master password is wrong. Nothing was changed.").
   */
  createRecoveryKey(password: string): Promise<string>;
  /** The same for removing it (a re-key too); nothing happens when there is none. */
  removeRecoveryKey(password: string): Promise<void>;
  /**
   * The data key wrapped under `kek` for quick unlock on this computer (unlockVaultWithWrap opens
   * it); bound to this vault's id. Nothing is saved: the caller keeps the wrap outside the vault.
   */
  wrapForQuickUnlock(kek: Uint8Array): Promise<DataKeyWrap>;
  /**
   * Checks `password` against the vault's password slot (a full KDF run), e.g. before an export.
   * @throws VaultError `wrong-password-or-tampered` when it is not the password.
   */
  verifyPassword(password: string): Promise<void>;
  /**
   * Opens `bytes`, a copy of this vault (a backup), with the session's data key: the header and the
   * whole payload authenticate. No KDF run, nothing kept.
   * @throws VaultError when it is another vault or does not open.
   */
  checkCopy(bytes: Uint8Array): Promise<void>;
  /**
   * Brings the session up to date with the vault file when it changed on disk (another window, the
   * CLI, or a sync tool delivering another computer's save): the file's state is MERGED into the
   * session's (merge.ts; nothing the session has and the file lacks is dropped), and when the merge
   * holds anything the file lacks it is saved once, so the other computer gets this one's part.
   * Returns true when the session's state changed. A file missing for a moment (a sync tool
   * replacing it) is waited for; a file that no longer opens with the session's key (its password
   * was changed elsewhere) makes the session write its state beside the vault
   * (`<name>.tessera-unmerged-<time>.tessera`) and lock.
   * @throws VaultError `wrong-password-or-tampered` (reason `password-changed-elsewhere`, the session
   *   is then locked), `payload-tampered`, `corrupt`, `io`.
   */
  reloadIfChangedOnDisk(): Promise<boolean>;
  /**
   * Merges another copy of this vault (a conflict copy's bytes) into the session and saves once if
   * that changed anything. The copy must have the same vaultId. A copy under another data key (a
   * password change on another computer) needs its password: the merged vault then continues under
   * the key of the copy saved later (header `savedAt`, then `generation`), which may change this
   * session's master password (`passwordNowFrom: 'copy'`). docs/dev/vault-api.md.
   * @throws VaultError `corrupt` reason `other-vault` (another vault), `wrong-password-or-tampered`
   *   reason `other-key` (needs, or was given the wrong, password), `corrupt`, `payload-tampered`,
   *   `io`; EntryValidationError when the merged vault would exceed a vault-wide limit (nothing written).
   */
  mergeCopy(bytes: Uint8Array, options?: MergeCopyOptions): Promise<MergeOutcome>;
  lock(): void;
}

/** How `mergeCopy` opens a copy. */
export interface MergeCopyOptions {
  /** The copy's password, when it was saved under another data key (error reason `other-key`). */
  readonly password?: string | undefined;
}

/** What `mergeCopy` did, relative to the session's state before the copy was merged in. */
export interface MergeOutcome {
  /** Accounts the copy had that the session had not. */
  readonly added: number;
  /** Accounts both had whose merge differs from the session's (names, notes, counter, …). */
  readonly changed: number;
  /** Accounts the session had that the copy deleted. */
  readonly removed: number;
  /** New conflict notes (notes texts that lost to a concurrent edit and are kept). */
  readonly conflictNotes: number;
  /** Whether the vault file was written (false when the copy added nothing). */
  readonly saved: boolean;
  /**
   * Whose key and password the vault has now: `'this'` (unchanged) or `'copy'` (the copy was saved
   * later under another password, so that password now opens the vault, here and on the other computer).
   */
  readonly passwordNowFrom: 'this' | 'copy';
}

/** How `changePassword` changes the password. */
export interface ChangePasswordOptions {
  /**
   * Keep the data key and only wrap it under the new password. Weaker: a copy of the vault from
   * before the change, with the old password, then also decrypts every later version. For scripts
   * (`tessera passwd --keep-data-key`); the default re-keys.
   */
  readonly keepDataKey?: boolean;
}

/** Everything a session depends on, already defaulted. */
export interface SessionDeps {
  readonly kdf: Kdf;
  readonly kdfParams: KdfParams;
  readonly now: () => number;
  /** Monotonic milliseconds, for timing derivations. */
  readonly monotonicNow: () => number;
  readonly randomBytes: (n: number) => Uint8Array;
  readonly lockTimeoutMs: number;
  readonly lockStaleMs: number;
  /** VaultOptions.onRekeyed. */
  readonly onRekeyed: (vault: UnlockedVault) => Promise<void>;
  /** How long reading the vault for a save or a reload waits for a missing file to come back. */
  readonly missingFileWaitMs: number;
  /** Waits `ms` milliseconds (between tries of a missing file); tests inject one that moves a fake clock. */
  readonly sleep: (ms: number) => Promise<void>;
}

export interface SessionState {
  readonly dataKey: Uint8Array;
  readonly payload: DecodedPayload;
  /**
   * The header the next save builds on: the file's as we last loaded or wrote it, or, after merging
   * another copy, whichever of the two headers was saved later.
   */
  readonly diskHeader: VaultHeader;
  /** SHA-256 of the last file on disk the session wrote or merged in (its state holds all of that file). */
  readonly diskDigest: string;
  /** Our password slot as on disk, and as the next save writes it (differs after a KDF upgrade). */
  readonly diskSlot: PasswordSlot;
  readonly slotToWrite: PasswordSlot;
}

/** What opening or creating a vault hands to the session. */
export interface SessionInit extends SessionState {
  /** How long deriving the key took (`UnlockedVault.deriveMs`); null when nothing was derived. */
  readonly deriveMs: number | null;
}
