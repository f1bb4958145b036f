// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `otpauth://` links (the Key URI format that QR codes carry): parsing into an entry and building
 * one back. Lenient where real QR codes deviate from the spec and the meaning is still clear;
 * strict where guessing would give wrong codes. Every error names the field.
 *
 * Accepted deviations (docs/formats.md §7): any case in the scheme, type, parameter names and algorithm;
 * lower-case / spaced / hyphenated / padded base32 and lengths strict RFC 4648 rejects (see
 * base32.ts); `+` or `%20` for spaces in the query, percent-encoding in the label, a literal or
 * encoded `:` between issuer and account; the issuer in the label, in the parameter, in both
 * (the parameter wins when they differ) or nowhere; literal `null` or empty values meaning "absent";
 * unknown parameters (`codeDisplay`, `image`...) ignored; `period` on HOTP and `counter` on TOTP
 * ignored; HOTP without `counter` starts at 0 as Google Authenticator does.
 * Steam Guard: `otpauth://steam/...` (Aegis, Ente, 2FAS) or `otpauth://totp/...&encoder=steam`
 * (KeePassXC). An issuer of "Steam" alone does not make an entry Steam: a 5-digit TOTP is valid.
 * A `#` is kept as part of the text: the format has no fragment and some issuers contain one.
 *
 * @see https://github.com/google/google-authenticator/wiki/Key-Uri-Format
 */
import { ENTRY_LIMITS, isOtpAlgorithm, missingCaseError, type NewEntryInput, type OtpType } from '../domain';
import type { OtpParameters } from '../vault/entry';
import { base32Encode } from './base32';
import { validateEntryInput } from './validate';

/**
 * An `otpauth://` link that cannot become an entry; `field` names the offending part. The message
 * says what is wrong in plain words (callers may put "This link cannot be used." before it);
 * `details` is the technical sentence naming the parameter, for "Details".
 */
export class OtpUriError extends Error {
  readonly details: string;

  constructor(
    readonly field: string,
    message: string,
    options: { cause?: unknown; details?: string } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OtpUriError';
    this.details = options.details ?? message;
  }
}

/** What to do about a link that is damaged or incomplete. */
const COPY_AGAIN = 'Copy or scan the link again.';

/** A parsed link: names for display and the parameters for the vault (secret as bytes). */
export interface ParsedOtpUri {
  readonly issuer: string;
  readonly account: string;
  readonly params: OtpParameters;
}

const URI_RE = /^otpauth:\/\/([^/?#]*)\/*([^?]*)(?:\?(.*))?$/is;
const KNOWN_PARAMS = ['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder'] as const;
type KnownParam = (typeof KNOWN_PARAMS)[number];
const URI_TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp', steam: 'steam' };

/**
 * Parses an `otpauth://totp|hotp|steam/LABEL?PARAMS` link into an entry.
 * The returned `params.secret` is fresh bytes owned by the caller (wipe it once stored).
 * @throws OtpUriError naming the field (`uri`, `type`, `label`, `issuer`, `account`, `secret`,
 *   `algorithm`, `digits`, `period`, `counter`).
 */
export function parseOtpauthUri(uri: string): ParsedOtpUri {
  const text = typeof uri === 'string' ? uri.trim() : '';
  if (text.length > ENTRY_LIMITS.uriMaxLength) {
    throw new OtpUriError('uri', `The link is longer than ${ENTRY_LIMITS.uriMaxLength} characters.`);
  }
  const match = URI_RE.exec(text);
  if (!match) throw new OtpUriError('uri', 'This is not an otpauth:// link.');
  const [, rawType = '', rawLabel = '', rawQuery = ''] = match;
  const query = parseQuery(rawQuery);
  const type = typeOf(rawType, query.get('encoder'));
  const label = parseLabel(rawLabel);
  const secret = query.get('secret');
  if (secret === undefined) {
    throw new OtpUriError('secret', `The link holds no secret key. ${COPY_AGAIN}`, {
      details: "Missing 'secret' parameter.",
    });
  }

  const input: NewEntryInput = {
    type,
    issuer: query.get('issuer') ?? label.issuer,
    account: label.account,
    secret,
    ...optional('algorithm', algorithmOf(query.get('algorithm'))),
    ...(type !== 'steam' ? optional('digits', wholeNumber(query, 'digits')) : {}),
    ...(type !== 'hotp' ? optional('period', wholeNumber(query, 'period')) : {}),
    ...(type === 'hotp' ? optional('counter', wholeNumber(query, 'counter')) : {}),
  };
  const checked = validateEntryInput(input);
  if (!checked.ok) {
    const where = checked.field === 'issuer' || checked.field === 'account' ? '' : ' parameter';
    throw new OtpUriError(checked.field, checked.message, {
      details: `Invalid '${checked.field}'${where}: ${checked.reason}.`,
    });
  }
  return { issuer: checked.value.issuer, account: checked.value.account, params: checked.value.params };
}

/**
 * Builds the `otpauth://` link of an entry, the inverse of {@link parseOtpauthUri}: issuer in both
 * the label and the `issuer` parameter (as the spec recommends), base32 without padding, every
 * parameter written out. The result contains the secret: only for an explicit export or QR display.
 */
export function toOtpauthUri(entry: OtpParameters & { readonly issuer: string; readonly account: string }): string {
  const params = [`secret=${base32Encode(entry.secret)}`];
  if (entry.issuer !== '') params.push(`issuer=${encodeURIComponent(entry.issuer)}`);
  params.push(`algorithm=${entry.algorithm}`, `digits=${entry.digits}`);
  switch (entry.type) {
    case 'totp':
    case 'steam':
      params.push(`period=${entry.period ?? ENTRY_LIMITS.defaultPeriod}`);
      break;
    case 'hotp':
      params.push(`counter=${entry.counter ?? 0}`);
      break;
    default:
      throw missingCaseError(entry.type);
  }
  return `otpauth://${entry.type}/${buildLabel(entry.issuer, entry.account)}?${params.join('&')}`;
}

/** `Issuer:account` with each part encoded, so a `:` inside a part survives the round trip. */
function buildLabel(issuer: string, account: string): string {
  if (issuer !== '') return `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  // No issuer: a leading ':' keeps an account containing ':' from being read as "issuer:account".
  return account.includes(':') ? `:${encodeURIComponent(account)}` : encodeURIComponent(account);
}

/** Splits the label at the first literal ':'; without one, at the first encoded ':' (%3A). */
function parseLabel(raw: string): { issuer: string; account: string } {
  const colon = raw.indexOf(':');
  if (colon >= 0) {
    return { issuer: decodeLabel(raw.slice(0, colon)).trim(), account: decodeLabel(raw.slice(colon + 1)).trim() };
  }
  const decoded = decodeLabel(raw);
  const encodedColon = decoded.indexOf(':');
  if (encodedColon < 0) return { issuer: '', account: decoded.trim() };
  return { issuer: decoded.slice(0, encodedColon).trim(), account: decoded.slice(encodedColon + 1).trim() };
}

function decodeLabel(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch (cause) {
    throw new OtpUriError('label', `The account name in the link is damaged. ${COPY_AGAIN}`, {
      cause,
      details: "Invalid 'label': it contains a malformed %-escape.",
    });
  }
}

/** The known parameters, form-decoded (`+` is a space); `null` and empty values count as absent. */
function parseQuery(raw: string): Map<KnownParam, string> {
  const found = new Map<KnownParam, string>();
  for (const pair of raw.split('&')) {
    const eq = pair.indexOf('=');
    const key = (eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    if (!(KNOWN_PARAMS as readonly string[]).includes(key)) continue;
    const name = key as KnownParam;
    const value = formDecode(eq < 0 ? '' : pair.slice(eq + 1), name);
    const trimmed = value.trim();
    if (trimmed === '' || trimmed.toLowerCase() === 'null') continue;
    const previous = found.get(name);
    if (previous !== undefined && previous !== value) {
      throw new OtpUriError(name, `The link gives two different values for the same setting. ${COPY_AGAIN}`, {
        details: `Invalid '${name}' parameter: it appears twice with different values.`,
      });
    }
    found.set(name, value);
  }
  return found;
}

function formDecode(value: string, name: KnownParam): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch (cause) {
    throw new OtpUriError(name, `The link is damaged. ${COPY_AGAIN}`, {
      cause,
      details: `Invalid '${name}' parameter: it contains a malformed %-escape.`,
    });
  }
}

function typeOf(rawType: string, encoder: string | undefined): OtpType {
  const type = URI_TYPES[rawType.toLowerCase()];
  if (type === undefined) {
    const shown = rawType.replace(/[^\x21-\x7e]/g, '?').slice(0, 20);
    throw new OtpUriError(
      'type',
      'The link is for a kind of code Tessera does not make: it reads time-based (TOTP), counter-based (HOTP) and Steam Guard links.',
      { details: `Unsupported 'type' '${shown}': Tessera reads totp, hotp and steam links.` },
    );
  }
  return type === 'totp' && encoder?.trim().toLowerCase() === 'steam' ? 'steam' : type;
}

function algorithmOf(value: string | undefined): NewEntryInput['algorithm'] {
  if (value === undefined) return undefined;
  const normal = value.trim().toUpperCase().replace('-', '');
  if (!isOtpAlgorithm(normal)) {
    const shown = value.replace(/[^\x20-\x7e]/g, '?').slice(0, 20);
    throw new OtpUriError('algorithm', 'The algorithm must be SHA-1, SHA-256 or SHA-512 (most sites use SHA-1).', {
      details: `Invalid 'algorithm' parameter: '${shown}' is not one of SHA1, SHA256, SHA512.`,
    });
  }
  return normal;
}

/** How the plain sentences name the link's numbers. */
const NUMBER_NAMES: Readonly<Record<'digits' | 'period' | 'counter', string>> = {
  digits: 'number of digits',
  period: 'period',
  counter: 'counter',
};

function wholeNumber(query: Map<KnownParam, string>, name: 'digits' | 'period' | 'counter'): number | undefined {
  const value = query.get(name)?.trim();
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value)) {
    const shown = value.replace(/[^\x20-\x7e]/g, '?').slice(0, 20);
    throw new OtpUriError(name, `The link’s ${NUMBER_NAMES[name]} is not a whole number. ${COPY_AGAIN}`, {
      details: `Invalid '${name}' parameter: '${shown}' is not a whole number.`,
    });
  }
  return Number(value);
}

/** Spreads `{ [key]: value }` only when the value is present (exactOptionalPropertyTypes). */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
