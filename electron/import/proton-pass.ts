// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Proton Pass exports (docs/formats.md §8). Three containers, one JSON:
 * - ZIP export: a ZIP holding `Proton Pass/data.json` (and `Proton Pass/files/…`, attachments, not read);
 * - PGP-encrypted export: the same ZIP holding `Proton Pass/data.pgp` instead, an ASCII-armored
 *   OpenPGP message of data.json encrypted with a passphrase; older versions encrypted the whole
 *   ZIP into one armored `.pgp` file instead, and the data.pgp taken out of the ZIP is read too;
 * - data.json alone, as a person gets it by unzipping the export.
 * Proton Pass encrypts with OpenPGP.js: one SKESK with an iterated and salted S2K (SHA-256, count
 * byte 255, 65,011,712 bytes hashed) and AES-256; openpgp-s2k.ts charges what a file asks for.
 *
 * data.json: `{ version, userId, encrypted, vaults: { <shareId>: { name, items: [{ itemId, state (1
 * active, 2 trashed), pinned, data: { type, metadata: { name, note }, content, extraFields } }] } } }`.
 * A login's `content.totpUri` and every extra field of type `totp` (`data.totpUri`, also in the
 * sections of custom items) is an account: the link's names win, else the item's name is the
 * issuer and its e-mail or username the account; the note becomes the notes, the vault's name a
 * tag, a pinned item a favourite. Items in the trash are listed as skipped; items without a
 * one-time password are passed over.
 *
 * @see https://github.com/ProtonMail/WebClients packages/pass/lib/export/ (export.ts, archive.ts: the
 *   writer; types.ts), packages/pass/lib/crypto/utils/export.ts (the encryption),
 *   packages/pass/lib/import/providers/protonpass/ (Proton's own reader of it),
 *   packages/pass/types/protobuf/protos/item-v1.proto (the item fields)
 * @see https://github.com/protonpass/proton-pass-common proton-authenticator/src/parser/pass/mod.rs
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe } from './entries';
import { addItemOtps, type ItemOtp } from './item-link';
import { isRecord, parseJson, sniffJson, tryDecodeUtf8, type JsonRecord } from './fields';
import { armoredStartsWithSkesk, decryptWithPassphrase, isArmoredMessage } from './openpgp-s2k';
import { ImportError, type ImportFormat, type ImportResult } from './types';
import { isZip, mentions, openZip, useMember } from './zip-member';

const NAME = 'Proton Pass';
const DATA_JSON = 'Proton Pass/data.json';
const DATA_PGP = 'Proton Pass/data.pgp';
const TRASHED = 2;
/**
 * The label Proton Pass's web client gives a one-time password entered as a bare secret
 * (WebClients packages/pass/utils/otp/otp.ts, `OTP_DEFAULTS`): a placeholder, not an account name.
 */
const PLACEHOLDER_ACCOUNT = 'Proton Pass';
/** Where identity items keep extra fields (item-v1.proto `ItemIdentity`). */
const IDENTITY_FIELD_LISTS = ['extraPersonalDetails', 'extraAddressDetails', 'extraContactDetails', 'extraWorkDetails'];

const records = (value: unknown): JsonRecord[] =>
  Array.isArray(value) ? (value as unknown[]).filter((v): v is JsonRecord => isRecord(v)) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** data.json: `version` text and a map of vaults, each with a list of items. */
function looksLikePassJson(value: unknown): value is JsonRecord {
  if (!isRecord(value) || typeof value['version'] !== 'string' || !isRecord(value['vaults'])) return false;
  const vaults = Object.values(value['vaults']);
  return vaults.every((v) => isRecord(v) && Array.isArray(v['items']));
}

const isPassZip = (bytes: Uint8Array): boolean =>
  isZip(bytes) && (mentions(bytes, DATA_JSON) || mentions(bytes, DATA_PGP));
/** A binary OpenPGP message whose first packet is a SKESK (new or old packet format, tag 3). */
const isBinarySkesk = (bytes: Uint8Array): boolean =>
  bytes[0] === 0xc3 || (bytes[0] !== undefined && (bytes[0] & 0xfc) === 0x8c);

export const protonPassFormat: ImportFormat = {
  id: 'proton-pass',
  name: NAME,
  detect(bytes) {
    if (isPassZip(bytes)) return 0.95;
    if (looksLikePassJson(sniffJson(bytes))) return 0.9;
    return armoredStartsWithSkesk(bytes) ? 0.7 : 0;
  },
  /** A ZIP holding data.pgp and no data.json (which would be read first), or a passphrase-encrypted message. */
  needsPassword: (bytes) =>
    isZip(bytes) ? mentions(bytes, DATA_PGP) && !mentions(bytes, DATA_JSON) : armoredStartsWithSkesk(bytes),
  async parse(bytes, password, budget = new WorkBudget()) {
    if (isZip(bytes)) return readZip(bytes, password, budget, false);
    if (isArmoredMessage(bytes) || isBinarySkesk(bytes)) {
      const plain = await decrypt(bytes, password, budget);
      // Older versions encrypted the whole ZIP; data.pgp taken out of a newer ZIP holds the JSON.
      if (isZip(plain)) return readZip(plain, password, budget, true);
      return readExport(readJson(plain, budget), budget, 'PGP-encrypted export');
    }
    return readExport(readJson(bytes, budget), budget, 'JSON (unzipped export)');
  },
};

function decrypt(bytes: Uint8Array, password: string | undefined, budget: WorkBudget): Promise<Uint8Array> {
  return decryptWithPassphrase(bytes, password, {
    budget,
    format: 'proton-pass',
    app: NAME,
    what: 'This encrypted Proton Pass export',
  });
}

/** The export ZIP; `decrypted`: it came out of a PGP message (and may not hold another one). */
async function readZip(
  bytes: Uint8Array,
  password: string | undefined,
  budget: WorkBudget,
  decrypted: boolean,
): Promise<ImportResult> {
  const zip = await openZip(bytes, budget, 'This Proton Pass export');
  try {
    const json = zip.find(DATA_JSON);
    const pgp = decrypted ? undefined : zip.find(DATA_PGP);
    if (json !== undefined) {
      const value = await useMember(json, budget, undefined, (data) => readJson(data, budget));
      return readExport(value, budget, decrypted ? 'PGP-encrypted export' : 'ZIP export');
    }
    if (pgp !== undefined) {
      const message = await useMember(pgp, budget, undefined, (data) => Uint8Array.from(data));
      return readExport(readJson(await decrypt(message, password, budget), budget), budget, 'PGP-encrypted export');
    }
    throw new ImportError(
      'corrupt',
      `This ZIP file holds neither ${DATA_JSON} nor ${DATA_PGP}, so it is not a Proton Pass export.`,
    );
  } finally {
    await zip.close();
  }
}

function readJson(bytes: Uint8Array, budget: WorkBudget): unknown {
  const text = tryDecodeUtf8(bytes);
  if (text === null) {
    // A decrypted message that is neither JSON nor a ZIP: the right password on the wrong file.
    throw new ImportError('corrupt', 'The Proton Pass export holds something other than its list of items.');
  }
  return parseJson(text, 'The Proton Pass export', budget);
}

function readExport(value: unknown, budget: WorkBudget, variant: string): ImportResult {
  if (!isRecord(value) || !isRecord(value['vaults'])) {
    throw new ImportError('corrupt', 'This Proton Pass export holds no vaults; it may be damaged.');
  }
  const collector = new EntryCollector('proton-pass', budget);
  let index = 0;
  for (const vault of Object.values(value['vaults'])) {
    if (!isRecord(vault)) continue;
    const vaultName = text(vault['name']);
    for (const item of records(vault['items'])) readItem(collector, item, index++, vaultName);
  }
  return collector.result(variant);
}

/** Extra fields of type `totp` in a list: `{ fieldName, type: "totp", data: { totpUri } }`. */
function totpFields(list: unknown): ItemOtp[] {
  return records(list).flatMap((field) => {
    const uri = field['type'] === 'totp' && isRecord(field['data']) ? text(field['data']['totpUri']) : undefined;
    return uri !== undefined && uri.trim() !== '' ? [{ value: uri.trim(), name: text(field['fieldName']) }] : [];
  });
}

function otpValues(data: JsonRecord): ItemOtp[] {
  const content = isRecord(data['content']) ? data['content'] : {};
  const out: ItemOtp[] = [];
  const main = data['type'] === 'login' ? text(content['totpUri'])?.trim() : undefined;
  if (main) out.push({ value: main, name: undefined }); // the login's own: no field name
  out.push(...totpFields(data['extraFields']));
  // Custom, SSH key and Wi-Fi items keep fields in sections; identity items in lists of their own.
  for (const key of ['sections', 'extraSections']) {
    for (const section of records(content[key])) out.push(...totpFields(section['sectionFields']));
  }
  for (const key of IDENTITY_FIELD_LISTS) out.push(...totpFields(content[key]));
  return out;
}

function readItem(collector: EntryCollector, item: JsonRecord, index: number, vaultName: string | undefined): void {
  const data = isRecord(item['data']) ? item['data'] : {};
  const values = otpValues(data);
  if (values.length === 0) return; // no one-time password: not an account for Tessera
  const metadata = isRecord(data['metadata']) ? data['metadata'] : {};
  const content = isRecord(data['content']) ? data['content'] : {};
  const name = text(metadata['name']);
  // Before Proton Pass 1.18 a login had `username`; since, `itemEmail` and `itemUsername`.
  const user =
    data['type'] === 'login'
      ? text(content['itemEmail']) || text(content['itemUsername']) || text(content['username']) || undefined
      : undefined;
  const label = describe(name, user) || `item ${index + 1}`;
  // Several one-time passwords in one item: an extra field's name tells the accounts apart.
  addItemOtps(
    collector,
    index,
    label,
    values,
    {
      issuer: name,
      account: user,
      notes: text(metadata['note']),
      tags: [vaultName],
      favourite: item['pinned'] === true,
      placeholderAccount: PLACEHOLDER_ACCOUNT,
    },
    item['state'] === TRASHED ? 'it is in Proton Pass’s trash' : undefined,
  );
}
