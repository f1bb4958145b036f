// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Aegis vaults and backups, plain and encrypted (docs/formats.md §1): password slots (scrypt →
 * AES-GCM key wrap), the AES-GCM content, content versions 1–3 with their group models, and the
 * entry types (motp and yandex are listed as skipped: Tessera cannot compute them). The app's own
 * vault (`files/aegis.json`, from a rooted phone or an app-data backup) is the same file.
 *
 * Detection: the three top-level fields every vault file has — a numeric `version`, a `header`
 * object with `slots` and `params`, and `db` (an object, or base64 text when encrypted).
 */
import { WorkBudget } from './budget';
import { aesGcmDecrypt, passwordRequired, scryptKey, wrongPassword, type KdfCharge } from './crypto';
import { checkIconImage, IconError } from '../icons/image-check';
import { EntryCollector, describe, secretFromBase32, strictBase64, type EntryDraft } from './entries';
import {
  arr,
  DAMAGED_ENTRY,
  decodeUtf8,
  EntryProblem,
  fileLevel,
  int,
  isRecord,
  namesById,
  optBool,
  optStr,
  otpParameterFields,
  parseJson,
  rec,
  sniffJson,
  str,
  type JsonRecord,
} from './fields';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Aegis';

function looksLikeAegis(value: unknown): value is JsonRecord {
  if (!isRecord(value) || typeof value['version'] !== 'number' || !isRecord(value['header'])) return false;
  const header = value['header'];
  const db = value['db'];
  return 'slots' in header && 'params' in header && (typeof db === 'string' || isRecord(db));
}

function isEncrypted(value: JsonRecord): boolean {
  return typeof value['db'] === 'string';
}

export const aegisFormat: ImportFormat = {
  id: 'aegis',
  name: NAME,
  detect(bytes) {
    return looksLikeAegis(sniffJson(bytes)) ? 0.98 : 0;
  },
  needsPassword(bytes) {
    const json = sniffJson(bytes);
    return looksLikeAegis(json) && isEncrypted(json);
  },
  async parse(bytes, password, budget = new WorkBudget()) {
    const file = parseJson(decodeUtf8(bytes, 'This Aegis file'), 'This Aegis file', budget);
    if (!looksLikeAegis(file)) throw new ImportError('corrupt', 'This is not an Aegis vault (no header or db).');
    if (file['version'] !== 1) {
      throw new ImportError('unsupported', `Aegis vault file version ${String(file['version'])} is not supported.`);
    }
    const encrypted = isEncrypted(file);
    const db = encrypted ? await decryptContent(file, password, budget) : file['db'];
    if (!isRecord(db)) throw new ImportError('corrupt', 'The Aegis vault content is not an object.');
    return readContent(db, encrypted, budget);
  },
};

const hex = (text: string, bytes: number, what: string): Buffer => {
  if (!new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(text))
    throw new EntryProblem(`${what} is not ${bytes} bytes of hex`);
  return Buffer.from(text, 'hex');
};

interface PasswordSlot {
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
  readonly nonce: Buffer;
  readonly tag: Buffer;
}

/**
 * Unwraps the master key with the first password slot it opens, then decrypts the content. Every
 * slot counts against `key-slots` before any is read, and each derivation is charged to the
 * budget as it is tried: trying stops, with the limit named, once Aegis's ceiling is spent.
 */
async function decryptContent(file: JsonRecord, password: string | undefined, budget: WorkBudget): Promise<unknown> {
  const { slots, nonce, tag, ciphertext } = fileLevel('The Aegis vault header', () => {
    const header = rec(file, 'header');
    const params = rec(header, 'params');
    const all = arr(header, 'slots');
    budget.atMost('key-slots', all.length);
    const slots = all
      .filter((s): s is JsonRecord => isRecord(s) && s['type'] === 1)
      .map((s): PasswordSlot => {
        const keyParams = rec(s, 'key_params');
        return {
          n: int(s, 'n'),
          r: int(s, 'r'),
          p: int(s, 'p'),
          salt: hex(str(s, 'salt'), 32, 'slot salt'),
          key: hex(str(s, 'key'), 32, 'slot key'),
          nonce: hex(str(keyParams, 'nonce'), 12, 'slot nonce'),
          tag: hex(str(keyParams, 'tag'), 16, 'slot tag'),
        };
      });
    const ciphertext = strictBase64(str(file, 'db'));
    if (ciphertext === null) throw new EntryProblem(DAMAGED_ENTRY, { details: "'db' is not base64" });
    return {
      slots,
      nonce: hex(str(params, 'nonce'), 12, 'nonce'),
      tag: hex(str(params, 'tag'), 16, 'tag'),
      ciphertext,
    };
  });
  if (slots.length === 0) {
    throw new ImportError(
      'unsupported',
      'This Aegis vault has no password slot (only biometric or raw-key slots): export it from Aegis with a password.',
    );
  }
  if (password === undefined) throw passwordRequired(NAME);
  const charge: KdfCharge = { budget, format: 'aegis' };
  let masterKey: Buffer | null = null;
  for (const slot of slots) {
    const kek = await scryptKey(password, slot.salt, slot, 32, charge);
    masterKey = aesGcmDecrypt(kek, slot.nonce, slot.key, slot.tag);
    kek.fill(0);
    if (masterKey !== null) break;
  }
  if (masterKey === null) throw wrongPassword(NAME);
  const plain = aesGcmDecrypt(masterKey, nonce, ciphertext, tag);
  masterKey.fill(0);
  if (plain === null)
    throw new ImportError('corrupt', 'The Aegis vault content does not match its key: the file was modified.');
  return parseJson(decodeUtf8(plain, 'The decrypted Aegis vault'), 'The decrypted Aegis vault', budget);
}

/**
 * The variant: plain or encrypted, and the content version when it is not the current one (3):
 * version 1 has no groups, version 2 names one group per entry.
 */
function variantOf(encrypted: boolean, version: number): string {
  const kind = encrypted ? 'encrypted backup (scrypt)' : 'plain backup';
  return version === 3 ? kind : `${kind}, content version ${version} (older Aegis)`;
}

/** Content versions 1–3 (docs/formats.md §1.3): entries, and groups by uuid (v3) or by name (v2). */
function readContent(db: JsonRecord, encrypted: boolean, budget: WorkBudget): ImportResult {
  const { version, entries, groups } = fileLevel('The Aegis vault content', () => {
    const version = int(db, 'version');
    const groups = namesById(db['groups'], 'uuid', 'name');
    return { version, entries: arr(db, 'entries'), groups };
  });
  if (version < 1 || version > 3) {
    throw new ImportError('unsupported', `Aegis vault content version ${version} is not supported (1 to 3 are).`);
  }
  const collector = new EntryCollector('aegis', budget);
  entries.forEach((raw, index) => {
    const e = isRecord(raw) ? raw : {};
    collector.add(
      index,
      () => describe(e['issuer'], e['name']),
      () => {
        if (!isRecord(raw)) throw new EntryProblem('the entry is not an object');
        const info = rec(e, 'info');
        return {
          type: str(e, 'type'),
          issuer: optStr(e, 'issuer'),
          account: optStr(e, 'name'),
          secret: secretFromBase32(str(info, 'secret')),
          ...otpParameterFields(info, 'algo'),
          notes: optStr(e, 'note'),
          favourite: optBool(e, 'favorite'),
          tags: tagsOf(e, groups),
          ...iconOf(e),
        };
      },
    );
  });
  return collector.result(variantOf(encrypted, version));
}

/**
 * The entry's embedded icon (`icon`: base64 of a PNG, JPEG or SVG; `icon_mime` says which, but the
 * bytes are recognised by their content), checked by electron/icons like any picture Tessera keeps.
 * One that fails the check, or is not base64, is left out with the reason: the account is imported.
 */
function iconOf(entry: JsonRecord): Pick<EntryDraft, 'iconImage' | 'iconProblem'> {
  const text = entry['icon'];
  if (typeof text !== 'string' || text === '') return {};
  const bytes = strictBase64(text);
  if (bytes === null || bytes.length === 0) {
    return { iconProblem: { reason: ICON_LEFT_OUT, details: 'the icon is not valid base64' } };
  }
  try {
    return { iconImage: checkIconImage(bytes) };
  } catch (error) {
    if (!(error instanceof IconError)) throw error;
    const details = error.details === undefined ? error.message : `${error.message} ${error.details}`;
    return { iconProblem: { reason: ICON_LEFT_OUT, details } };
  }
}

/** The notice for an embedded icon Tessera will not use. */
const ICON_LEFT_OUT = 'its icon was left out (Tessera cannot use that image); the account is imported without it';

/**
 * The entry's groups as tags, in its order: v3 names every group uuid the vault defines (an unknown
 * uuid is left out); v2 has one `group` name per entry.
 */
function tagsOf(entry: JsonRecord, groups: ReadonlyMap<string, string>): string[] {
  const tags: string[] = [];
  const ids = entry['groups'];
  if (Array.isArray(ids)) {
    for (const id of ids as unknown[]) {
      const name = typeof id === 'string' ? groups.get(id) : undefined;
      if (name !== undefined) tags.push(name);
    }
  }
  const legacy = entry['group'];
  if (typeof legacy === 'string') tags.push(legacy);
  return tags;
}
