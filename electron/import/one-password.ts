// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * 1Password exports in the 1Password Unencrypted Export format, `.1pux` (docs/formats.md §8): a ZIP
 * holding `export.attributes` (`{ version, description, createdAt }`), `export.data` and `files/`
 * (attachments, not read). `export.data` is JSON: `accounts[].vaults[]`, each vault `{ attrs: { name },
 * items: [...] }`, each item `{ favIndex, state: "active" | "archived", categoryUuid, overview: { title,
 * url, tags }, details: { loginFields: [{ designation: "username", value }], notesPlain, sections: [{ title,
 * fields: [{ title, value: { totp: "otpauth://… or a base32 secret" } }] }] } }`.
 *
 * Every one-time-password field of an item is an account (an item may have several): the item's
 * title is the issuer unless the link names one, its username the account unless the link names
 * one, `notesPlain` the notes, the vault's name and the item's tags its tags, and a favourite (`favIndex` above 0)
 * stays one. Archived items and items in the trash are listed as skipped; items without a one-time
 * password (most of a password manager) are passed over. 1Password's CSV export is not read.
 *
 * @see https://support.1password.com/1pux-format/
 * @see https://github.com/bitwarden/clients libs/importer/src/importers/onepassword/ (its 1PUX importer and
 *   types), https://github.com/ProtonMail/WebClients packages/pass/lib/import/providers/1password/
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe } from './entries';
import { addItemOtps, type ItemOtp } from './item-link';
import { decodeUtf8, isRecord, parseJson, type JsonRecord } from './fields';
import { ImportError, type ImportFormat } from './types';
import { isZip, mentions, openZip, useMember } from './zip-member';

const NAME = '1Password';
const DATA = 'export.data';
const ATTRIBUTES = 'export.attributes';

const records = (value: unknown): JsonRecord[] =>
  Array.isArray(value) ? (value as unknown[]).filter((v): v is JsonRecord => isRecord(v)) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export const onePasswordFormat: ImportFormat = {
  id: '1password',
  name: NAME,
  detect(bytes) {
    if (!isZip(bytes) || !mentions(bytes, DATA)) return 0;
    return mentions(bytes, ATTRIBUTES) ? 0.95 : 0.6;
  },
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    if (!isZip(bytes)) throw new ImportError('corrupt', 'This is not a 1Password export (a .1pux file is a ZIP file).');
    const zip = await openZip(bytes, budget, 'This 1Password export');
    let data: unknown;
    try {
      const member = zip.find(DATA);
      if (member === undefined) {
        throw new ImportError('corrupt', `This ZIP file holds no ${DATA}, so it is not a 1Password export.`);
      }
      data = await useMember(member, budget, undefined, (raw) =>
        parseJson(decodeUtf8(raw, `The 1Password ${DATA}`), `The 1Password ${DATA}`, budget),
      );
    } finally {
      await zip.close();
    }
    if (!isRecord(data) || !Array.isArray(data['accounts'])) {
      throw new ImportError('corrupt', 'This 1Password export holds no accounts or vaults; it may be damaged.');
    }
    const accounts = records(data['accounts']);
    const collector = new EntryCollector('1password', budget);
    let index = 0;
    for (const account of accounts) {
      for (const vault of records(account['vaults'])) {
        const vaultName = isRecord(vault['attrs']) ? text(vault['attrs']['name']) : undefined;
        for (const raw of records(vault['items'])) {
          readItem(collector, itemOf(raw), index++, vaultName);
        }
      }
    }
    return collector.result('1PUX export');
  },
};

/** Some writers wrap an item as `{ item: {...} }`; attachments are `{ file: {...} }` and have no fields. */
function itemOf(raw: JsonRecord): JsonRecord {
  return !isRecord(raw['overview']) && isRecord(raw['item']) ? raw['item'] : raw;
}

/** The one-time-password fields of an item's sections, named by their titles. */
function otpFields(details: JsonRecord): ItemOtp[] {
  const out: ItemOtp[] = [];
  for (const section of records(details['sections'])) {
    for (const field of records(section['fields'])) {
      const value = isRecord(field['value']) ? text(field['value']['totp']) : undefined;
      if (value !== undefined && value.trim() !== '') out.push({ value: value.trim(), name: text(field['title']) });
    }
  }
  return out;
}

/** The value of the login field designated as the username (a string, or an e-mail object). */
function username(details: JsonRecord): string | undefined {
  const field = records(details['loginFields']).find((f) => f['designation'] === 'username');
  const value = field?.['value'];
  if (typeof value === 'string') return value;
  if (isRecord(value)) return text(value['email_address']) ?? text(value['string']);
  return undefined;
}

function readItem(collector: EntryCollector, item: JsonRecord, index: number, vaultName: string | undefined): void {
  const details = isRecord(item['details']) ? item['details'] : {};
  const fields = otpFields(details);
  if (fields.length === 0) return; // no one-time password: not an account for Tessera
  const overview = isRecord(item['overview']) ? item['overview'] : {};
  const title = text(overview['title']);
  const user = username(details);
  const label = describe(title, user) || `item ${index + 1}`;
  const state = text(item['state'])?.toLowerCase();
  const skipReason =
    state === 'archived'
      ? 'it is archived in 1Password'
      : state === 'trashed' || state === 'deleted' || item['trashed'] === true
        ? 'it is in 1Password’s trash'
        : undefined;
  // Several one-time passwords in one item: the field's title tells the accounts apart.
  addItemOtps(
    collector,
    index,
    label,
    fields,
    {
      issuer: title,
      account: user,
      notes: text(details['notesPlain']),
      tags: [vaultName, ...(Array.isArray(overview['tags']) ? (overview['tags'] as unknown[]) : []).map(text)],
      favourite: typeof item['favIndex'] === 'number' && item['favIndex'] > 0,
    },
    skipReason,
  );
}
