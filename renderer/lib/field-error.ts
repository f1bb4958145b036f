// SPDX-License-Identifier: GPL-3.0-or-later
/** Places an `IpcError` next to the field it names, or above the form when it names none we show. */
import type { IpcError } from '../../electron/ipc/contract';

export interface FormError {
  /** The field the message belongs to, or null for a form-level message. */
  readonly field: string | null;
  readonly message: string;
}

/** Maps a main-process error onto the fields this form shows. */
export function toFormError(error: IpcError, shownFields: readonly string[]): FormError {
  const field = error.field !== undefined && shownFields.includes(error.field) ? error.field : null;
  return { field, message: error.message };
}

/** The message for one field, or null. */
export function errorFor(error: FormError | null, field: string): string | null {
  return error?.field === field ? error.message : null;
}

/** The form-level message, or null. */
export function formLevel(error: FormError | null): string | null {
  return error && error.field === null ? error.message : null;
}
