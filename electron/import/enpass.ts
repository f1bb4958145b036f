// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Enpass JSON export (docs/formats.md §8, Enpass): `{ folders: [{ uuid, title, parent_uuid }], items:
 * [{ title, subtitle, category, template_type, favorite, trashed, archived, note, folders: [uuid],
 * fields: [{ label, type, value, deleted, sensitive, order, uid }] }] }`. Every field of type `totp`
 * that is not deleted and holds a value becomes an entry: a base32 secret (TOTP SHA1/6/30) or an
 * `otpauth://` link. The item's title names the issuer, its first username (else e-mail) field the
 * account; its note, first folder (tag) and favourite mark are kept. Items in the trash are listed as
 * skipped; items without a one-time-password field are passed over.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe } from './entries';
import { arr, decodeUtf8, fileLevel, isRecord, namesById, parseJson, sniffJson, type JsonRecord } from './fields';
import { draftFromItemValue, type ItemContext } from './item-link';
import { ImportError, type ImportFormat } from './types';

const NAME = 'Enpass';
/** The variant, as ImportResult.variant names it. */
export const ENPASS_VARIANT = 'JSON export';

/** An Enpass item: a `title` and its template's `category` or `template_type` (Bitwarden's have `name`). */
function isItem(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['title'] === 'string' &&
    (typeof value['category'] === 'string' || typeof value['template_type'] === 'string') &&
    (Array.isArray(value['fields']) || typeof value['uuid'] === 'string')
  );
}

function looksLikeEnpass(value: unknown): value is JsonRecord {
  return isRecord(value) && Array.isArray(value['items']) && value['items'].some(isItem);
}

/** Enpass writes flags as 0/1; booleans are accepted too. */
const isSet = (value: unknown): boolean => value === 1 || value === true || value === '1';
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const nonEmpty = (value: string | undefined): string | undefined =>
  value !== undefined && value.trim() !== '' ? value : undefined;

export const enpassFormat: ImportFormat = {
  id: 'enpass',
  name: NAME,
  detect: (bytes) => (looksLikeEnpass(sniffJson(bytes)) ? 0.95 : 0),
  needsPassword: () => false,
  parse(bytes, _password, budget = new WorkBudget()) {
    return Promise.resolve().then(() => {
      const file = parseJson(decodeUtf8(bytes, 'This Enpass export'), 'This Enpass export', budget);
      if (!isRecord(file)) throw new ImportError('corrupt', 'This is not an Enpass JSON export (no items).');
      const items = fileLevel('The Enpass export', () => arr(file, 'items'));
      const folders = namesById(file['folders'], 'uuid', 'title');
      const collector = new EntryCollector('enpass', budget);
      items.forEach((item, index) => readItem(collector, item, index, folders));
      return collector.result(ENPASS_VARIANT);
    });
  },
};

function readItem(collector: EntryCollector, item: unknown, index: number, folders: ReadonlyMap<string, string>): void {
  if (!isRecord(item) || !Array.isArray(item['fields'])) return;
  const fields = (item['fields'] as unknown[]).filter(isRecord).filter((f) => !isSet(f['deleted']));
  const keys = fields
    .filter((f) => f['type'] === 'totp')
    .map((f) => text(f['value']))
    .filter((v): v is string => nonEmpty(v) !== undefined);
  if (keys.length === 0) return; // no one-time-password field: not an account for Tessera
  const firstOf = (type: string): string | undefined =>
    fields.filter((f) => f['type'] === type).map((f) => nonEmpty(text(f['value'])))[0];
  const title = nonEmpty(text(item['title']));
  const account = firstOf('username') ?? firstOf('email');
  const label = describe(title, account) || `item ${index + 1}`;
  if (isSet(item['trashed'])) {
    for (let i = 0; i < keys.length; i++) collector.skip(index, label, 'it is in Enpass’s trash');
    return;
  }
  const folderIds = Array.isArray(item['folders']) ? (item['folders'] as unknown[]) : [];
  // The item's title and username name the entry; the link's own names only where the item has none.
  const ctx: ItemContext = {
    issuer: title,
    account,
    notes: text(item['note']),
    tags: folderIds.map((id) => (typeof id === 'string' ? nonEmpty(folders.get(id)) : undefined)),
    favourite: isSet(item['favorite']),
    itemNamesFirst: true,
  };
  for (const key of keys)
    collector.add(
      index,
      () => label,
      () => draftFromItemValue(key, ctx),
    );
}
