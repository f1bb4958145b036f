// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Business rules for a new entry, shared by the app (typed or pasted input), the URI parser and the
 * CLI: defaults filled in, ranges checked, the secret decoded once into bytes. A failure names every
 * offending field, so the form can point at each at once and the CLI can say which flag is wrong;
 * each problem comes as a plain sentence for the person and a technical one for "Details".
 */
import {
  ENTRY_LIMITS,
  isOtpAlgorithm,
  isOtpType,
  missingCaseError,
  type NewEntryInput,
  type OtpAlgorithm,
  type OtpType,
} from '../domain';
import type { OtpParameters } from '../vault/entry';
import { Base32Error, base32Decode } from './base32';

/** A checked entry, ready for the vault. The caller owns `params.secret` and should wipe it once stored. */
export interface ValidEntry {
  readonly issuer: string;
  readonly account: string;
  readonly group: string | null;
  readonly notes: string;
  readonly favourite: boolean;
  readonly params: OtpParameters;
}

/** Something allowed but worth telling the user (for example a short secret). */
export interface ValidationWarning {
  readonly field: string;
  readonly message: string;
}

/** One field that cannot be accepted. */
export interface FieldProblem {
  readonly field: string;
  /**
   * What is wrong and what to do, in plain words for the person (no field names in quotes, no
   * "base32"): the window shows it next to the field, the CLI prints it.
   */
  readonly message: string;
  /** The technical reason alone ("'!' at position 8 is not a base32 character (A–Z, 2–7)"). */
  readonly reason: string;
  /** `Invalid '<field>': <reason>.` — the technical detail, one click away ("Details") in the window. */
  readonly details: string;
}

export type EntryValidation =
  | { readonly ok: true; readonly value: ValidEntry; readonly warnings: readonly ValidationWarning[] }
  | {
      readonly ok: false;
      /** The first offending field, and its problem's sentences (see `problems` for all of them). */
      readonly field: string;
      readonly message: string;
      readonly reason: string;
      readonly details: string;
      /** Every offending field, in the order the entry's parts are checked; never empty. */
      readonly problems: readonly FieldProblem[];
    };

type Problem = { readonly field: string; readonly reason: string; readonly message: string };
type Check<T> = { readonly ok: true; readonly value: T } | ({ readonly ok: false } & Problem);

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
/** A field refused: the technical `reason`, and the plain `message` for the person. */
const fail = (field: string, reason: string, message: string): Check<never> => ({ ok: false, field, reason, message });

/** C0/C1 controls and lone surrogates: they corrupt terminals, logs and URIs. */
const CONTROL_OR_LONE_SURROGATE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Notes may span lines. */
const CONTROL_EXCEPT_LINES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** How the plain sentences name each text field. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  issuer: 'The issuer',
  account: 'The account name',
  group: 'The group',
  notes: 'The notes',
};

/**
 * Checks a new entry and fills in the defaults: algorithm SHA1, digits 6, period 30 (TOTP), counter
 * 0 (HOTP). Steam entries are always 5 characters, SHA1, 30 s: a `digits` value is ignored, and an
 * `algorithm` or `period` other than Steam's is refused because it would give wrong codes.
 * Parameters that do not apply to the type (`period` on HOTP, `counter` on TOTP) are ignored.
 * Every field is checked, so a form can show all its problems at once, not one per attempt.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-4 (secret length)
 */
export function validateEntryInput(input: NewEntryInput): EntryValidation {
  const checked = checkEntry(input);
  if (!checked.ok) {
    const problems = checked.problems.map((p): FieldProblem => ({
      ...p,
      details: `Invalid '${p.field}': ${p.reason}.`,
    }));
    const [first] = problems as [FieldProblem, ...FieldProblem[]];
    return {
      ok: false,
      field: first.field,
      message: first.message,
      reason: first.reason,
      details: first.details,
      problems,
    };
  }
  const warnings: ValidationWarning[] = [];
  if (checked.value.params.secret.length < ENTRY_LIMITS.weakSecretBytes) {
    warnings.push({
      field: 'secret',
      message: `The secret is only ${checked.value.params.secret.length * 8} bits long; codes from it are easier to guess.`,
    });
  }
  return { ok: true, value: checked.value, warnings };
}

function checkEntry(
  input: NewEntryInput,
): { readonly ok: true; readonly value: ValidEntry } | { readonly ok: false; readonly problems: readonly Problem[] } {
  const problems: Problem[] = [];
  const take: Take = (check) => {
    if (check.ok) return check.value;
    problems.push({ field: check.field, reason: check.reason, message: check.message });
    return undefined;
  };
  const type: string = input.type;
  const knownType = isOtpType(type)
    ? type
    : take<OtpType>(
        fail(
          'type',
          `'${printable(type)}' is not one of totp, hotp, steam`,
          'The type must be time-based (TOTP), counter-based (HOTP) or Steam Guard.',
        ),
      );
  const issuer = take(name(input.issuer, 'issuer'));
  const account = take(name(input.account, 'account'));
  if (issuer === '' && account === '') {
    take(
      fail('account', 'enter an issuer or an account name', 'Enter the service’s name or your account name (or both).'),
    );
  }
  const group = take(optionalGroup(input.group));
  const notes = take(text(input.notes ?? '', 'notes', ENTRY_LIMITS.notesMaxLength, CONTROL_EXCEPT_LINES));
  const otp = knownType === undefined ? undefined : otpParameters(knownType, input, take);
  const secret = take(decodeSecret(input.secret));
  if (
    problems.length > 0 ||
    issuer === undefined ||
    account === undefined ||
    group === undefined ||
    notes === undefined ||
    otp === undefined ||
    secret === undefined
  ) {
    secret?.fill(0);
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: { issuer, account, group, notes, favourite: input.favourite ?? false, params: { ...otp, secret } },
  };
}

type OtpShape = Omit<OtpParameters, 'secret'>;
/** Keeps a check's value, or records its problem and gives undefined. */
type Take = <T>(check: Check<T>) => T | undefined;

function otpParameters(type: OtpType, input: NewEntryInput, take: Take): OtpShape | undefined {
  const algorithm = take(algorithmOf(input.algorithm ?? ENTRY_LIMITS.defaultAlgorithm));
  switch (type) {
    case 'steam': {
      const steamAlgorithm = algorithm === undefined ? undefined : take(steamAlgorithmOf(algorithm));
      const period = take(steamPeriodOf(input.period));
      if (steamAlgorithm === undefined || period === undefined) return undefined;
      return { type, algorithm: steamAlgorithm, digits: ENTRY_LIMITS.steamDigits, period, counter: null };
    }
    case 'totp': {
      const digits = take(digitsOf(input.digits));
      const period = take(
        integer(input.period ?? ENTRY_LIMITS.defaultPeriod, 'period', ENTRY_LIMITS.periodMin, ENTRY_LIMITS.periodMax),
      );
      if (algorithm === undefined || digits === undefined || period === undefined) return undefined;
      return { type, algorithm, digits, period, counter: null };
    }
    case 'hotp': {
      const digits = take(digitsOf(input.digits));
      const counter = take(integer(input.counter ?? 0, 'counter', 0, Number.MAX_SAFE_INTEGER));
      if (algorithm === undefined || digits === undefined || counter === undefined) return undefined;
      return { type, algorithm, digits, period: null, counter };
    }
    default:
      throw missingCaseError(type);
  }
}

function algorithmOf(algorithm: string): Check<OtpAlgorithm> {
  if (isOtpAlgorithm(algorithm)) return pass(algorithm);
  return fail(
    'algorithm',
    `'${printable(algorithm)}' is not one of SHA1, SHA256, SHA512`,
    'The algorithm must be SHA-1, SHA-256 or SHA-512 (most sites use SHA-1).',
  );
}

function steamAlgorithmOf(algorithm: OtpAlgorithm): Check<OtpAlgorithm> {
  if (algorithm === ENTRY_LIMITS.steamAlgorithm) return pass(algorithm);
  return fail('algorithm', 'Steam Guard codes always use SHA1', 'Steam Guard codes always use SHA-1: choose SHA-1.');
}

function steamPeriodOf(period: number | undefined): Check<number> {
  if (period === undefined || period === ENTRY_LIMITS.steamPeriod) return pass(ENTRY_LIMITS.steamPeriod);
  return fail(
    'period',
    `Steam Guard codes always use a ${ENTRY_LIMITS.steamPeriod}-second period`,
    `Steam Guard codes always change every ${ENTRY_LIMITS.steamPeriod} seconds: use a period of ${ENTRY_LIMITS.steamPeriod}.`,
  );
}

function digitsOf(digits: number | undefined): Check<number> {
  return integer(digits ?? ENTRY_LIMITS.defaultDigits, 'digits', ENTRY_LIMITS.digitsMin, ENTRY_LIMITS.digitsMax);
}

/** What to say about a number out of range, per field. */
const RANGE_MESSAGES: Readonly<Record<string, (min: number, max: number) => string>> = {
  digits: (min, max) => `Codes must have ${min} to ${max} digits (most sites use 6).`,
  period: (min, max) => `The period must be ${min} to ${max} seconds (most sites use 30).`,
  counter: () => 'The counter must be a whole number, 0 or more (a new account starts at 0).',
};

function integer(value: number, field: string, min: number, max: number): Check<number> {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const message = RANGE_MESSAGES[field]?.(min, max) ?? `Enter a whole number from ${min} to ${max}.`;
    return fail(field, `must be a whole number from ${min} to ${max}`, message);
  }
  return pass(value);
}

const SECRET_LETTERS = 'letters A to Z and the digits 2 to 7';

function decodeSecret(secret: string): Check<Uint8Array> {
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

function name(value: string, field: string): Check<string> {
  if (typeof value !== 'string') return notText(field);
  return text(value.trim(), field, ENTRY_LIMITS.nameMaxLength, CONTROL_OR_LONE_SURROGATE);
}

function optionalGroup(value: string | null | undefined): Check<string | null> {
  if (value === null || value === undefined) return pass(null);
  if (typeof value !== 'string') return notText('group');
  const group = text(value.trim(), 'group', ENTRY_LIMITS.groupMaxLength, CONTROL_OR_LONE_SURROGATE);
  if (!group.ok) return group;
  return pass(group.value === '' ? null : group.value);
}

function text(value: string, field: string, max: number, forbidden: RegExp): Check<string> {
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
function printable(value: string): string {
  const shown = value.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 20 ? `${shown.slice(0, 20)}…` : shown;
}
