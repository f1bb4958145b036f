// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What a QR code's text means for Tessera: one account (`otpauth://`, Key URI format), several
 * accounts from one part of a Google Authenticator export (`otpauth-migration://`), a link or text
 * that is no account, or an account link that cannot be used (with the reason, naming the field).
 * Every outcome is a value: the review dialog and `tessera scan` show them all.
 *
 * Entries are the file importers' ImportedEntry (electron/import/types.ts), checked by the same
 * rules, so a scanned account and an imported one are indistinguishable downstream.
 */
import {
  Base32Error,
  migrationAccount,
  MigrationError,
  OtpUriError,
  parseMigrationUri,
  parseOtpauthUri,
  type MigrationPayload,
} from '../../otp';
import { DAMAGED_SECRET, describe, toImportedEntry, UnsupportedEntry } from '../entries';
import { EntryProblem } from '../fields';
import type { ImportBatch, ImportedEntry, SkippedEntry } from '../types';

/** The meaning of one QR code's text. */
export type QrPayload =
  /** `otpauth://totp|hotp|steam/...`: one account. */
  | { readonly kind: 'otpauth'; readonly entry: ImportedEntry }
  /**
   * `otpauth-migration://offline?data=...`: this QR code's accounts (each carrying `batch`) and the
   * ones that cannot be imported. `batch.size` is at least 1; `batch.index` is 0-based.
   */
  | {
      readonly kind: 'migration';
      readonly batch: ImportBatch;
      readonly entries: ImportedEntry[];
      readonly skipped: SkippedEntry[];
    }
  /**
   * An account link that cannot be used; `field` names the offending part when there is one. The
   * message says why in plain words; `details` is the technical sentence, for "Details".
   */
  | {
      readonly kind: 'invalid';
      readonly scheme: 'otpauth' | 'otpauth-migration';
      readonly field: string | null;
      readonly message: string;
      readonly details: string;
    }
  /** Anything else: a web page, plain text, a Wi-Fi network... */
  | { readonly kind: 'not-an-account'; readonly content: 'web-link' | 'text'; readonly message: string };

/** Where the text came from: a QR code in an image or on screen, or a pasted link. Only the wording differs. */
export type QrMedium = 'qr' | 'link';

/** Reads one QR code's text. Never throws for any text; the entries' secrets are fresh bytes owned by the caller. */
export function classifyQrText(text: string): QrPayload {
  return classifyText(text, 'qr');
}

/** Reads one QR code's text, or one pasted link (`medium` 'link'), as {@link classifyQrText} does. */
export function classifyText(text: string, medium: QrMedium): QrPayload {
  const trimmed = text.trim();
  if (/^otpauth:/i.test(trimmed)) return fromOtpauth(trimmed, medium);
  if (/^otpauth-migration:/i.test(trimmed)) return fromMigration(trimmed, medium);
  const content = isWebLink(trimmed) ? 'web-link' : 'text';
  const what = content === 'web-link' ? 'a web link' : 'text';
  return {
    kind: 'not-an-account',
    content,
    message:
      medium === 'qr'
        ? `This QR code holds ${what}, not an authenticator account.`
        : `This is ${what}, not an authenticator account link.`,
  };
}

function fromOtpauth(text: string, medium: QrMedium): QrPayload {
  try {
    const { issuer, account, params } = parseOtpauthUri(text);
    return { kind: 'otpauth', entry: { ...params, issuer, account } };
  } catch (error) {
    if (!(error instanceof OtpUriError)) throw error;
    return invalid('otpauth', medium, error.field, error.message, error.details);
  }
}

function fromMigration(text: string, medium: QrMedium): QrPayload {
  let payload: MigrationPayload;
  try {
    payload = parseMigrationUri(text);
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    return invalid('otpauth-migration', medium, error.code === 'uri' ? 'data' : null, error.message, error.details);
  }
  const size = Math.max(1, payload.batchSize);
  if (payload.batchIndex < 0 || payload.batchIndex >= size) {
    return invalid(
      'otpauth-migration',
      medium,
      'batch_index',
      'It is damaged: make a new export in Google Authenticator and scan it again.',
      `The transfer code says it is part ${payload.batchIndex + 1} of ${size}.`,
    );
  }
  const batch: ImportBatch = { id: payload.batchId, index: payload.batchIndex, size };
  const entries: ImportedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  payload.otpParameters.forEach((p, index) => {
    const label = describe(p.issuer, p.name) || `account ${index + 1}`;
    const account = migrationAccount(p, payload);
    if ('unsupported' in account) {
      skipped.push({ index, label, reason: account.unsupported, kind: 'unsupported' });
      return;
    }
    try {
      const { period, counter, ...rest } = account;
      const entry = toImportedEntry(
        { ...rest, ...(period !== null ? { period } : {}), ...(counter !== null ? { counter } : {}) },
        index,
      );
      entries.push({ ...entry, batch });
    } catch (error) {
      if (error instanceof EntryProblem) {
        skipped.push({
          index,
          label,
          reason: error.message,
          kind: error instanceof UnsupportedEntry ? 'unsupported' : 'malformed',
          ...(error.details ? { details: error.details } : {}),
        });
      } else if (error instanceof Base32Error) {
        skipped.push({
          index,
          label,
          reason: DAMAGED_SECRET,
          kind: 'malformed',
          details: `the secret is not valid base32: ${error.message}`,
        });
      } else {
        throw error;
      }
    }
  });
  return { kind: 'migration', batch, entries, skipped };
}

/**
 * "This QR code holds an account link that cannot be used. <why>"; for a pasted link, "This account
 * link cannot be used. <why>" (a transfer link: "This Google Authenticator transfer link…").
 */
function invalid(
  scheme: 'otpauth' | 'otpauth-migration',
  medium: QrMedium,
  field: string | null,
  why: string,
  details: string,
): QrPayload {
  const lead =
    medium === 'qr'
      ? `This QR code holds ${scheme === 'otpauth' ? 'an account link' : 'a Google Authenticator transfer code'} that cannot be used.`
      : `This ${scheme === 'otpauth' ? 'account link' : 'Google Authenticator transfer link'} cannot be used.`;
  return { kind: 'invalid', scheme, field, message: `${lead} ${why}`, details };
}
/** An absolute http(s) URL (what phones offer to open in a browser). */
function isWebLink(text: string): boolean {
  if (!/^https?:\/\//i.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
