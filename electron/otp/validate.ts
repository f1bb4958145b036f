// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Business rules for a new entry, shared by the app (typed or pasted input), the URI parser and the
 * CLI: defaults filled in, ranges checked, the secret decoded once into bytes. A failure names every
 * offending field, so the form can point at each at once and the CLI can say which flag is wrong;
 * each problem comes as a plain sentence for the person and a technical one for "Details". The
 * checks of single fields are field-checks.ts.
 */
import { ENTRY_LIMITS, isOtpType, missingCaseError, type NewEntryInput, type OtpType } from '../domain';
import type { OtpParameters } from '../vault/entry';
import {
  algorithmOf,
  CONTROL_EXCEPT_LINES,
  decodeSecret,
  digitsOf,
  fail,
  integer,
  name,
  printable,
  steamAlgorithmOf,
  steamPeriodOf,
  tagsOf,
  text,
  type Check,
  type Problem,
} from './field-checks';

/** A checked entry, ready for the vault. The caller owns `params.secret` and should wipe it once stored. */
export interface ValidEntry {
  readonly issuer: string;
  readonly account: string;
  /** In normal form (domain/tags.ts), within the vault's limits. */
  readonly tags: readonly string[];
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

/**
 * An account's tags as given (an edit, the CLI's `--tag`): their normal form (domain/tags.ts), or
 * the problem as a field problem of `tags` with the plain sentence.
 */
export function validateTags(
  tags: readonly string[],
): { readonly ok: true; readonly value: string[] } | ({ readonly ok: false } & FieldProblem) {
  const checked = tagsOf(tags);
  if (checked.ok) return checked;
  return {
    ok: false,
    field: checked.field,
    message: checked.message,
    reason: checked.reason,
    details: `Invalid '${checked.field}': ${checked.reason}.`,
  };
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
  const tags = take(tagsOf(input.tags));
  const notes = take(text(input.notes ?? '', 'notes', ENTRY_LIMITS.notesMaxLength, CONTROL_EXCEPT_LINES));
  const otp = knownType === undefined ? undefined : otpParameters(knownType, input, take);
  const secret = take(decodeSecret(input.secret));
  if (
    problems.length > 0 ||
    issuer === undefined ||
    account === undefined ||
    tags === undefined ||
    notes === undefined ||
    otp === undefined ||
    secret === undefined
  ) {
    secret?.fill(0);
    return { ok: false, problems };
  }
  return {
    ok: true,
    value: { issuer, account, tags, notes, favourite: input.favourite ?? false, params: { ...otp, secret } },
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
