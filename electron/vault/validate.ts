// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Entry validation, shared by add/update/setCounter and by loading a payload. The limits are the
 * domain's one table (ENTRY_LIMITS); each failure is an `EntryValidationError` naming the field and
 * saying what is allowed.
 */
import { ENTRY_LIMITS, isOtpAlgorithm, isOtpType, OTP_ALGORITHMS, OTP_TYPES, type EntryPatch } from '../domain';
import type { NewVaultEntry, OtpParameters, VaultEntry } from './entry';
import { EntryValidationError } from './errors';

const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const NOTES_CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function fail(field: string, message: string): never {
  throw new EntryValidationError(field, message);
}

function checkText(field: string, value: unknown, max: number, controls: RegExp, label: string): void {
  if (typeof value !== 'string') fail(field, `The ${label} must be text.`);
  if (value.length > max) fail(field, `The ${label} is too long (at most ${max} characters).`);
  if (controls.test(value)) fail(field, `The ${label} contains control characters.`);
  if (LONE_SURROGATE_RE.test(value)) fail(field, `The ${label} contains invalid Unicode.`);
}

/** Whether `id` is a lowercase RFC 4122 version-4 UUID, the only id shape the vault mints. */
export function isEntryId(id: unknown): id is string {
  return typeof id === 'string' && UUID_V4_RE.test(id);
}

/** Type, algorithm, digits, period, counter and secret, with their cross-field rules. */
export function validateOtpParameters(p: OtpParameters): void {
  if (!isOtpType(p.type)) fail('type', `The type must be one of ${OTP_TYPES.join(', ')}.`);
  if (!isOtpAlgorithm(p.algorithm)) {
    fail('algorithm', `The algorithm must be one of ${OTP_ALGORITHMS.join(', ')}.`);
  }
  const { digitsMin, digitsMax, steamDigits, periodMin, periodMax } = ENTRY_LIMITS;
  if (p.type === 'steam') {
    if (p.digits !== steamDigits) fail('digits', `Steam Guard codes have ${steamDigits} characters.`);
  } else if (!Number.isInteger(p.digits) || p.digits < digitsMin || p.digits > digitsMax) {
    fail('digits', `The number of digits must be a whole number from ${digitsMin} to ${digitsMax}.`);
  }
  if (p.type === 'hotp') {
    if (p.period !== null) fail('period', 'Counter-based (HOTP) accounts have no period.');
    validateCounter(p.counter);
  } else {
    if (typeof p.period !== 'number' || !Number.isInteger(p.period) || p.period < periodMin || p.period > periodMax) {
      fail('period', `The period must be a whole number of seconds from ${periodMin} to ${periodMax}.`);
    }
    if (p.counter !== null) fail('counter', 'Only counter-based (HOTP) accounts have a counter.');
  }
  validateSecret(p.secret);
}

/** An HOTP counter: a non-negative safe integer. */
export function validateCounter(counter: unknown): asserts counter is number {
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) {
    fail('counter', 'The counter must be a whole number from 0 to 2^53 − 1.');
  }
}

/** Secret bytes: a Uint8Array of 1–1024 bytes. */
export function validateSecret(secret: unknown): void {
  const { secretMinBytes, secretMaxBytes } = ENTRY_LIMITS;
  if (!(secret instanceof Uint8Array)) fail('secret', 'The secret must be bytes.');
  if (secret.length < secretMinBytes || secret.length > secretMaxBytes) {
    fail('secret', `The secret must be ${secretMinBytes} to ${secretMaxBytes} bytes long.`);
  }
}

/** The user-editable metadata; only the fields present are checked. */
export function validatePatch(patch: EntryPatch): void {
  const L = ENTRY_LIMITS;
  if (typeof patch !== 'object' || patch === null) fail('patch', 'The change must be an object.');
  if (patch.issuer !== undefined) checkText('issuer', patch.issuer, L.nameMaxLength, CONTROL_RE, 'issuer');
  if (patch.account !== undefined) checkText('account', patch.account, L.nameMaxLength, CONTROL_RE, 'account name');
  if (patch.group !== undefined && patch.group !== null) {
    checkText('group', patch.group, L.groupMaxLength, CONTROL_RE, 'group name');
  }
  if (patch.notes !== undefined) checkText('notes', patch.notes, L.notesMaxLength, NOTES_CONTROL_RE, 'notes');
  if (patch.favourite !== undefined && typeof patch.favourite !== 'boolean') {
    fail('favourite', 'Favourite must be true or false.');
  }
}

/** A new entry before the vault mints its id and times. */
export function validateNewEntry(input: NewVaultEntry): void {
  if (typeof input !== 'object' || input === null) fail('entry', 'The entry must be an object.');
  validateOtpParameters(input);
  validatePatch({
    issuer: input.issuer,
    account: input.account,
    ...(input.group === undefined ? {} : { group: input.group }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    ...(input.favourite === undefined ? {} : { favourite: input.favourite }),
  });
  if (typeof input.issuer !== 'string') fail('issuer', 'The issuer must be text.');
  if (typeof input.account !== 'string') fail('account', 'The account name must be text.');
}

function checkTime(field: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(field, `The ${field} time must be a non-negative whole number of milliseconds.`);
  }
}

/** A complete stored entry (used when loading a payload and after every change). */
export function validateEntry(entry: VaultEntry): void {
  if (!isEntryId(entry.id)) fail('id', 'The entry id must be a version-4 UUID.');
  validateOtpParameters(entry);
  validatePatch(entry);
  if (typeof entry.issuer !== 'string') fail('issuer', 'The issuer must be text.');
  if (typeof entry.account !== 'string') fail('account', 'The account name must be text.');
  if (typeof entry.notes !== 'string') fail('notes', 'The notes must be text.');
  if (typeof entry.favourite !== 'boolean') fail('favourite', 'Favourite must be true or false.');
  if (entry.group === '') fail('group', 'The group name must not be empty; use no group instead.');
  if (!Number.isSafeInteger(entry.sortOrder) || entry.sortOrder < 0) {
    fail('sortOrder', 'The sort order must be a non-negative whole number.');
  }
  checkTime('createdAt', entry.createdAt);
  checkTime('updatedAt', entry.updatedAt);
}
