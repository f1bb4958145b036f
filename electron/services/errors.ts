// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Maps the errors of each layer to the contract's `IpcError` values. Anything not listed here is a
 * bug and is rethrown, so the dispatcher reports it as `internal` without its message.
 */
import type { IpcError } from '../ipc/contract';
import { EntryValidationError, VaultError } from '../vault';
import { OtpUriError } from '../otp';
import { NoPreviousGenerationError, VaultBusyError, VaultLockedError, WeakPasswordError } from './vault-service';

export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} was not found. It may have been removed.`);
    this.name = 'NotFoundError';
  }
}

/** The undo time of a deletion has passed (or the lock cancelled it): nothing left to undo. */
export class UndoExpiredError extends Error {
  constructor() {
    super('That deletion can no longer be undone.');
    this.name = 'UndoExpiredError';
  }
}

export class InvalidEntryError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidEntryError';
  }
}

export function toIpcError(error: unknown): IpcError {
  if (error instanceof VaultError) {
    if (error.reason === 'exists') return { code: 'vault-exists', message: error.message };
    if (error.reason === 'absent') return { code: 'vault-absent', message: error.message };
    return { code: error.kind, message: error.message };
  }
  if (error instanceof EntryValidationError || error instanceof OtpUriError || error instanceof InvalidEntryError) {
    return error.field
      ? { code: 'invalid-entry', message: error.message, field: error.field }
      : { code: 'invalid-entry', message: error.message };
  }
  if (error instanceof VaultLockedError) return { code: 'vault-locked', message: error.message };
  if (error instanceof VaultBusyError) return { code: 'busy', message: error.message };
  if (error instanceof WeakPasswordError) return { code: 'weak-password', message: error.message, field: 'password' };
  if (error instanceof NotFoundError || error instanceof NoPreviousGenerationError) {
    return { code: 'not-found', message: error.message };
  }
  if (error instanceof UndoExpiredError) return { code: 'not-found', message: error.message };
  throw error;
}
