// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator's app database (docs/formats.md §8; `databases/databases` of
 * `com.google.android.apps.authenticator2`, SQLite, table `accounts`): `email` is the label as
 * scanned ("Issuer:account"), `type` 0 TOTP / 1 HOTP with `counter`. No algorithm, digits or period
 * are stored: SHA1, 6, 30. Names are split as for transfer codes (docs/formats.md §2.3).
 *
 * Versions: the open-source app (2.x, `AccountDb.java`) created `accounts (_id, email, secret,
 * counter, type, provider)`, the oldest without `provider`; later versions added `issuer` and
 * `original_name`. Only `email` and `secret` are required; a missing column reads as its default.
 */
import { splitMigrationName } from '../otp';
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32 } from './entries';
import { EntryProblem } from './fields';
import { intOf, sqliteSchemaMentions, textOf, withDatabase } from './sqlite';
import type { ImportFormat } from './types';

const NAME = 'Google Authenticator';
const TYPES: Readonly<Record<number, string>> = { 0: 'totp', 1: 'hotp' };

/** What each database is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  current: 'internal database (SQLite)',
  withoutIssuers: 'internal database (SQLite, app version without issuers)',
});

export const googleAuthenticatorFormat: ImportFormat = {
  id: 'google-authenticator',
  name: NAME,
  detect: (bytes) => (sqliteSchemaMentions(bytes, ['CREATE TABLE accounts', 'email', 'secret']) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const { rows, hasIssuer } = await withDatabase(bytes, NAME, budget, (db) => ({
      hasIssuer: db.columns('accounts').has('issuer'),
      rows: db.rows('accounts', ['email', 'secret', 'counter', 'type', 'issuer'], ['counter', 'type', 'issuer']),
    }));
    const collector = new EntryCollector('google-authenticator', budget);
    rows.forEach((row, index) => {
      collector.add(
        index,
        () => describe(textOf(row, 'issuer'), textOf(row, 'email')),
        () => {
          const typeCode = intOf(row, 'type') ?? 0;
          const type = TYPES[typeCode];
          if (type === undefined) throw new EntryProblem(`its kind of code (type ${typeCode}) is unknown to Tessera`);
          const names = splitMigrationName(textOf(row, 'email'), textOf(row, 'issuer'));
          return {
            type,
            ...names,
            secret: secretFromBase32(textOf(row, 'secret')),
            algorithm: 'SHA1',
            digits: 6,
            period: 30,
            counter: intOf(row, 'counter') ?? 0,
          };
        },
      );
    });
    return collector.result(hasIssuer ? VARIANTS.current : VARIANTS.withoutIssuers);
  },
};
