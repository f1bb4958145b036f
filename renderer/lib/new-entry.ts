// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Turns the manual form's text into a `NewEntryInput`. Only shape checks happen here (numbers are
 * numbers); main validates ranges and the secret and names the field when something is wrong.
 */
import type { CodePreviewInput, NewEntryInput, OtpAlgorithm, OtpType } from '../../electron/ipc/contract';
import type { FormError } from './field-error';

export interface ManualFields {
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: string;
  readonly period: string;
  readonly counter: string;
}

export const MANUAL_DEFAULTS: ManualFields = Object.freeze({
  type: 'totp',
  issuer: '',
  account: '',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
});

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

/** Returns the input to send, or the first field whose text is not a whole number. */
export function buildNewEntry(fields: ManualFields, secret: string): NewEntryInput | FormError {
  const base = { type: fields.type, issuer: fields.issuer.trim(), account: fields.account.trim(), secret };
  if (fields.type === 'steam') return base;
  const digits = wholeNumber(fields.digits);
  if (digits === null) return { field: 'digits', message: 'Digits must be a whole number, usually 6 or 8.' };
  if (fields.type === 'hotp') {
    const counter = wholeNumber(fields.counter);
    if (counter === null) return { field: 'counter', message: 'The counter must be a whole number (0 or more).' };
    return { ...base, algorithm: fields.algorithm, digits, counter };
  }
  const period = wholeNumber(fields.period);
  if (period === null) return { field: 'period', message: 'The period must be a whole number of seconds, usually 30.' };
  return { ...base, algorithm: fields.algorithm, digits, period };
}

/** The live preview's parameters (no names), or null while there is no secret or a number is not one. */
export function buildPreviewInput(fields: ManualFields, secret: string): CodePreviewInput | null {
  if (secret.trim() === '') return null;
  const built = buildNewEntry(fields, secret);
  if (isFormError(built)) return null;
  const { issuer: _issuer, account: _account, ...params } = built;
  return params;
}

/** Narrows the result of buildNewEntry. */
export function isFormError(value: NewEntryInput | FormError): value is FormError {
  return 'message' in value;
}
