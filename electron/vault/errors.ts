// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The vault's error taxonomy. Expected failures of opening or
 * saving a vault are `VaultError`s with a stable `kind` the services map 1:1 onto IPC error codes;
 * bad entry values are `EntryValidationError`s naming the field. Anything else thrown is a bug.
 * Using a wiped session after `lock()` throws the domain's `VaultLockedError`.
 */
import type { IpcError } from '../domain';

/**
 * What went wrong, as a stable code:
 * - `unsupported-version`: the file was written by a newer Tessera (a plausible later format version
 *   with a well-formed container), or holds a key slot this build cannot renew on a password change.
 * - `corrupt`: not a vault, truncated, a damaged version field, malformed header or payload, KDF
 *   parameters out of bounds or more password work than Tessera ever writes.
 * - `wrong-password-or-tampered`: a key slot did not open. A wrong password and an edited slot
 *   cannot be told apart, by design.
 * - `payload-tampered`: the slot opened but the payload did not authenticate, so the file (most
 *   likely its header) was modified after it was written.
 * - `io`: the file system failed, or another process holds or changed the file.
 */
export type VaultErrorKind =
  'unsupported-version' | 'corrupt' | 'wrong-password-or-tampered' | 'payload-tampered' | 'io';

/**
 * A finer reason inside a kind, for callers that react differently (for instance re-locking when
 * the password was changed by another process). Optional and additive: `kind` is the contract.
 */
export type VaultErrorReason =
  /** `corrupt`: the file's Argon2id parameters are outside [KDF_FLOOR, KDF_CEILING]; nothing was derived. */
  | 'kdf-out-of-bounds'
  /**
   * `corrupt`: the file has more password slots, or more Argon2id work in total, than Tessera ever
   * writes (kdf-budget.ts); nothing was derived.
   */
  | 'kdf-work-exceeded'
  /** `wrong-password-or-tampered`: another process changed the password slot or swapped the vault; re-lock. */
  | 'password-changed-elsewhere'
  /** `io`: another process holds the lock file (or took it over mid-save). */
  | 'busy'
  /** `io`: createVault found a file already there. */
  | 'exists'
  /** `io`: the vault path is a folder, not a file. */
  | 'is-folder'
  /** `io`: there is no vault file. */
  | 'absent'
  /** `io`: the saved file did not read back identical and decryptable. */
  | 'verify-failed'
  /**
   * `io`: the save was written, then replaced by another whole save of this vault before it read
   * back (a sync tool); the session saves again, merging it, and says this only if that repeats.
   */
  | 'replaced-after-write'
  /** `wrong-password-or-tampered`: a quick-unlock key (from a PIN) does not open its wrap. */
  | 'quick-unlock-wrong-key'
  /**
   * `wrong-password-or-tampered`: a quick-unlock wrap opened but its data key no longer opens the
   * vault (the vault was re-keyed since, here or on another computer), or it is another vault's.
   */
  | 'quick-unlock-stale'
  /**
   * `corrupt`: a copy given to merge (`UnlockedVault.mergeCopy`) is another vault (its `vaultId`
   * differs): Tessera merges only copies of one vault.
   */
  | 'other-vault'
  /**
   * `wrong-password-or-tampered`: a copy given to merge is this vault under another data key (a
   * password change or re-key on another computer): it opens only with its own password, which the
   * caller asks for once and passes as `{ password }`; also when that password does not open it.
   */
  | 'other-key';

/** An expected failure to open or save a vault. `message` is a sentence a user can act on. */
export class VaultError extends Error {
  readonly kind: VaultErrorKind;
  readonly reason: VaultErrorReason | undefined;

  constructor(kind: VaultErrorKind, message: string, options?: { cause?: unknown; reason?: VaultErrorReason }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'VaultError';
    this.kind = kind;
    this.reason = options?.reason;
  }
}

/** A bad entry value; `field` names it (`'digits'`, `'secret'`, ...), the message says what is allowed. */
export class EntryValidationError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'EntryValidationError';
    this.field = field;
  }
}

/**
 * The report of a vault error as the user sees it: its code is the error's kind, except that a vault
 * already there or missing says so. The status of an unreadable vault carries one; the IPC layer
 * answers with the same.
 */
export function vaultErrorReport(error: VaultError): IpcError {
  if (error.reason === 'exists') return { code: 'vault-exists', message: error.message };
  if (error.reason === 'absent') return { code: 'vault-absent', message: error.message };
  return { code: error.kind, message: error.message };
}

/** Shorthand for a `corrupt` error; the detail says which part of the file is wrong. */
export function corrupt(detail: string, cause?: unknown): VaultError {
  return new VaultError(
    'corrupt',
    `The vault file is damaged or is not a Tessera vault (${detail}). Restore a backup or the previous version.`,
    cause === undefined ? undefined : { cause },
  );
}

/** Shorthand for an `io` error; keeps the Node error as the cause (it has the path and errno). */
export function ioError(action: string, cause: unknown, reason?: VaultErrorReason): VaultError {
  const code = isErrnoException(cause) && cause.code ? ` (${cause.code})` : '';
  return new VaultError(
    'io',
    `Could not ${action}${code}. Check that the disk is not full and the folder is writable, then try again.`,
    reason === undefined ? { cause } : { cause, reason },
  );
}

/** Narrowing for Node's system errors. */
export function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
