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
import { ClockCheckUnavailableError } from './clock-service';

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

/** A value the user gave cannot be accepted; names the field (and, from the validator, every field). */
export class InvalidEntryError extends Error {
  /** Every offending field with its plain message, when there are several. */
  readonly fields: Readonly<Record<string, string>> | undefined;
  /** The technical detail, for "Details". */
  readonly details: string | undefined;

  constructor(
    readonly field: string,
    message: string,
    options: { readonly fields?: Readonly<Record<string, string>>; readonly details?: string } = {},
  ) {
    super(message);
    this.name = 'InvalidEntryError';
    this.fields = options.fields;
    this.details = options.details;
  }

  /** The refusal of the entry validator, with every field's problem. */
  static fromValidation(failed: {
    readonly field: string;
    readonly message: string;
    readonly details: string;
    readonly problems: readonly { readonly field: string; readonly message: string }[];
  }): InvalidEntryError {
    const fields: Record<string, string> = {};
    for (const p of failed.problems) fields[p.field] ??= p.message;
    return new InvalidEntryError(failed.field, failed.message, { fields, details: failed.details });
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

/**
 * A file no importer recognises: the window offers the format choice (the CLI's `--format`) next to
 * the message, which says so.
 */
export class UnknownFileFormatError extends Error {
  constructor(fileName: string) {
    super(
      `Tessera does not recognise ${fileName} as an export of an app it supports. If you know which app made it, choose that app under “Format” and open the file again.`,
    );
    this.name = 'UnknownFileFormatError';
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
  if (error instanceof InvalidEntryError) {
    return {
      code: 'invalid-entry',
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof OtpUriError) {
    return {
      code: 'invalid-entry',
      message: `This link cannot be used. ${error.message}`,
      ...(error.field ? { field: error.field } : {}),
      ...(error.details ? { details: error.details } : {}),
    };
  }
  if (error instanceof EntryValidationError) {
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
  if (error instanceof UnknownFileFormatError) {
    return { code: 'import-failed', message: error.message, field: 'format' };
  }
  if (error instanceof ImportError) {
    return { code: 'import-failed', message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  if (error instanceof QrError) return { code: 'import-failed', message: error.message };
  if (error instanceof CaptureRefusedError || error instanceof ClockCheckUnavailableError) {
    return { code: 'unavailable', message: error.message };
  }
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
