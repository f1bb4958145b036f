// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Turns the manual form's text into a `NewEntryInput`, and checks it the way main will
 * (electron/otp/validate.ts, whose rules and sentences `checkNewEntry` repeats), so the form shows
 * every field's problem at once without a round trip. Main checks again and has the last word.
 */
import type { CodePreviewInput, NewEntryInput, OtpAlgorithm, OtpType } from '../../../electron/ipc/contract';
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

/** main's bounds (OTP_LIMITS in electron/otp/limits.ts). */
const LIMITS = Object.freeze({ digitsMin: 5, digitsMax: 10, periodMin: 1, periodMax: 3600, name: 256, secret: 1024 });

/** main's sentences for the same problems (electron/otp/validate.ts). */
export const ENTRY_MESSAGES = Object.freeze({
  names: 'Enter the service’s name or your account name (or both).',
  issuerLong: `The issuer is too long: use at most ${LIMITS.name} characters.`,
  accountLong: `The account name is too long: use at most ${LIMITS.name} characters.`,
  digits: `Codes must have ${LIMITS.digitsMin} to ${LIMITS.digitsMax} digits (most sites use 6).`,
  period: `The period must be ${LIMITS.periodMin} to ${LIMITS.periodMax} seconds (most sites use 30).`,
  counter: 'The counter must be a whole number, 0 or more (a new account starts at 0).',
  secretEmpty: 'Enter the secret key the site shows (letters A to Z and the digits 2 to 7).',
  secretLong: `The secret key is too long (over ${LIMITS.secret} characters): copy only the key.`,
  secretShort: 'The secret key is too short: copy the whole key again.',
  secretPadding: 'The secret key has “=” before its end: copy the key again.',
  secretCharacter: (position: number): string =>
    `The secret key can only contain the letters A to Z and the digits 2 to 7, and character ${position} is not one of them: check it against the site.`,
});

/** Every problem of the typed entry, by field (empty when main would accept it). */
export function checkNewEntry(fields: ManualFields, secret: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const issuer = fields.issuer.trim();
  const account = fields.account.trim();
  if (issuer.length > LIMITS.name) problems['issuer'] = ENTRY_MESSAGES.issuerLong;
  if (account.length > LIMITS.name) problems['account'] = ENTRY_MESSAGES.accountLong;
  if (issuer === '' && account === '') problems['account'] = ENTRY_MESSAGES.names;
  if (fields.type !== 'steam') {
    if (!inRange(fields.digits, LIMITS.digitsMin, LIMITS.digitsMax)) problems['digits'] = ENTRY_MESSAGES.digits;
    if (fields.type === 'totp' && !inRange(fields.period, LIMITS.periodMin, LIMITS.periodMax)) {
      problems['period'] = ENTRY_MESSAGES.period;
    }
    if (fields.type === 'hotp' && !inRange(fields.counter, 0, Number.MAX_SAFE_INTEGER)) {
      problems['counter'] = ENTRY_MESSAGES.counter;
    }
  }
  const secretProblem = checkSecret(secret);
  if (secretProblem !== null) problems['secret'] = secretProblem;
  return problems;
}

function inRange(text: string, min: number, max: number): boolean {
  const value = wholeNumber(text);
  return value !== null && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** The secret as main's lenient base32 reads it: separators ignored, `=` only at the end. */
function checkSecret(secret: string): string | null {
  if (secret.length > LIMITS.secret) return ENTRY_MESSAGES.secretLong;
  const compact = secret.replace(/[\s-]/g, '');
  const body = compact.replace(/=+$/, '');
  if (body === '') return ENTRY_MESSAGES.secretEmpty;
  const bad = body.search(/[^A-Za-z2-7]/);
  if (bad >= 0)
    return body.charAt(bad) === '=' ? ENTRY_MESSAGES.secretPadding : ENTRY_MESSAGES.secretCharacter(bad + 1);
  return (body.length * 5) / 8 < 1 ? ENTRY_MESSAGES.secretShort : null;
}
