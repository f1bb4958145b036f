// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * LastPass Authenticator "Export accounts to file" (docs/formats.md §8, LastPass Authenticator):
 * JSON `{ version, deviceName?, localDeviceId?, deviceId?, deviceSecret?, accounts: [{ accountID,
 * issuerName, originalIssuerName, userName, originalUserName, secret, timeStep, digits, algorithm,
 * isFavorite, pushNotification, creationTimestamp, lmiUserId?, folderData: { folderId, position } }],
 * folders: [{ id, name, isOpened }] }`. Every account is TOTP (LastPass has no other kind); the names
 * the user edited (`issuerName`, `userName`) win over the ones the QR code gave (`original…`). The
 * folder names the group, except LastPass's two built-in sections (folder 0 "Other Accounts",
 * folder 1 "Favorites", which marks a favourite like `isFavorite`). Accounts that only approve
 * LastPass sign-ins by push notification have no key and are listed as skipped.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import {
  arr,
  decodeUtf8,
  DAMAGED_ENTRY,
  EntryProblem,
  fileLevel,
  isRecord,
  optInt,
  optStr,
  parseJson,
  sniffJson,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat } from './types';

const NAME = 'LastPass Authenticator';
/** The variant, as ImportResult.variant names it (Android writes version 3, iOS version 1: read alike). */
export const LASTPASS_VARIANT = 'JSON export';
/** LastPass's built-in sections, not folders of the user's own. */
const OTHER_ACCOUNTS = 0;
const FAVORITES = 1;

/** A LastPass account: a `timeStep` beside LastPass's own name fields. */
function isAccount(value: unknown): boolean {
  return (
    isRecord(value) &&
    'timeStep' in value &&
    ['issuerName', 'originalIssuerName', 'userName', 'originalUserName'].some((k) => typeof value[k] === 'string')
  );
}

function looksLikeLastPass(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !Array.isArray(value['accounts'])) return false;
  const device = typeof value['localDeviceId'] === 'string' || typeof value['deviceId'] === 'string';
  return value['accounts'].some(isAccount) || (device && typeof value['version'] === 'number');
}

const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value : undefined;

export const lastPassFormat: ImportFormat = {
  id: 'lastpass',
  name: NAME,
  detect(bytes) {
    const json = sniffJson(bytes);
    if (!looksLikeLastPass(json)) return 0;
    return (json['accounts'] as unknown[]).some(isAccount) ? 0.95 : 0.9;
  },
  needsPassword: () => false,
  parse(bytes, _password, budget = new WorkBudget()) {
    return Promise.resolve().then(() => {
      const what = 'This LastPass Authenticator export';
      const file = parseJson(decodeUtf8(bytes, what), what, budget);
      if (!isRecord(file))
        throw new ImportError('corrupt', 'This is not a LastPass Authenticator export (no accounts).');
      const accounts = fileLevel('The LastPass Authenticator export', () => arr(file, 'accounts'));
      const folders = folderNames(file['folders']);
      const collector = new EntryCollector('lastpass', budget);
      accounts.forEach((raw, index) => {
        const a = isRecord(raw) ? raw : {};
        const issuer = nonEmpty(a['issuerName']) ?? nonEmpty(a['originalIssuerName']);
        const account = nonEmpty(a['userName']) ?? nonEmpty(a['originalUserName']);
        if (a['pushNotification'] === true && nonEmpty(a['secret']) === undefined) {
          collector.skip(
            index,
            describe(issuer, account) || `account ${index + 1}`,
            'it only approves LastPass sign-ins by push notification and has no code key to import',
          );
          return;
        }
        collector.add(
          index,
          () => describe(issuer, account),
          () => draft(raw, issuer, account, folders),
        );
      });
      return collector.result(LASTPASS_VARIANT);
    });
  },
};

/** Folder id → name, LastPass's built-in sections left out. */
function folderNames(list: unknown): Map<number, string> {
  const names = new Map<number, string>();
  if (!Array.isArray(list)) return names;
  for (const f of list as unknown[]) {
    if (!isRecord(f) || typeof f['id'] !== 'number' || typeof f['name'] !== 'string') continue;
    if (f['id'] !== OTHER_ACCOUNTS && f['id'] !== FAVORITES) names.set(f['id'], f['name']);
  }
  return names;
}

function draft(
  raw: unknown,
  issuer: string | undefined,
  account: string | undefined,
  folders: ReadonlyMap<number, string>,
): EntryDraft {
  if (!isRecord(raw)) throw new EntryProblem(DAMAGED_ENTRY, { details: 'the account is not an object' });
  const secret = optStr(raw, 'secret');
  if (secret === undefined || secret.trim() === '') throw new EntryProblem('its secret key is empty in the file');
  const folderData = isRecord(raw['folderData']) ? raw['folderData'] : {};
  const folderId = typeof folderData['folderId'] === 'number' ? folderData['folderId'] : undefined;
  const algorithm = optStr(raw, 'algorithm');
  return {
    type: 'totp',
    issuer,
    account,
    secret: secretFromBase32(secret),
    algorithm: algorithm?.trim() === '' ? undefined : algorithm,
    digits: optInt(raw, 'digits'),
    period: optInt(raw, 'timeStep'),
    tags: folderId === undefined ? [] : [folders.get(folderId)],
    favourite: raw['isFavorite'] === true || folderId === FAVORITES,
  };
}
