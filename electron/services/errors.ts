// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The expected failures of the services, as error classes. This module imports no service, so every
 * service can throw them; error-report.ts maps them (and the other layers' errors) to the
 * reports the window shows.
 */
import { MIN_PASSWORD_LENGTH } from '../domain';

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

// The vault service ------------------------------------------------------------------------

/** The vault is unreadable and there is no previous generation to put in its place. */
export class NoPreviousGenerationError extends Error {
  constructor() {
    super('There is no previous version of the vault to open.');
    this.name = 'NoPreviousGenerationError';
  }
}

/** A create or unlock is already deriving the key. */
export class VaultBusyError extends Error {
  constructor() {
    super('Tessera is still opening the vault. Wait a moment.');
    this.name = 'VaultBusyError';
  }
}

/** A new master password shorter than MIN_PASSWORD_LENGTH. */
export class WeakPasswordError extends Error {
  constructor() {
    super(`Choose a master password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    this.name = 'WeakPasswordError';
  }
}

/** A recovery with the vault already open: the master password is changed in Settings instead. */
export class VaultAlreadyOpenError extends Error {
  constructor() {
    super('The vault is already open. Change the master password in Settings instead.');
    this.name = 'VaultAlreadyOpenError';
  }
}

// Recovery keys ----------------------------------------------------------------------------

/**
 * “Save to a file” with no recovery key held: main keeps a new key only until the window stops
 * showing it, the vault locks, or a few minutes pass.
 */
export class NoPendingRecoveryKeyError extends Error {
  constructor() {
    super(
      'Tessera no longer holds the recovery key it showed (it forgets it when the vault locks or after a few minutes). ' +
        'Make a new recovery key to save it to a file.',
    );
    this.name = 'NoPendingRecoveryKeyError';
  }
}

/** The vault locked while a recovery key was being made: the key was dropped unseen. */
export class RecoveryKeyInterruptedError extends Error {
  constructor() {
    super(
      'The vault locked while the recovery key was being made, so it cannot be shown. Unlock the vault and make a new ' +
        'recovery key.',
    );
    this.name = 'RecoveryKeyInterruptedError';
  }
}

/** Why quick unlock refused; the message is a plain sentence (quick-unlock-service.ts). */
export type QuickUnlockErrorKind = 'unavailable' | 'invalid-pin' | 'not-set-up' | 'wrong-pin' | 'lapsed' | 'cancelled';

export class QuickUnlockError extends Error {
  constructor(
    readonly kind: QuickUnlockErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'QuickUnlockError';
  }
}
