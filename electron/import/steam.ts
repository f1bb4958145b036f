// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Steam Guard authenticator files (docs/formats.md §8), each account `{shared_secret, account_name, …}`
 * with `shared_secret` base64 of the key; the entry is a Steam Guard code, issuer "Steam", named by
 * `account_name`. Three layouts:
 *
 * - the Steam app's internal `files/Steamguard-<steamid>` (a rooted phone or an app-data backup):
 *   `{ "accounts": { "<id>": {…} } }`;
 * - the same file from older Steam apps: one flat account object (`steamguard_scheme`, `steamid`…);
 * - a `.maFile` of Steam Desktop Authenticator or steamguard-cli: one flat account object with the
 *   tools' own fields (`device_id`, `fully_enrolled`, `Session`). Their encrypted maFiles (base64
 *   text, keyed by the tool's manifest.json) are not read.
 *
 * Detection: a JSON object with a `shared_secret` text, or an `accounts` map holding one.
 */
import { WorkBudget } from './budget';
import { EntryCollector, secretFromBase64 } from './entries';
import { decodeUtf8, isRecord, optStr, parseJson, sniffJson, str, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';

interface SteamFile {
  readonly accounts: readonly JsonRecord[];
  readonly variant: string;
}

/** The accounts of any layout, or null when the value is none of them. */
function read(value: unknown): SteamFile | null {
  if (!isRecord(value)) return null;
  if (typeof value['shared_secret'] === 'string') {
    const tool = 'device_id' in value || 'fully_enrolled' in value || 'Session' in value;
    return {
      accounts: [value],
      variant: tool
        ? 'maFile (Steam Desktop Authenticator or steamguard-cli)'
        : 'internal storage, older layout (one account)',
    };
  }
  const accounts = value['accounts'];
  if (!isRecord(accounts)) return null;
  const list = Object.values(accounts).filter(isRecord);
  return list.some((a) => typeof a['shared_secret'] === 'string')
    ? { accounts: list, variant: 'internal storage (Steamguard file)' }
    : null;
}

export const steamFormat: ImportFormat = {
  id: 'steam',
  name: 'Steam',
  detect: (bytes) => (read(sniffJson(bytes)) !== null ? 0.95 : 0),
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const file = read(parseJson(decodeUtf8(bytes, 'This Steam file'), 'This Steam file', budget));
    if (file === null) throw new ImportError('corrupt', 'This is not a Steam authenticator file (no shared_secret).');
    const collector = new EntryCollector('steam', budget);
    file.accounts.forEach((a, index) => {
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
    return collector.result(file.variant);
  },
};
