// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Duo Mobile's internal `files/duokit/accounts.json` (docs/formats.md §8), the file a rooted phone or
 * an app-data backup yields: an array of `{name, otpGenerator: {otpSecret, counter?}, ...}`. A counter
 * makes the account HOTP; otherwise TOTP SHA1/6/30. Duo stores no issuer.
 *
 * Detection: a JSON array whose first item has an `otpGenerator` object with an `otpSecret` text.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32 } from './entries';
import { decodeUtf8, EntryProblem, isRecord, optInt, optStr, parseJson, rec, sniffJson, str } from './fields';
import { ImportError, type ImportFormat } from './types';

function looksLikeDuo(value: unknown): value is readonly unknown[] {
  if (!Array.isArray(value) || value.length === 0 || !isRecord(value[0])) return false;
  const generator = value[0]['otpGenerator'];
  return isRecord(generator) && typeof generator['otpSecret'] === 'string';
}

export const duoFormat: ImportFormat = {
  id: 'duo',
  name: 'Duo Mobile',
  detect: (bytes) => (looksLikeDuo(sniffJson(bytes)) ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const list = parseJson(decodeUtf8(bytes, 'This Duo file'), 'This Duo file', budget);
    if (!Array.isArray(list)) throw new ImportError('corrupt', 'This Duo file is not a list of accounts.');
    const collector = new EntryCollector('duo', budget);
    list.forEach((raw: unknown, index) => {
      collector.add(
        index,
        () => (isRecord(raw) ? describe('', raw['name']) : ''),
        () => {
          if (!isRecord(raw)) throw new EntryProblem('the account is not an object');
          const generator = rec(raw, 'otpGenerator');
          const counter = optInt(generator, 'counter');
          return {
            type: counter === undefined ? 'totp' : 'hotp',
            issuer: '',
            account: optStr(raw, 'name'),
            secret: secretFromBase32(str(generator, 'otpSecret')),
            counter,
          };
        },
      );
    });
    return collector.result('internal storage (accounts.json)');
  },
};
