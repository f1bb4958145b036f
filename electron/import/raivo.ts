// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Raivo OTP (iOS) exports (docs/formats.md §8): a password-protected ZIP, `raivo-otp-export.zip`,
 * written by SSZipArchive with WinZip AES-256 (PBKDF2-HMAC-SHA1, 1,000 iterations: fixed by the ZIP
 * format), holding `raivo-otp-export.json` (and an HTML page of the same accounts, not read). The
 * JSON is an array of objects whose values are all text, numbers and booleans included:
 * `{ issuer, account, secret (base32), algorithm, digits, kind: "TOTP" | "HOTP", timer, counter,
 * pinned, iconType, iconValue }`; older versions wrote no icon and no `pinned`. The JSON alone, as a
 * person gets it by unzipping the export, is read too. Pinned accounts become favourites; icons are
 * not kept.
 *
 * @see https://github.com/raivo-otp/ios-application Raivo/Features/DataExportFeature.swift (the
 *   export), Raivo/Features/DataImportFeature.swift (Raivo's own reader), Raivo/Models/Password.swift
 *   (`getExportFields`)
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import {
  decodeUtf8,
  EntryProblem,
  isRecord,
  optInt,
  optStr,
  parseJson,
  sniffJson,
  str,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';
import { isZip, mentions, openZip, useMember } from './zip-member';

const NAME = 'Raivo OTP';
const JSON_NAME = 'raivo-otp-export.json';
const REQUIRED = ['issuer', 'account', 'secret', 'kind'] as const;

/** An account of Raivo's JSON: the fields every version writes, as text. */
function looksLikeRaivoAccount(value: unknown): boolean {
  return isRecord(value) && REQUIRED.every((k) => typeof value[k] === 'string');
}

/** Raivo's JSON: a non-empty array whose first item has Raivo's required fields. */
function looksLikeRaivoJson(value: unknown): value is readonly unknown[] {
  return Array.isArray(value) && value.length > 0 && looksLikeRaivoAccount(value[0]);
}

const isRaivoZip = (bytes: Uint8Array): boolean => isZip(bytes) && mentions(bytes, JSON_NAME);

export const raivoFormat: ImportFormat = {
  id: 'raivo',
  name: NAME,
  detect(bytes) {
    if (isRaivoZip(bytes)) return 0.95;
    return looksLikeRaivoJson(sniffJson(bytes)) ? 0.9 : 0;
  },
  /** Bit 0 of the first local header's flags: the member is encrypted. */
  needsPassword: (bytes) => isRaivoZip(bytes) && ((bytes[6] ?? 0) & 1) === 1,
  async parse(bytes, password, budget = new WorkBudget()) {
    if (isZip(bytes)) return readZip(bytes, password, budget);
    const accounts = readJson(decodeUtf8(bytes, 'This Raivo OTP export'), budget);
    return readAccounts(accounts, budget, 'JSON (unzipped export)');
  },
};

async function readZip(bytes: Uint8Array, password: string | undefined, budget: WorkBudget): Promise<ImportResult> {
  const zip = await openZip(bytes, budget, 'This Raivo OTP export');
  try {
    const member = zip.find(JSON_NAME, true);
    if (member === undefined) {
      throw new ImportError('corrupt', `This ZIP file holds no ${JSON_NAME}, so it is not a Raivo OTP export.`);
    }
    const variant = member.encrypted ? 'password-protected ZIP export' : 'ZIP export (not password-protected)';
    const accounts = await useMember(member, budget, { password, format: 'raivo', app: NAME }, (data) =>
      readJson(decodeUtf8(data, JSON_NAME), budget),
    );
    return readAccounts(accounts, budget, variant);
  } finally {
    await zip.close();
  }
}

/** The list of accounts. @throws ImportError `corrupt` for anything else (Raivo's error objects too). */
function readJson(text: string, budget: WorkBudget): readonly unknown[] {
  const value = parseJson(text, 'This Raivo OTP export', budget);
  if (Array.isArray(value)) return value;
  // When Raivo cannot read its own database it writes {"message": "Could not ..."} instead.
  if (isRecord(value) && typeof value['message'] === 'string') {
    throw new ImportError('corrupt', 'Raivo OTP could not write the accounts into this export. Export them again.', {
      details: 'the export holds an error message instead of the list of accounts',
    });
  }
  throw new ImportError('corrupt', 'This Raivo OTP export does not hold a list of accounts.');
}

function readAccounts(accounts: readonly unknown[], budget: WorkBudget, variant: string): ImportResult {
  const collector = new EntryCollector('raivo', budget);
  accounts.forEach((raw, index) => {
    collector.add(
      index,
      () => (isRecord(raw) ? describe(raw['issuer'], raw['account']) : ''),
      () => draft(raw),
    );
  });
  return collector.result(variant);
}

/** One account; `timer` is the TOTP period, `counter` the HOTP counter, both as text. */
function draft(raw: unknown): EntryDraft {
  if (!isRecord(raw)) throw new EntryProblem('its data in the file is not an account');
  const account: JsonRecord = raw;
  const type = str(account, 'kind');
  const hotp = type.trim().toLowerCase() === 'hotp';
  return {
    type,
    issuer: optStr(account, 'issuer'),
    account: optStr(account, 'account'),
    secret: secretFromBase32(str(account, 'secret')),
    algorithm: optStr(account, 'algorithm'),
    digits: optInt(account, 'digits'),
    // Raivo writes both for every account; only the one of its kind is read.
    ...(hotp ? { counter: optInt(account, 'counter') } : { period: optInt(account, 'timer') }),
    // Swift's String(Bool) wrote "true" / "false".
    favourite: account['pinned'] === 'true' || account['pinned'] === true,
  };
}
