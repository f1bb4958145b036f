// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Maps the errors of each layer to the contract's `IpcError` values. Anything not listed here is a
 * bug and is rethrown, so the dispatcher reports it as `internal` without its message.
 */
import type { IpcError } from '../ipc/contract';
import { EntryValidationError, VaultError } from '../vault';
import { OtpUriError } from '../otp';
import { ImportError } from '../import/types';
import { QrError } from '../import/qr/errors';
import { CaptureRefusedError } from './desktop-ports';
import { NoPreviousGenerationError, VaultBusyError, VaultLockedError, WeakPasswordError } from './vault-service';
import { BackupError } from '../export/backups';

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

// Exports and backups ------------------------------------------------------------------------

/** Exports need the master password entered again within the last few minutes. */
export class PasswordRequiredError extends Error {
  constructor() {
    super('Enter your master password again to export.');
    this.name = 'PasswordRequiredError';
  }
}

/** An export password that is missing, too short, or given for a format that is not encrypted. */
export class ExportPasswordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportPasswordError';
  }
}

/** Nothing to export: the vault is empty, or no account fits the chosen kind of export. */
export class NothingToExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NothingToExportError';
  }
}

/** A file the user asked for could not be written; the message names the file, never its content. */
export class FileWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FileWriteError';
  }
}

/** The import the request is about has ended (added, cancelled, or wiped when the vault locked). */
export class ImportClosedError extends Error {
  constructor() {
    super('This import has ended (it was closed, or the vault locked). Open the file or scan again.');
    this.name = 'ImportClosedError';
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
  if (error instanceof ImportError || error instanceof QrError) {
    return { code: 'import-failed', message: error.message };
  }
  if (error instanceof CaptureRefusedError) return { code: 'unavailable', message: error.message };
  if (error instanceof ImportClosedError) return { code: 'not-found', message: error.message };
  if (error instanceof PasswordRequiredError) return { code: 'password-required', message: error.message };
  if (error instanceof ExportPasswordError) {
    return { code: 'weak-password', message: error.message, field: 'exportPassword' };
  }
  if (error instanceof NothingToExportError) return { code: 'not-found', message: error.message };
  if (error instanceof FileWriteError) return { code: 'io', message: error.message };
  // Backup messages name a folder or file, never content; "kept changing" is retried, hence busy.
  if (error instanceof BackupError) {
    return { code: error.reason === 'vault-changed' ? 'busy' : 'io', message: error.message };
  }
  throw error;
}
