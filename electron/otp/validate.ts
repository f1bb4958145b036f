// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Business rules for a new entry, shared by the app (typed or pasted input), the URI parser and the
 * CLI: defaults filled in, ranges checked, the secret decoded once into bytes. A failure names the
 * field, so the form can point at it and the CLI can say which flag is wrong.
 */
import type { NewEntryInput, OtpAlgorithm, OtpType } from '../ipc/contract';
import type { OtpParameters } from '../vault/entry';
import { Base32Error, base32Decode } from './base32';
import { isOtpAlgorithm, isOtpType, missingCaseError, OTP_LIMITS } from './limits';

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

export type EntryValidation =
  | { readonly ok: true; readonly value: ValidEntry; readonly warnings: readonly ValidationWarning[] }
  | {
      readonly ok: false;
      readonly field: string;
      /** `Invalid '<field>': <reason>.` — a sentence that names the field. */
      readonly message: string;
      /** The reason alone, for callers that phrase the field differently (the URI parser). */
      readonly reason: string;
    };

type Check<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly field: string; readonly reason: string };

const pass = <T>(value: T): Check<T> => ({ ok: true, value });
const fail = (field: string, reason: string): Check<never> => ({ ok: false, field, reason });

/** C0/C1 controls and lone surrogates: they corrupt terminals, logs and URIs. */
const CONTROL_OR_LONE_SURROGATE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** Notes may span lines. */
const CONTROL_EXCEPT_LINES =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Checks a new entry and fills in the defaults: algorithm SHA1, digits 6, period 30 (TOTP), counter
 * 0 (HOTP). Steam entries are always 5 characters, SHA1, 30 s: a `digits` value is ignored, and an
 * `algorithm` or `period` other than Steam's is refused because it would give wrong codes.
 * Parameters that do not apply to the type (`period` on HOTP, `counter` on TOTP) are ignored.
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-4 (secret length)
 */
export function validateEntryInput(input: NewEntryInput): EntryValidation {
  const checked = checkEntry(input);
  if (!checked.ok) {
    return {
      ok: false,
      field: checked.field,
      reason: checked.reason,
      message: `Invalid '${checked.field}': ${checked.reason}.`,
    };
  }
  const warnings: ValidationWarning[] = [];
  if (checked.value.params.secret.length < OTP_LIMITS.weakSecretBytes) {
    warnings.push({
      field: 'secret',
      message: `The secret is only ${checked.value.params.secret.length * 8} bits long; codes from it are easier to guess.`,
    });
  }
  return { ok: true, value: checked.value, warnings };
}

function checkEntry(input: NewEntryInput): Check<ValidEntry> {
  const type: string = input.type;
  if (!isOtpType(type)) return fail('type', `'${printable(type)}' is not one of totp, hotp, steam`);
  const issuer = name(input.issuer, 'issuer');
  if (!issuer.ok) return issuer;
  const account = name(input.account, 'account');
  if (!account.ok) return account;
  if (issuer.value === '' && account.value === '') return fail('account', 'enter an issuer or an account name');
  const group = optionalGroup(input.group);
  if (!group.ok) return group;
  const notes = text(input.notes ?? '', 'notes', OTP_LIMITS.notesMaxLength, CONTROL_EXCEPT_LINES);
  if (!notes.ok) return notes;
  const otp = otpParameters(type, input);
  if (!otp.ok) return otp;
  const secret = decodeSecret(input.secret);
  if (!secret.ok) return secret;
  return pass({
    issuer: issuer.value,
    account: account.value,
    group: group.value,
    notes: notes.value,
    favourite: input.favourite ?? false,
    params: { ...otp.value, secret: secret.value },
  });
}

type OtpShape = Omit<OtpParameters, 'secret'>;

function otpParameters(type: OtpType, input: NewEntryInput): Check<OtpShape> {
  const algorithm = input.algorithm ?? OTP_LIMITS.defaultAlgorithm;
  if (!isOtpAlgorithm(algorithm))
    return fail('algorithm', `'${printable(algorithm)}' is not one of SHA1, SHA256, SHA512`);
  switch (type) {
    case 'steam':
      return steamParameters(algorithm, input.period);
    case 'totp': {
      const digits = digitsOf(input.digits);
      if (!digits.ok) return digits;
      const period = integer(
        input.period ?? OTP_LIMITS.defaultPeriod,
        'period',
        OTP_LIMITS.periodMin,
        OTP_LIMITS.periodMax,
      );
      if (!period.ok) return period;
      return pass({ type, algorithm, digits: digits.value, period: period.value, counter: null });
    }
    case 'hotp': {
      const digits = digitsOf(input.digits);
      if (!digits.ok) return digits;
      const counter = integer(input.counter ?? 0, 'counter', 0, Number.MAX_SAFE_INTEGER);
      if (!counter.ok) return counter;
      return pass({ type, algorithm, digits: digits.value, period: null, counter: counter.value });
    }
    default:
      throw missingCaseError(type);
  }
}

function steamParameters(algorithm: OtpAlgorithm, period: number | undefined): Check<OtpShape> {
  if (algorithm !== OTP_LIMITS.steamAlgorithm) return fail('algorithm', 'Steam Guard codes always use SHA1');
  if (period !== undefined && period !== OTP_LIMITS.steamPeriod) {
    return fail('period', `Steam Guard codes always use a ${OTP_LIMITS.steamPeriod}-second period`);
  }
  return pass({
    type: 'steam',
    algorithm,
    digits: OTP_LIMITS.steamDigits,
    period: OTP_LIMITS.steamPeriod,
    counter: null,
  });
}

function digitsOf(digits: number | undefined): Check<number> {
  return integer(digits ?? OTP_LIMITS.defaultDigits, 'digits', OTP_LIMITS.digitsMin, OTP_LIMITS.digitsMax);
}

function integer(value: number, field: string, min: number, max: number): Check<number> {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    return fail(field, `must be a whole number from ${min} to ${max}`);
  }
  return pass(value);
}

function decodeSecret(secret: string): Check<Uint8Array> {
  if (typeof secret !== 'string') return fail('secret', 'must be base32 text');
  if (secret.length > OTP_LIMITS.secretTextMaxLength) {
    return fail('secret', `is longer than ${OTP_LIMITS.secretTextMaxLength} characters`);
  }
  let bytes: Uint8Array;
  try {
    bytes = base32Decode(secret);
  } catch (error) {
    if (error instanceof Base32Error) return fail('secret', error.message);
    throw error;
  }
  if (bytes.length === 0)
    return fail('secret', 'is empty: enter the base32 key the service showed (letters A–Z and digits 2–7)');
  return pass(bytes);
}

function name(value: string, field: string): Check<string> {
  if (typeof value !== 'string') return fail(field, 'must be text');
  return text(value.trim(), field, OTP_LIMITS.nameMaxLength, CONTROL_OR_LONE_SURROGATE);
}

function optionalGroup(value: string | null | undefined): Check<string | null> {
  if (value === null || value === undefined) return pass(null);
  if (typeof value !== 'string') return fail('group', 'must be text');
  const group = text(value.trim(), 'group', OTP_LIMITS.groupMaxLength, CONTROL_OR_LONE_SURROGATE);
  if (!group.ok) return group;
  return pass(group.value === '' ? null : group.value);
}

function text(value: string, field: string, max: number, forbidden: RegExp): Check<string> {
  if (typeof value !== 'string') return fail(field, 'must be text');
  if (value.length > max) return fail(field, `is longer than ${max} characters`);
  if (forbidden.test(value)) return fail(field, 'contains control characters');
  return pass(value);
}

/** Echoes a short, harmless rendering of a rejected enum value (never a secret). */
function printable(value: string): string {
  const shown = value.replace(/[^\x20-\x7e]/g, '?');
  return shown.length > 20 ? `${shown.slice(0, 20)}…` : shown;
}
