// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Failures every layer speaks of. `IpcError` is the report of an expected failure as the user sees
 * it: a stable kebab-case code and a plain message (the vault's status carries one when its file
 * cannot be opened; the IPC layer answers with one). `VaultLockedError` is the one error for "the
 * vault is locked", thrown by a wiped vault session and by the services alike.
 */

/** Expected failures, as stable kebab-case codes. */
export type IpcErrorCode =
  | 'untrusted-sender'
  | 'invalid-request'
  | 'vault-absent'
  | 'vault-exists'
  | 'vault-locked'
  | 'unsupported-version'
  | 'corrupt'
  | 'wrong-password-or-tampered'
  | 'payload-tampered'
  | 'io'
  | 'weak-password'
  | 'invalid-entry'
  | 'not-found'
  | 'busy'
  /** A file, image or QR code cannot be imported; the message says why. */
  | 'import-failed'
  /** The operation needs the master password again (exports). */
  | 'password-required'
  /** A desktop facility is missing or was refused (screen capture, a file dialog). */
  | 'unavailable'
  | 'internal';

export interface IpcError {
  readonly code: IpcErrorCode;
  /** What happened and what to do, in plain words (no field names, no jargon). Never contains secret material. */
  readonly message: string;
  /** The offending field for validation failures, e.g. 'digits' (the first one when there are several). */
  readonly field?: string;
  /** Validation failures: every offending field with its plain message, so a form shows them all at once. */
  readonly fields?: Readonly<Record<string, string>>;
  /** The technical detail ("Invalid 'digits': must be a whole number from 5 to 10."), shown behind "Details". */
  readonly details?: string;
}

/** The vault is locked: a service needed it open, or a wiped vault session was used after `lock()`. */
export class VaultLockedError extends Error {
  constructor() {
    super('The vault is locked. Unlock it to continue.');
    this.name = 'VaultLockedError';
  }
}
