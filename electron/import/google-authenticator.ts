// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Google Authenticator's app database (docs/formats.md §8; SQLite, table `accounts`): `email` is the
 * label as scanned ("Issuer:account"), `issuer` the issuer, `type` 0 TOTP / 1 HOTP with `counter`.
 * No algorithm, digits or period are stored: SHA1, 6, 30. Names are split as for transfer codes
 * (docs/formats.md §2.3).
 */
import { splitMigrationName } from '../otp';
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32 } from './entries';
import { EntryProblem } from './fields';
import { intOf, readTable, sqliteSchemaMentions, textOf } from './sqlite';
import type { ImportFormat } from './types';

const NAME = 'Google Authenticator';
const TYPES: Readonly<Record<number, string>> = { 0: 'totp', 1: 'hotp' };

export const googleAuthenticatorFormat: ImportFormat = {
  id: 'google-authenticator',
  name: NAME,
  detect: (bytes) => (sqliteSchemaMentions(bytes, ['CREATE TABLE accounts', 'email', 'secret']) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const columns = ['email', 'secret', 'counter', 'type', 'issuer'];
    const rows = await readTable(bytes, 'accounts', columns, NAME, budget);
    const collector = new EntryCollector('google-authenticator', budget);
    rows.forEach((row, index) => {
      collector.add(
        index,
        () => describe(textOf(row, 'issuer'), textOf(row, 'email')),
        () => {
          const typeCode = intOf(row, 'type') ?? 0;
          const type = TYPES[typeCode];
          if (type === undefined) throw new EntryProblem(`unknown account type ${typeCode}`);
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
    return collector.result();
  },
};
