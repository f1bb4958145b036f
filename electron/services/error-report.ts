// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Maps the errors of each layer (domain, vault, OTP, importers, exports, services) to the report
 * the user sees, the domain's `IpcError`: the IPC handlers answer with it, the CLI's words are its
 * own. Anything not listed here is a bug and is rethrown, so the dispatcher reports it as
 * `internal` without its message. Apart from the error classes (errors.ts), so that every service
 * can throw them without importing this map of all the layers.
 */
import { VaultLockedError, type IpcError } from '../domain';
import { BackupError } from '../export/backups';
import { QrError } from '../import/qr/errors';
import { ImportError } from '../import/types';
import { OtpUriError } from '../otp';
import { EntryValidationError, RecoveryKeyFormatError, VaultError, vaultErrorReport } from '../vault';
import { ClockCheckUnavailableError } from './clock-service';
import { CaptureRefusedError } from './desktop-ports';
import {
  ExportPasswordError,
  FileWriteError,
  ImportClosedError,
  InvalidEntryError,
  NoPendingRecoveryKeyError,
  NoPreviousGenerationError,
  NotFoundError,
  NothingToExportError,
  PasswordRequiredError,
  QuickUnlockError,
  RecoveryKeyInterruptedError,
  UndoExpiredError,
  UnknownFileFormatError,
  VaultAlreadyOpenError,
  VaultBusyError,
  WeakPasswordError,
} from './errors';

export function toIpcError(error: unknown): IpcError {
  if (error instanceof VaultError) return vaultErrorReport(error);
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
  if (error instanceof VaultLockedError || error instanceof RecoveryKeyInterruptedError) {
    return { code: 'vault-locked', message: error.message };
  }
  // Says what is wrong with the typed key (a missing group, a letter not used, a typo), never the key.
  if (error instanceof RecoveryKeyFormatError) {
    return { code: 'invalid-entry', message: error.message, field: 'recoveryKey' };
  }
  if (error instanceof VaultAlreadyOpenError) return { code: 'invalid-request', message: error.message };
  if (error instanceof NoPendingRecoveryKeyError) return { code: 'not-found', message: error.message };
  if (error instanceof VaultBusyError) return { code: 'busy', message: error.message };
  if (error instanceof QuickUnlockError) return quickUnlockReport(error);
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

/** Quick unlock's refusals: a PIN that is wrong or mistyped goes on the PIN field. */
function quickUnlockReport(error: QuickUnlockError): IpcError {
  switch (error.kind) {
    case 'wrong-pin':
      return { code: 'wrong-password-or-tampered', message: error.message, field: 'pin' };
    case 'invalid-pin':
      return { code: 'invalid-entry', message: error.message, field: 'pin' };
    case 'unavailable':
    case 'cancelled':
      return { code: 'unavailable', message: error.message };
    case 'not-set-up':
    case 'lapsed':
      return { code: 'not-found', message: error.message };
  }
}
