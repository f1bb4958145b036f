// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Microsoft Authenticator's app database (docs/formats.md §8; SQLite `PhoneFactor`, table `accounts`,
 * from a rooted phone or an app-data backup; the app itself exports nothing):
 * `account_type` 0 is a TOTP account (base32 secret, 6 digits), 1 a Microsoft personal account
 * (base64 secret, 8 digits); both SHA1, 30 s. Other types (work accounts signing in by push) hold
 * no OTP secret and are listed as skipped. `name` is the issuer, `username` the account.
 */
import { WorkBudget } from './budget';
import {
  EntryCollector,
  describe,
  secretFromBase32,
  secretFromBase64,
  UnsupportedEntry,
  type EntryDraft,
} from './entries';
import { intOf, readTable, sqliteSchemaMentions, textOf, type Row } from './sqlite';
import type { ImportFormat } from './types';

const NAME = 'Microsoft Authenticator';
/** The one file Tessera reads: `databases/PhoneFactor` of `com.azure.authenticator` (ImportResult.variant). */
export const VARIANT = 'internal database (SQLite)';

export const microsoftAuthenticatorFormat: ImportFormat = {
  id: 'microsoft-authenticator',
  name: NAME,
  detect: (bytes) => (sqliteSchemaMentions(bytes, ['accounts', 'oath_secret_key', 'account_type']) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const columns = ['name', 'username', 'oath_secret_key', 'account_type'];
    const rows = await readTable(bytes, 'accounts', columns, NAME, budget);
    const collector = new EntryCollector('microsoft-authenticator', budget);
    rows.forEach((row, index) => {
      collector.add(
        index,
        () => describe(textOf(row, 'name'), textOf(row, 'username')),
        () => draft(row),
      );
    });
    return collector.result(VARIANT);
  },
};

function draft(row: Row): EntryDraft {
  const type = intOf(row, 'account_type');
  const common = {
    type: 'totp',
    issuer: textOf(row, 'name'),
    account: textOf(row, 'username'),
    algorithm: 'SHA1',
    period: 30,
  };
  const secret = textOf(row, 'oath_secret_key');
  if (type === 0) return { ...common, digits: 6, secret: secretFromBase32(secret) };
  if (type === 1) return { ...common, digits: 8, secret: secretFromBase64(secret) };
  throw new UnsupportedEntry('this account signs in by notification and has no one-time-password secret');
}
