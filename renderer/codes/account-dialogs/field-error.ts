// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Places an `IpcError` next to the field(s) it names, or above the form when it names none we show.
 * A refusal can name several fields at once (`fields`); each keeps its message until that field
 * changes. The technical detail goes with the field it is about.
 */
import type { IpcError } from '../../../electron/domain';

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

/** Every field's message at once, a form-level message, and main's technical detail. */
export interface FieldErrors {
  readonly byField: Readonly<Record<string, string>>;
  readonly form: string | null;
  /** The technical detail and the field it is about (null: the form-level message). */
  readonly details: { readonly field: string | null; readonly text: string } | null;
}

export const NO_FIELD_ERRORS: FieldErrors = Object.freeze({ byField: {}, form: null, details: null });

/** Problems found in the form itself, by field. */
export function localErrors(byField: Readonly<Record<string, string>>): FieldErrors {
  return { byField, form: null, details: null };
}

/** Maps main's refusal onto the fields this form shows; a message for a field it does not show goes above the form. */
export function toFieldErrors(error: IpcError, shownFields: readonly string[]): FieldErrors {
  const all = error.fields ?? (error.field !== undefined ? { [error.field]: error.message } : {});
  const byField: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const [field, message] of Object.entries(all)) {
    if (shownFields.includes(field)) byField[field] = message;
    else elsewhere.push(message);
  }
  const form = Object.keys(byField).length === 0 ? error.message : elsewhere.length > 0 ? elsewhere.join(' ') : null;
  const detailsField = error.field !== undefined && byField[error.field] !== undefined ? error.field : null;
  const details = error.details ? { field: detailsField, text: error.details } : null;
  return { byField, form, details };
}

/** The errors without `field`'s: it changed, so its message no longer applies. */
export function withoutField(errors: FieldErrors, field: string): FieldErrors {
  if (errors.byField[field] === undefined) return errors;
  const { [field]: _gone, ...byField } = errors.byField;
  return { ...errors, byField, details: errors.details?.field === field ? null : errors.details };
}

/** The detail to show under `field` (null for the form-level message), if any. */
export function detailsFor(errors: FieldErrors, field: string | null): string | null {
  return errors.details && errors.details.field === field ? errors.details.text : null;
}
