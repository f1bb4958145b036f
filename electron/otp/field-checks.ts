// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The checks of single entry fields (validate.ts runs them over a whole entry): each gives the
 * field's value, or the problem with a plain sentence for the person and a technical reason.
 */
import { ENTRY_LIMITS, isOtpAlgorithm, normaliseTags, tagsProblem, type OtpAlgorithm } from '../domain';
import { Base32Error, base32Decode } from './base32';

/** One refused field: the technical `reason`, and the plain `message` for the person. */
export type Problem = { readonly field: string; readonly reason: string; readonly message: string };
/** A field's value, or why it is refused. */
export type Check<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Problem);

export const pass = <T>(value: T): Check<T> => ({ ok: true, value });
/** A field refused: the technical `reason`, and the plain `message` for the person. */
export const fail = (field: string, reason: string, message: string): Check<never> => ({
  ok: false,
  field,
  reason,
  message,
});

/** C0/C1 controls and lone surrogates: they corrupt terminals, logs and URIs. */
export const CONTROL_OR_LONE_SURROGATE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Notes may span lines. */
export const CONTROL_EXCEPT_LINES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** How the plain sentences name each text field. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  issuer: 'The issuer',
  account: 'The account name',
  notes: 'The notes',
};

export function algorithmOf(algorithm: string): Check<OtpAlgorithm> {
  if (isOtpAlgorithm(algorithm)) return pass(algorithm);
  return fail(
    'algorithm',
    `'${printable(algorithm)}' is not one of SHA1, SHA256, SHA512`,
    'The algorithm must be SHA-1, SHA-256 or SHA-512 (most sites use SHA-1).',
  );
}

export function steamAlgorithmOf(algorithm: OtpAlgorithm): Check<OtpAlgorithm> {
  if (algorithm === ENTRY_LIMITS.steamAlgorithm) return pass(algorithm);
  return fail('algorithm', 'Steam Guard codes always use SHA1', 'Steam Guard codes always use SHA-1: choose SHA-1.');
}

export function steamPeriodOf(period: number | undefined): Check<number> {
  if (period === undefined || period === ENTRY_LIMITS.steamPeriod) return pass(ENTRY_LIMITS.steamPeriod);
  return fail(
    'period',
    `Steam Guard codes always use a ${ENTRY_LIMITS.steamPeriod}-second period`,
    `Steam Guard codes always change every ${ENTRY_LIMITS.steamPeriod} seconds: use a period of ${ENTRY_LIMITS.steamPeriod}.`,
  );
}

export function digitsOf(digits: number | undefined): Check<number> {
  return integer(digits ?? ENTRY_LIMITS.defaultDigits, 'digits', ENTRY_LIMITS.digitsMin, ENTRY_LIMITS.digitsMax);
}

/** What to say about a number out of range, per field. */
const RANGE_MESSAGES: Readonly<Record<string, (min: number, max: number) => string>> = {
  digits: (min, max) => `Codes must have ${min} to ${max} digits (most sites use 6).`,
  period: (min, max) => `The period must be ${min} to ${max} seconds (most sites use 30).`,
  counter: () => 'The counter must be a whole number, 0 or more (a new account starts at 0).',
};

export function integer(value: number, field: string, min: number, max: number): Check<number> {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const message = RANGE_MESSAGES[field]?.(min, max) ?? `Enter a whole number from ${min} to ${max}.`;
    return fail(field, `must be a whole number from ${min} to ${max}`, message);
  }
  return pass(value);
}

const SECRET_LETTERS = 'letters A to Z and the digits 2 to 7';

export function decodeSecret(secret: string): Check<Uint8Array> {
  if (typeof secret !== 'string') return fail('secret', 'must be base32 text', 'Enter the secret key as text.');
  if (secret.length > ENTRY_LIMITS.secretTextMaxLength) {
    return fail(
      'secret',
      `is longer than ${ENTRY_LIMITS.secretTextMaxLength} characters`,
      `The secret key is too long (over ${ENTRY_LIMITS.secretTextMaxLength} characters): copy only the key.`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(secret);
  } catch (error) {
    if (error instanceof Base32Error) return fail('secret', error.message, badSecretMessage(secret, error.index));
    throw error;
  }
  if (bytes.length > ENTRY_LIMITS.secretMaxBytes) {
    bytes.fill(0);
    return fail(
      'secret',
      `holds more than ${ENTRY_LIMITS.secretMaxBytes} bytes`,
      'The secret key is too long: copy only the key.',
    );
  }
  if (bytes.length > 0) return pass(bytes);
  if (secret.replace(/[\s=-]/g, '') === '') {
    return fail('secret', 'is empty', `Enter the secret key the site shows (${SECRET_LETTERS}).`);
  }
  return fail('secret', 'holds less than one byte', 'The secret key is too short: copy the whole key again.');
}

/** What is wrong with a secret the decoder refused at `index` (of the text without separators). */
function badSecretMessage(secret: string, index: number): string {
  if (secret.replace(/[\s-]/g, '').charAt(index) === '=') {
    return 'The secret key has “=” before its end: copy the key again.';
  }
  return `The secret key can only contain the ${SECRET_LETTERS}, and character ${index + 1} is not one of them: check it against the site.`;
}

export function name(value: string, field: string): Check<string> {
  if (typeof value !== 'string') return notText(field);
  return text(value.trim(), field, ENTRY_LIMITS.nameMaxLength, CONTROL_OR_LONE_SURROGATE);
}

/**
 * An account's tags (domain/tags.ts): a list of texts, put in normal form (trimmed, inner white space
 * one space, empties and repeats ignoring case dropped), then checked against the vault's limits.
 * Absent means none.
 */
export function tagsOf(value: readonly string[] | undefined): Check<string[]> {
  if (value === undefined) return pass([]);
  if (!Array.isArray(value) || !value.every((t) => typeof t === 'string')) {
    return fail('tags', 'must be a list of texts', 'The tags must be a list of words.');
  }
  if (value.some((t) => LONE_SURROGATE.test(t))) {
    return fail('tags', 'contains a lone surrogate', 'A tag contains invisible characters: type it again.');
  }
  const tags = normaliseTags(value);
  const problem = tagsProblem(tags);
  if (problem !== null) return fail('tags', problem.replace(/\.$/, ''), problem);
  return pass(tags);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function text(value: string, field: string, max: number, forbidden: RegExp): Check<string> {
  const subject = FIELD_NAMES[field] ?? 'This text';
  if (typeof value !== 'string') return notText(field);
  if (value.length > max) {
    return fail(field, `is longer than ${max} characters`, `${subject} is too long: use at most ${max} characters.`);
  }
  if (forbidden.test(value)) {
    return fail(
      field,
      'contains control characters',
      `${subject} contains invisible control characters: type it again without them.`,
    );
  }
  return pass(value);
}

function notText(field: string): Check<never> {
  return fail(field, 'must be text', `${FIELD_NAMES[field] ?? 'This value'} must be text.`);
}

/** Echoes a short, harmless rendering of a rejected enum value (never a secret). */
export function printable(value: string): string {
  const shown = value.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 20 ? `${shown.slice(0, 20)}…` : shown;
}
