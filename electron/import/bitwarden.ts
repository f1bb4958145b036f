// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bitwarden exports (docs/formats.md §5): the unencrypted JSON and CSV exports, and the
 * password-protected JSON export (PBKDF2-SHA256 or Argon2id, stretched with HKDF-Expand into an
 * AES-256-CBC key and an HMAC-SHA256 key; `data` is the unencrypted JSON export, encrypted as one
 * EncString). The account-restricted encrypted export (encrypted with the Bitwarden account's own
 * key) is recognised and refused with what to do instead.
 *
 * Only login items with a TOTP field become entries; the field holds an `otpauth://` link,
 * `steam://<base32>` or a bare base32 secret (TOTP SHA1/6/30). The item's name and username name
 * entries whose link has no label; its folder and collections (as tags), notes and favourite mark are kept.
 */
import { createHash, createHmac, pbkdf2, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2id } from 'hash-wasm';
import { WorkBudget } from './budget';
import { PBKDF2_ITERATION_WORK, type KdfCost } from './budget-limits';
import { aesCbcDecrypt, passwordBytes, passwordRequired, wrongPassword } from './crypto';
import { EntryCollector, describe, strictBase64 } from './entries';
import {
  arr,
  decodeUtf8,
  fileLevel,
  int,
  isRecord,
  namesById,
  optInt,
  parseJson,
  sniffJson,
  str,
  tryDecodeUtf8,
  type JsonRecord,
} from './fields';
import { draftFromItemValue, type ItemContext } from './item-link';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Bitwarden';
const pbkdf2Async = promisify(pbkdf2);

/** The variants, as ImportResult.variant names them. */
export const BITWARDEN_VARIANTS = Object.freeze({
  json: 'JSON export',
  csv: 'CSV export',
  pbkdf2: 'password-protected JSON (PBKDF2)',
  argon2id: 'password-protected JSON (Argon2id)',
});

/** Bitwarden's `KdfType`: 0 PBKDF2-SHA256, 1 Argon2id. */
const KDF_PBKDF2 = 0;
const KDF_ARGON2ID = 1;
/** Bitwarden's largest Argon2id parallelism (Argon2KdfConfig.PARALLELISM); it never writes more. */
const MAX_PARALLELISM = 16;
/** Bitwarden's largest Argon2id memory in MiB (Argon2KdfConfig.MEMORY); its own importer refuses more. */
const MAX_MEMORY_MIB = 1024;

/** The password-protected export: its required fields (docs/formats.md §5). */
function isPasswordProtected(value: unknown): value is JsonRecord {
  return (
    isRecord(value) &&
    value['encrypted'] === true &&
    value['passwordProtected'] === true &&
    typeof value['data'] === 'string' &&
    typeof value['encKeyValidation_DO_NOT_EDIT'] === 'string'
  );
}

/** The account-restricted export: encrypted with the account's key, items of EncStrings. */
function isAccountRestricted(value: unknown): value is JsonRecord {
  return (
    isRecord(value) &&
    value['encrypted'] === true &&
    value['passwordProtected'] !== true &&
    typeof value['encKeyValidation_DO_NOT_EDIT'] === 'string' &&
    Array.isArray(value['items'])
  );
}

/** A Bitwarden item (CipherWithIdExport): a numeric `type`, a `name`, and the object of its kind. */
function isItem(value: unknown): boolean {
  return (
    isRecord(value) &&
    typeof value['type'] === 'number' &&
    typeof value['name'] === 'string' &&
    ['login', 'secureNote', 'card', 'identity', 'sshKey'].some((k) => isRecord(value[k]))
  );
}

/** The unencrypted JSON export: `items`, with Bitwarden's `encrypted: false` or items of its shape. */
function isPlainJson(value: unknown): value is JsonRecord {
  if (!isRecord(value) || !Array.isArray(value['items'])) return false;
  return value['encrypted'] === false || (value['encrypted'] === undefined && value['items'].some(isItem));
}

function csvHeader(bytes: Uint8Array): string[] | null {
  const text = tryDecodeUtf8(bytes.subarray(0, 4096));
  const first = (text ?? tryDecodeUtf8(bytes) ?? '').split(/\r?\n/, 1)[0] ?? '';
  const columns = first.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return columns.includes('login_totp') ? columns : null;
}

export const bitwardenFormat: ImportFormat = {
  id: 'bitwarden',
  name: NAME,
  detect(bytes) {
    const json = sniffJson(bytes);
    if (json !== undefined) {
      if (isPasswordProtected(json)) return 0.99;
      if (isAccountRestricted(json)) return 0.95;
      if (isPlainJson(json)) return json['encrypted'] === false ? 0.95 : 0.9;
      return 0;
    }
    return csvHeader(bytes) !== null ? 0.95 : 0;
  },
  needsPassword: (bytes) => isPasswordProtected(sniffJson(bytes)),
  async parse(bytes, password, budget = new WorkBudget()) {
    const text = decodeUtf8(bytes, 'This Bitwarden export');
    if (!/^\s*[{[]/.test(text)) return readCsv(text, budget);
    const file = parseJson(text, 'This Bitwarden export', budget);
    if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a Bitwarden export (no items).');
    if (file['encrypted'] === true) {
      if (file['passwordProtected'] === true) return readPasswordProtected(file, password, budget);
      throw accountRestricted();
    }
    return readJson(file, budget, BITWARDEN_VARIANTS.json);
  },
};

function accountRestricted(): ImportError {
  return new ImportError(
    'unsupported',
    'This Bitwarden export is locked to your Bitwarden account, and only Bitwarden itself can open it. ' +
      'In Bitwarden, export the vault again choosing “Password protected” as the file type (or unencrypted ' +
      'JSON), then import that file.',
    { details: 'account-restricted encrypted export ("encrypted": true without "passwordProtected")' },
  );
}

// ---------------------------------------------------------------------------------------------
// Password-protected export
// ---------------------------------------------------------------------------------------------

/** A type-2 EncString: AES-256-CBC ciphertext with its IV and HMAC-SHA256 tag. */
interface EncString {
  readonly iv: Uint8Array;
  readonly ciphertext: Uint8Array;
  readonly mac: Uint8Array;
}

/**
 * `2.<b64 iv>|<b64 ciphertext>|<b64 mac>` (EncryptionType.AesCbc256_HmacSha256_B64, the only type
 * a key stretched from a password encrypts with).
 * @throws ImportError `unsupported` for another EncString type, `corrupt` for a damaged one.
 */
export function parseEncString(text: string, field: string): EncString {
  const trimmed = text.trim();
  const dot = trimmed.indexOf('.');
  const header = dot < 0 ? '' : trimmed.slice(0, dot);
  const body = trimmed.slice(dot + 1);
  if (/^\d+$/.test(header) && header !== '2') {
    throw new ImportError(
      'unsupported',
      'This Bitwarden export is encrypted in a way Tessera does not read. Export the vault again from a current Bitwarden.',
      {
        details: `'${field}' is an EncString of type ${header.slice(0, 4)}; only type 2 (AES-256-CBC, HMAC-SHA256) is read`,
      },
    );
  }
  const parts = header === '2' ? body.split('|').map((p) => strictBase64(p)) : [];
  const [iv, ciphertext, mac] = parts;
  if (
    parts.length !== 3 ||
    !iv ||
    !ciphertext ||
    !mac ||
    iv.length !== 16 ||
    mac.length !== 32 ||
    ciphertext.length === 0 ||
    ciphertext.length % 16 !== 0
  ) {
    throw new ImportError('corrupt', 'This password-protected Bitwarden export is damaged. Export it again.', {
      details: `'${field}' is not a type-2 EncString (2.iv|data|mac, a 16-byte IV and a 32-byte MAC)`,
    });
  }
  return { iv, ciphertext, mac };
}

/** The key-derivation settings of a password-protected export. */
type KdfSettings =
  | { readonly type: typeof KDF_PBKDF2; readonly iterations: number }
  | {
      readonly type: typeof KDF_ARGON2ID;
      readonly iterations: number;
      readonly memoryMiB: number;
      readonly parallelism: number;
    };

function kdfSettings(file: JsonRecord): KdfSettings {
  const what = 'The password-protected Bitwarden export';
  const { type, iterations } = fileLevel(what, () => ({
    type: int(file, 'kdfType'),
    iterations: int(file, 'kdfIterations'),
  }));
  const damaged = (details: string): ImportError =>
    new ImportError('corrupt', 'This password-protected Bitwarden export is damaged. Export it again.', { details });
  if (iterations < 1) throw damaged(`'kdfIterations' is ${iterations}`);
  if (type === KDF_PBKDF2) return { type, iterations }; // older exports also wrote kdfMemory: ignored
  if (type !== KDF_ARGON2ID) {
    throw new ImportError(
      'unsupported',
      'This Bitwarden export uses a key-derivation method Tessera does not know. Export it again from a current Bitwarden.',
      { details: `kdfType ${type} (0 PBKDF2-SHA256 and 1 Argon2id are read)` },
    );
  }
  const { memory, parallelism } = fileLevel(what, () => ({
    memory: optInt(file, 'kdfMemory'),
    parallelism: optInt(file, 'kdfParallelism'),
  }));
  if (memory === undefined || memory < 1) throw damaged(`Argon2id without a usable 'kdfMemory'`);
  if (parallelism === undefined || parallelism < 1 || parallelism > MAX_PARALLELISM) {
    throw damaged(`Argon2id 'kdfParallelism' must be 1 to ${MAX_PARALLELISM}`);
  }
  return { type, iterations, memoryMiB: memory, parallelism };
}

/** Within the budget's memory allowance, but more than Bitwarden itself ever uses or reads. */
function tooMuchMemory(memoryMiB: number): ImportError {
  return new ImportError(
    'too-large',
    `This Bitwarden export asks for ${memoryMiB.toLocaleString('en-US')} MB of memory to check its password; ` +
      `Bitwarden itself uses at most ${MAX_MEMORY_MIB.toLocaleString('en-US')} MB. Tessera stopped before trying ` +
      'the password: nothing was imported.',
    {
      details: `Argon2id kdfMemory ${memoryMiB} MiB > ${MAX_MEMORY_MIB} MiB (Bitwarden's Argon2KdfConfig.MEMORY.max).`,
    },
  );
}

/** The derivation's cost for the work budget: PBKDF2 per iteration, Argon2id memory × passes. */
function kdfCost(kdf: KdfSettings): KdfCost {
  if (kdf.type === KDF_PBKDF2) return { memoryBytes: 0, work: kdf.iterations * PBKDF2_ITERATION_WORK };
  const memoryBytes = kdf.memoryMiB * 1024 * 1024;
  return { memoryBytes, work: memoryBytes * kdf.iterations };
}

/**
 * Bitwarden's export key before stretching (KeyGenerationService.deriveKeyFromPassword): the salt is
 * the UTF-8 text of the file's `salt` (the b64 text itself, not its decoding); Argon2id takes its
 * SHA-256 as salt and `kdfMemory` in MiB.
 */
async function deriveKey(password: string, salt: string, kdf: KdfSettings): Promise<Uint8Array> {
  const saltBytes = Buffer.from(salt, 'utf8');
  if (kdf.type === KDF_PBKDF2) return pbkdf2Async(passwordBytes(password), saltBytes, kdf.iterations, 32, 'sha256');
  return argon2id({
    password: passwordBytes(password),
    salt: createHash('sha256').update(saltBytes).digest(),
    iterations: kdf.iterations,
    memorySize: kdf.memoryMiB * 1024,
    parallelism: kdf.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
}

/** HKDF-Expand-SHA256 (RFC 5869 §2.3) to one 32-byte block: HMAC(prk, info ‖ 0x01). */
function hkdfExpand32(prk: Uint8Array, info: string): Buffer {
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
    .digest();
}

/**
 * Opens an EncString: the HMAC-SHA256 of iv ‖ ciphertext is checked (in constant time) before any
 * decryption. Null when the MAC does not match (a wrong key, or modified data).
 * @throws ImportError `corrupt` when the MAC matches but the padding does not (never with a real file).
 */
function openEncString(enc: EncString, encKey: Uint8Array, macKey: Uint8Array): Buffer | null {
  const mac = createHmac('sha256', macKey).update(enc.iv).update(enc.ciphertext).digest();
  if (!timingSafeEqual(mac, enc.mac)) return null;
  const plain = aesCbcDecrypt(encKey, enc.iv, enc.ciphertext);
  if (plain === null) {
    throw new ImportError('corrupt', 'This password-protected Bitwarden export is damaged. Export it again.', {
      details: 'the MAC matched but the AES-CBC padding is invalid',
    });
  }
  return plain;
}

async function readPasswordProtected(
  file: JsonRecord,
  password: string | undefined,
  budget: WorkBudget,
): Promise<ImportResult> {
  const { salt, validation, data } = fileLevel('The password-protected Bitwarden export', () => ({
    salt: str(file, 'salt'),
    validation: str(file, 'encKeyValidation_DO_NOT_EDIT'),
    data: str(file, 'data'),
  }));
  if (salt === '') {
    throw new ImportError('corrupt', 'This password-protected Bitwarden export is damaged. Export it again.', {
      details: "'salt' is empty",
    });
  }
  const kdf = kdfSettings(file);
  const validationEnc = parseEncString(validation, 'encKeyValidation_DO_NOT_EDIT');
  const dataEnc = parseEncString(data, 'data');
  // Charged before the password is asked for: a refused file costs no prompt and no derivation.
  const release = budget.kdf('bitwarden', kdfCost(kdf));
  let stretched: { enc: Buffer; mac: Buffer };
  try {
    if (kdf.type === KDF_ARGON2ID && kdf.memoryMiB > MAX_MEMORY_MIB) throw tooMuchMemory(kdf.memoryMiB);
    if (password === undefined) throw passwordRequired(NAME);
    const key = await deriveKey(password, salt, kdf);
    stretched = { enc: hkdfExpand32(key, 'enc'), mac: hkdfExpand32(key, 'mac') };
    key.fill(0);
  } finally {
    release();
  }
  let plain: Buffer | null;
  try {
    if (openEncString(validationEnc, stretched.enc, stretched.mac) === null) throw wrongPassword(NAME);
    plain = openEncString(dataEnc, stretched.enc, stretched.mac);
  } finally {
    stretched.enc.fill(0);
    stretched.mac.fill(0);
  }
  if (plain === null) {
    throw new ImportError(
      'corrupt',
      'The password is right, but the data of this Bitwarden export is damaged (it fails its integrity check). Export it again.',
    );
  }
  const what = 'The decrypted Bitwarden export';
  const inner = parseJson(decodeUtf8(plain, what), what, budget);
  plain.fill(0);
  if (!isRecord(inner) || inner['encrypted'] === true) {
    throw new ImportError('corrupt', 'The decrypted Bitwarden export is not an unencrypted JSON export.');
  }
  return readJson(inner, budget, kdf.type === KDF_PBKDF2 ? BITWARDEN_VARIANTS.pbkdf2 : BITWARDEN_VARIANTS.argon2id);
}

// ---------------------------------------------------------------------------------------------
// Unencrypted JSON and CSV
// ---------------------------------------------------------------------------------------------

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The unencrypted JSON export (also the decrypted content of a password-protected one). Exported
 * for tests that exercise it without a key derivation.
 */
export function readJson(
  file: JsonRecord,
  budget: WorkBudget,
  variant: string = BITWARDEN_VARIANTS.json,
): ImportResult {
  const items = fileLevel('The Bitwarden export', () => arr(file, 'items'));
  const folders = namesById(file['folders'], 'id', 'name');
  const collections = namesById(file['collections'], 'id', 'name');
  const collector = new EntryCollector('bitwarden', budget);
  items.forEach((item, index) => {
    if (!isRecord(item) || !isRecord(item['login'])) return; // not a login: no TOTP field to read
    const login = item['login'];
    const totp = login['totp'];
    if (typeof totp !== 'string' || totp.trim() === '') return;
    const name = text(item['name']);
    const username = text(login['username']);
    const deleted = item['deletedDate'];
    if (typeof deleted === 'string' && deleted !== '') {
      collector.skip(index, describe(name, username) || `item ${index + 1}`, 'it is in Bitwarden’s trash');
      return;
    }
    const folderId = text(item['folderId']);
    const collectionIds = Array.isArray(item['collectionIds']) ? (item['collectionIds'] as unknown[]) : [];
    addTotp(collector, index, totp, {
      issuer: name,
      account: username,
      notes: text(item['notes']),
      tags: [
        folderId === undefined ? undefined : folders.get(folderId),
        ...collectionIds.map((id) => (typeof id === 'string' ? collections.get(id) : undefined)),
      ],
      favourite: item['favorite'] === true,
    });
  });
  return collector.result(variant);
}

/** A TOTP field as an entry (item-link.ts): the link's names, else the item's name and username. */
function addTotp(collector: EntryCollector, index: number, totp: string, ctx: ItemContext): void {
  collector.add(
    index,
    () => describe(ctx.issuer, ctx.account),
    () => draftFromItemValue(totp, ctx),
  );
}

function readCsv(text: string, budget: WorkBudget): ImportResult {
  const rows = parseCsv(text, budget);
  const header = rows.shift() ?? [];
  const col = (name: string): number => header.indexOf(name);
  const at = {
    totp: col('login_totp'),
    name: col('name'),
    user: col('login_username'),
    fav: col('favorite'),
    folder: col('folder'),
    collections: col('collections'),
    notes: col('notes'),
  };
  if (at.totp < 0) {
    throw new ImportError(
      'corrupt',
      'This Bitwarden CSV export has no column of one-time-password keys. Export the vault from Bitwarden again.',
      { details: "This Bitwarden CSV export has no 'login_totp' column." },
    );
  }
  const cell = (row: readonly string[], i: number): string | undefined => (i < 0 ? undefined : row[i]);
  const collector = new EntryCollector('bitwarden', budget);
  rows.forEach((row, index) => {
    const totp = row[at.totp] ?? '';
    if (totp.trim() === '') return;
    const folder = cell(row, at.folder);
    const collections = cell(row, at.collections)?.split(',') ?? [];
    const notes = cell(row, at.notes);
    addTotp(collector, index, totp, {
      issuer: cell(row, at.name),
      account: cell(row, at.user),
      notes: notes === '' ? undefined : notes,
      tags: [folder, ...collections],
      favourite: at.fav >= 0 && row[at.fav] === '1',
    });
  });
  return collector.result(BITWARDEN_VARIANTS.csv);
}

/**
 * RFC 4180 CSV: fields separated by commas, optionally quoted with `"` (a quote inside doubled),
 * records separated by CRLF or LF; quoted fields may span lines. Every field is charged to the
 * budget's `csv-cells` as it is read.
 * @throws ImportError `corrupt` for an unterminated quoted field; BudgetExceededError.
 */
export function parseCsv(text: string, budget: WorkBudget = new WorkBudget()): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      const end = closingQuote(text, i + 1);
      field = text.slice(i + 1, end).replace(/""/g, '"');
      i = end + 1;
      continue;
    }
    if (c === ',') {
      budget.spend('csv-cells');
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      budget.spend('csv-cells');
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else {
      field += c;
    }
    i++;
  }
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

function closingQuote(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0)
      throw new ImportError('corrupt', 'This CSV file has a quoted field that never ends; it may be truncated.');
    if (text[q + 1] !== '"') return q;
    i = q + 2;
  }
}
