// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Turns the manual form's text into a `NewEntryInput`, and checks it the way main will
 * (electron/otp/validate.ts, whose sentences `checkNewEntry` repeats), so the form shows every
 * field's problem at once without a round trip. The bounds and defaults are the domain's
 * (ENTRY_LIMITS), the very numbers main checks against. Main checks again and has the last word.
 */
import type { CodePreviewInput, NewEntryInput, OtpAlgorithm, OtpType } from '../../../electron/domain';
import { ENTRY_LIMITS } from '../../shared/domain-values';
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
  algorithm: ENTRY_LIMITS.defaultAlgorithm,
  digits: String(ENTRY_LIMITS.defaultDigits),
  period: String(ENTRY_LIMITS.defaultPeriod),
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

/** main's sentences for the same problems (electron/otp/validate.ts). */
export const ENTRY_MESSAGES = Object.freeze({
  names: 'Enter the service’s name or your account name (or both).',
  issuerLong: `The issuer is too long: use at most ${ENTRY_LIMITS.nameMaxLength} characters.`,
  accountLong: `The account name is too long: use at most ${ENTRY_LIMITS.nameMaxLength} characters.`,
  digits: `Codes must have ${ENTRY_LIMITS.digitsMin} to ${ENTRY_LIMITS.digitsMax} digits (most sites use 6).`,
  period: `The period must be ${ENTRY_LIMITS.periodMin} to ${ENTRY_LIMITS.periodMax} seconds (most sites use 30).`,
  counter: 'The counter must be a whole number, 0 or more (a new account starts at 0).',
  secretEmpty: 'Enter the secret key the site shows (letters A to Z and the digits 2 to 7).',
  secretLong: `The secret key is too long (over ${ENTRY_LIMITS.secretTextMaxLength} characters): copy only the key.`,
  secretBytes: 'The secret key is too long: copy only the key.',
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
  if (issuer.length > ENTRY_LIMITS.nameMaxLength) problems['issuer'] = ENTRY_MESSAGES.issuerLong;
  if (account.length > ENTRY_LIMITS.nameMaxLength) problems['account'] = ENTRY_MESSAGES.accountLong;
  if (issuer === '' && account === '') problems['account'] = ENTRY_MESSAGES.names;
  if (fields.type !== 'steam') {
    if (!inRange(fields.digits, ENTRY_LIMITS.digitsMin, ENTRY_LIMITS.digitsMax)) {
      problems['digits'] = ENTRY_MESSAGES.digits;
    }
    if (fields.type === 'totp' && !inRange(fields.period, ENTRY_LIMITS.periodMin, ENTRY_LIMITS.periodMax)) {
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

/** The secret as main's lenient base32 reads it: separators ignored, `=` only at the end, within the byte bounds. */
function checkSecret(secret: string): string | null {
  if (secret.length > ENTRY_LIMITS.secretTextMaxLength) return ENTRY_MESSAGES.secretLong;
  const compact = secret.replace(/[\s-]/g, '');
  const body = compact.replace(/=+$/, '');
  if (body === '') return ENTRY_MESSAGES.secretEmpty;
  const bad = body.search(/[^A-Za-z2-7]/);
  if (bad >= 0)
    return body.charAt(bad) === '=' ? ENTRY_MESSAGES.secretPadding : ENTRY_MESSAGES.secretCharacter(bad + 1);
  // Every 8 bits of the 5-bit letters make a byte; the bits left over are dropped.
  const bytes = Math.floor((body.length * 5) / 8);
  if (bytes > ENTRY_LIMITS.secretMaxBytes) return ENTRY_MESSAGES.secretBytes;
  return bytes < ENTRY_LIMITS.secretMinBytes ? ENTRY_MESSAGES.secretShort : null;
}
