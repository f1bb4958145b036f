// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Steam mobile authenticator files (docs/formats.md §8): the Steamguard layout `{accounts: {id: {...}}}`
 * or the older flat object (steamguard-cli `.maFile`). `shared_secret` is base64 of the key; the
 * entry is a Steam Guard code, issuer "Steam", named by `account_name`.
 */
import { WorkBudget } from './budget';
import { EntryCollector, secretFromBase64 } from './entries';
import { decodeUtf8, isRecord, optStr, parseJson, sniffJson, str, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';

/** The account objects of either layout, or null when the value is neither. */
function accountsOf(value: unknown): JsonRecord[] | null {
  if (!isRecord(value)) return null;
  if (typeof value['shared_secret'] === 'string') return [value];
  const accounts = value['accounts'];
  if (!isRecord(accounts)) return null;
  const list = Object.values(accounts).filter(isRecord);
  return list.some((a) => 'shared_secret' in a) ? list : null;
}

export const steamFormat: ImportFormat = {
  id: 'steam',
  name: 'Steam',
  detect: (bytes) => (accountsOf(sniffJson(bytes)) !== null ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const accounts = accountsOf(parseJson(decodeUtf8(bytes, 'This Steam file'), 'This Steam file', budget));
    if (accounts === null)
      throw new ImportError('corrupt', 'This is not a Steam authenticator file (no shared_secret).');
    const collector = new EntryCollector('steam', budget);
    accounts.forEach((a, index) => {
      collector.add(
        index,
        () => optStr(a, 'account_name') ?? '',
        () => ({
          type: 'steam',
          issuer: 'Steam',
          account: optStr(a, 'account_name'),
          secret: secretFromBase64(str(a, 'shared_secret')),
        }),
      );
    });
    return collector.result();
  },
};
