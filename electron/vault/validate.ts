// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Entry validation, shared by add/update/setCounter and by loading a payload. The limits are the
 * domain's one table (ENTRY_LIMITS); each failure is an `EntryValidationError` naming the field and
 * saying what is allowed.
 */
import {
  BUNDLED_ICON_ID_RE,
  ENTRY_LIMITS,
  isOtpAlgorithm,
  isOtpType,
  OTP_ALGORITHMS,
  OTP_TYPES,
  normaliseTags,
  tagsProblem,
  type EntryPatch,
  type IconChoice,
} from '../domain';
import { ENTRY_CHANGE_PARTS, type NewVaultEntry, type OtpParameters, type VaultEntry } from './entry';
import { EntryValidationError } from './errors';
import { notesDigest } from './notes-digest';
import { MAX_CONFLICT_NOTES, MAX_NOTES_SUPERSEDED, NOTES_DIGEST_RE } from './record-limits';
import { ICON_ID_RE, storedIconProblem } from './stored-icons';

const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const NOTES_CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** A bundled icon's id (icons/bundled.ts): a slug such as "github" or "about.me". */

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
  if (patch.tags !== undefined) validateTags(normalisedTags(patch.tags));
  if (patch.icon !== undefined) validateIconChoice(patch.icon);
  if (patch.notes !== undefined) checkText('notes', patch.notes, L.notesMaxLength, NOTES_CONTROL_RE, 'notes');
  if (patch.favourite !== undefined && typeof patch.favourite !== 'boolean') {
    fail('favourite', 'Favourite must be true or false.');
  }
}

/**
 * Tags as given (a patch, a new entry) in normal form (domain/tags.ts normaliseTags): what the
 * vault stores. Refuses what is not a list of text.
 */
export function normalisedTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) fail('tags', 'Tags must be a list of text.');
  if (tags.length > ENTRY_LIMITS.maxTags * 4) fail('tags', `An account has at most ${ENTRY_LIMITS.maxTags} tags.`);
  return normaliseTags(tags as string[]);
}

/** A list of tags as stored: already in normal form (domain/tags.ts), within the limits. */
export function validateTags(tags: unknown): void {
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) fail('tags', 'Tags must be a list of text.');
  const problem = tagsProblem(tags as string[]);
  if (problem !== null) fail('tags', problem);
  if ((tags as string[]).some((t) => LONE_SURROGATE_RE.test(t))) fail('tags', 'A tag contains invalid Unicode.');
}

/** An icon choice: null (automatic), the letter tile, a bundled icon's id or a custom icon's SHA-256. */
export function validateIconChoice(icon: unknown): asserts icon is IconChoice | null {
  if (icon === null) return;
  if (typeof icon !== 'object' || Array.isArray(icon)) fail('icon', 'The icon choice is not valid.');
  const c = icon as Record<string, unknown>;
  const keys = Object.keys(c).sort().join(',');
  if (c.kind === 'letter' && keys === 'kind') return;
  if (c.kind === 'bundled' && keys === 'id,kind' && typeof c.id === 'string' && BUNDLED_ICON_ID_RE.test(c.id)) return;
  if (c.kind === 'custom' && keys === 'id,kind' && typeof c.id === 'string' && ICON_ID_RE.test(c.id)) return;
  fail('icon', 'The icon choice is not valid.');
}

/** A new entry before the vault mints its id and times. */
export function validateNewEntry(input: NewVaultEntry): void {
  if (typeof input !== 'object' || input === null) fail('entry', 'The entry must be an object.');
  validateOtpParameters(input);
  validatePatch({
    issuer: input.issuer,
    account: input.account,
    ...(input.tags === undefined ? {} : { tags: input.tags }),
    ...(input.notes === undefined ? {} : { notes: input.notes }),
    ...(input.favourite === undefined ? {} : { favourite: input.favourite }),
  });
  if (typeof input.issuer !== 'string') fail('issuer', 'The issuer must be text.');
  if (typeof input.account !== 'string') fail('account', 'The account name must be text.');
  if (input.iconImage !== undefined) {
    const image = input.iconImage as unknown;
    if (typeof image !== 'object' || image === null) fail('iconImage', 'The icon image is not valid.');
    const problem = storedIconProblem(input.iconImage.mime, input.iconImage.bytes);
    if (problem !== null) fail('iconImage', problem);
  }
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
  validateTags(entry.tags);
  validateIconChoice(entry.icon);
  if (!Number.isSafeInteger(entry.sortOrder) || entry.sortOrder < 0) {
    fail('sortOrder', 'The sort order must be a non-negative whole number.');
  }
  checkTime('createdAt', entry.createdAt);
  checkTime('updatedAt', entry.updatedAt);
  validateChangeTimes(entry.changed);
  validateNotesHistory(entry);
}

/** Exactly the parts of ENTRY_CHANGE_PARTS, each a time. */
function validateChangeTimes(changed: unknown): void {
  if (typeof changed !== 'object' || changed === null || Array.isArray(changed)) {
    fail('changed', 'The change times must be an object.');
  }
  const keys = Object.keys(changed);
  if (keys.length !== ENTRY_CHANGE_PARTS.length || !ENTRY_CHANGE_PARTS.every((p) => keys.includes(p))) {
    fail('changed', `The change times must be exactly ${ENTRY_CHANGE_PARTS.join(', ')}.`);
  }
  for (const part of ENTRY_CHANGE_PARTS) checkTime('changed', (changed as Record<string, unknown>)[part]);
}

/** Whether `list` is strictly increasing (sorted, no repeats) in code-unit order. */
function isSortedSet(list: readonly string[]): boolean {
  return list.every((s, i) => i === 0 || (list[i - 1] as string) < s);
}

/**
 * `notesSuperseded`: sorted, unique digests. `conflictNotes`: sorted, unique, non-empty notes texts,
 * none the current notes and none superseded (a copy that is only behind adds no conflict).
 */
function validateNotesHistory(entry: VaultEntry): void {
  const superseded = entry.notesSuperseded as unknown;
  if (!Array.isArray(superseded) || superseded.length > MAX_NOTES_SUPERSEDED) {
    fail('notesSuperseded', `At most ${MAX_NOTES_SUPERSEDED} superseded notes are remembered.`);
  }
  if (!superseded.every((d) => typeof d === 'string' && NOTES_DIGEST_RE.test(d)) || !isSortedSet(superseded)) {
    fail('notesSuperseded', 'Superseded notes must be sorted, distinct digests of 16 hex digits.');
  }
  const conflicts = entry.conflictNotes as unknown;
  if (!Array.isArray(conflicts) || conflicts.length > MAX_CONFLICT_NOTES) {
    fail('conflictNotes', `An account keeps at most ${MAX_CONFLICT_NOTES} conflicting notes.`);
  }
  for (const text of conflicts) {
    checkText('conflictNotes', text, ENTRY_LIMITS.notesMaxLength, NOTES_CONTROL_RE, 'conflicting notes');
  }
  const texts = conflicts as string[];
  if (!isSortedSet(texts) || texts.some((t) => t === '' || t === entry.notes)) {
    fail('conflictNotes', 'Conflicting notes must be sorted, distinct, not empty and not the notes themselves.');
  }
  const digests = new Set(superseded as string[]);
  if (texts.some((t) => digests.has(notesDigest(t)))) {
    fail('conflictNotes', 'A conflicting note is one the notes already replaced.');
  }
}
