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
import { describe, toImportedEntry } from '../entries';
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
  /** An account link that cannot be used; `field` names the offending part when there is one. */
  | {
      readonly kind: 'invalid';
      readonly scheme: 'otpauth' | 'otpauth-migration';
      readonly field: string | null;
      readonly message: string;
    }
  /** Anything else: a web page, plain text, a Wi-Fi network... */
  | { readonly kind: 'not-an-account'; readonly content: 'web-link' | 'text'; readonly message: string };

/** Reads one QR code's text. Never throws for any text; the entries' secrets are fresh bytes owned by the caller. */
export function classifyQrText(text: string): QrPayload {
  const trimmed = text.trim();
  if (/^otpauth:/i.test(trimmed)) return fromOtpauth(trimmed);
  if (/^otpauth-migration:/i.test(trimmed)) return fromMigration(trimmed);
  const content = isWebLink(trimmed) ? 'web-link' : 'text';
  return {
    kind: 'not-an-account',
    content,
    message: `This QR code holds ${content === 'web-link' ? 'a web link' : 'text'}, not an authenticator account.`,
  };
}

function fromOtpauth(text: string): QrPayload {
  try {
    const { issuer, account, params } = parseOtpauthUri(text);
    return { kind: 'otpauth', entry: { ...params, issuer, account } };
  } catch (error) {
    if (!(error instanceof OtpUriError)) throw error;
    return invalid('otpauth', error.field, error.message);
  }
}

function fromMigration(text: string): QrPayload {
  let payload: MigrationPayload;
  try {
    payload = parseMigrationUri(text);
  } catch (error) {
    if (!(error instanceof MigrationError)) throw error;
    return invalid('otpauth-migration', error.code === 'uri' ? 'data' : null, error.message);
  }
  const size = Math.max(1, payload.batchSize);
  if (payload.batchIndex < 0 || payload.batchIndex >= size) {
    return invalid(
      'otpauth-migration',
      'batch_index',
      `The transfer code is damaged: it says it is part ${payload.batchIndex + 1} of ${size}.`,
    );
  }
  const batch: ImportBatch = { id: payload.batchId, index: payload.batchIndex, size };
  const entries: ImportedEntry[] = [];
  const skipped: SkippedEntry[] = [];
  payload.otpParameters.forEach((p, index) => {
    const label = describe(p.issuer, p.name) || `account ${index + 1}`;
    const account = migrationAccount(p, payload);
    if ('unsupported' in account) {
      skipped.push({ index, label, reason: account.unsupported });
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
      if (!(error instanceof EntryProblem || error instanceof Base32Error)) throw error;
      skipped.push({ index, label, reason: error.message });
    }
  });
  return { kind: 'migration', batch, entries, skipped };
}

function invalid(scheme: 'otpauth' | 'otpauth-migration', field: string | null, message: string): QrPayload {
  const what = scheme === 'otpauth' ? 'an account link' : 'a Google Authenticator transfer code';
  return { kind: 'invalid', scheme, field, message: `This QR code holds ${what} that cannot be used: ${message}` };
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
