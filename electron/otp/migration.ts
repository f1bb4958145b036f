// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator transfer codes: `otpauth-migration://offline?data=<base64 protobuf>`. This
 * module reads and builds the link (docs/formats.md §2.1) and maps the payload's accounts following
 * docs/formats.md §2.2 (enum meanings) and §2.3 (issuer and name); the payload itself, decoded
 * strictly and encoded back for exports and round-trip tests, is migration-protobuf.ts.
 *
 * @see docs/formats.md §2
 */
import { ENTRY_LIMITS, type OtpAlgorithm } from '../domain';
import { DAMAGED_LINK, MigrationError } from './migration-error';
import {
  decodeMigrationPayload,
  encodeMigrationPayload,
  type MigrationOtpParameters,
  type MigrationPayload,
} from './migration-protobuf';

/** One account of a payload with the enums resolved (docs/formats.md §2.2, §2.3). */
export interface MigrationAccount {
  readonly type: 'totp' | 'hotp';
  /** Issuer for display: the issuer field, else the text before the first ':' of the name. */
  readonly issuer: string;
  /** Account for display: the name without its "issuer:" prefix. */
  readonly account: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: 6 | 8;
  /** Always 30 for TOTP (the payload has no period); null for HOTP. */
  readonly period: number | null;
  readonly counter: number | null;
  readonly secret: Uint8Array;
  readonly batch: { readonly id: number; readonly index: number; readonly size: number };
}

/** Longest `otpauth-migration://` text accepted (a version-40 QR code holds at most 4,296 characters). */
export const MIGRATION_URI_MAX_LENGTH = 65_536;

const ALGORITHMS: Readonly<Record<number, OtpAlgorithm>> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Readonly<Record<number, 6 | 8>> = { 0: 6, 1: 6, 2: 8 };
const TYPES: Readonly<Record<number, 'totp' | 'hotp'>> = { 0: 'totp', 1: 'hotp', 2: 'totp' };

/**
 * Reads an `otpauth-migration://offline?data=...` link. The `data` value is percent-decoded without
 * turning `+` into a space (docs/formats.md §2.1, the "plus problem"); a space is read as `+`, since
 * base64 has no space and some tools form-decode the link.
 * @throws MigrationError
 */
export function parseMigrationUri(uri: string): MigrationPayload {
  const text = uri.trim();
  if (text.length > MIGRATION_URI_MAX_LENGTH) {
    throw new MigrationError(
      'uri',
      'It is too long to be a real one: copy or scan it again.',
      `The transfer link is longer than ${MIGRATION_URI_MAX_LENGTH} characters.`,
    );
  }
  const match = /^otpauth-migration:\/\/offline\/?\?(.*)$/is.exec(text);
  if (!match) {
    throw new MigrationError(
      'uri',
      'Its form is not one Tessera knows: make a new export in Google Authenticator.',
      'This is not an otpauth-migration://offline link.',
    );
  }
  const pair = (match[1] ?? '').split('&').find((p) => /^data=/i.test(p));
  if (pair === undefined) throw new MigrationError('uri', DAMAGED_LINK, "The transfer link has no 'data' parameter.");
  let data: string;
  try {
    data = decodeURIComponent(pair.slice(5));
  } catch {
    throw new MigrationError('uri', DAMAGED_LINK, "The transfer link's 'data' has a malformed %-escape.");
  }
  return decodeMigrationPayload(base64Bytes(data.replace(/ /g, '+')));
}

function base64Bytes(text: string): Uint8Array {
  const compact = text
    .replace(/[\r\n\t]/g, '')
    .replace(/-/g, '+')
    .replace(/_/g, '/');
  const body = compact.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || body.length % 4 === 1 || body.length === 0) {
    throw new MigrationError('base64', DAMAGED_LINK, "The transfer link's 'data' is not valid base64.");
  }
  return Uint8Array.from(Buffer.from(body, 'base64'));
}

/** Builds the link for a payload (standard base64, percent-encoded). The link holds secrets. */
export function toMigrationUri(payload: MigrationPayload): string {
  const data = Buffer.from(encodeMigrationPayload(payload)).toString('base64');
  return `otpauth-migration://offline?data=${encodeURIComponent(data)}`;
}

/** Issuer and account for display from a stored name and issuer (docs/formats.md §2.3). */
export function splitMigrationName(name: string, issuer: string): { issuer: string; account: string } {
  if (issuer !== '') {
    return name.startsWith(`${issuer}:`)
      ? { issuer, account: name.slice(issuer.length + 1).trim() }
      : { issuer, account: name.trim() };
  }
  const colon = name.indexOf(':');
  if (colon < 0) return { issuer: '', account: name.trim() };
  return { issuer: name.slice(0, colon).trim(), account: name.slice(colon + 1).trim() };
}

/**
 * Resolves one stored account. Returns a reason instead when the account cannot give correct codes
 * in Tessera: MD5 (Aegis refuses it too), an unknown enum value, or a counter beyond 2^53.
 */
export function migrationAccount(
  p: MigrationOtpParameters,
  payload: Pick<MigrationPayload, 'batchId' | 'batchIndex' | 'batchSize'>,
): MigrationAccount | { readonly unsupported: string } {
  const algorithm = ALGORITHMS[p.algorithm];
  if (algorithm === undefined) {
    return { unsupported: p.algorithm === 4 ? 'MD5 codes are not supported' : `unknown algorithm ${p.algorithm}` };
  }
  const digits = DIGITS[p.digits];
  if (digits === undefined) return { unsupported: `unknown digit count ${p.digits}` };
  const type = TYPES[p.type];
  if (type === undefined) return { unsupported: `unknown OTP type ${p.type}` };
  if (type === 'hotp' && p.counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { unsupported: 'the HOTP counter is too large' };
  }
  const { issuer, account } = splitMigrationName(p.name, p.issuer);
  return {
    type,
    issuer,
    account,
    algorithm,
    digits,
    period: type === 'totp' ? ENTRY_LIMITS.defaultPeriod : null,
    counter: type === 'hotp' ? Number(p.counter) : null,
    secret: p.secret,
    batch: { id: payload.batchId, index: payload.batchIndex, size: payload.batchSize },
  };
}
