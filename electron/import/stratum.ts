// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Stratum / Authenticator Pro (docs/formats.md §8): JSON backups `{Authenticators: [...]}`,
 * encrypted backups (`AUTHENTICATORPRO` ‖ salt 16 ‖ IV 12 ‖ AES-256-GCM with Argon2id t=3,
 * m=64 MiB, p=4; legacy `AuthenticatorPro` ‖ salt 20 ‖ IV 16 ‖ AES-256-CBC with PBKDF2-SHA1
 * 64,000) and the app's SQLite database (table `authenticator`). Type 1 HOTP, 2 TOTP, 4 Steam
 * (3 mOTP and 5 Yandex are skipped); Algorithm 0/1/2 = SHA1/SHA256/SHA512. The first category
 * names the entry's group.
 */
import { WorkBudget } from './budget';
import {
  aesCbcDecrypt,
  aesGcmDecrypt,
  argon2idKey,
  passwordRequired,
  pbkdf2Key,
  wrongPassword,
  type KdfCharge,
} from './crypto';
import { chargeJson } from './prescan';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import {
  arr,
  EntryProblem,
  fileLevel,
  int,
  isRecord,
  namesById,
  optInt,
  optStr,
  sniffJson,
  str,
  tryDecodeUtf8,
  type JsonRecord,
} from './fields';
import { intOf, isSqlite, readTable, sqliteSchemaMentions, textOf } from './sqlite';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Stratum';
const HEADER = Buffer.from('AUTHENTICATORPRO', 'latin1');
const LEGACY_HEADER = Buffer.from('AuthenticatorPro', 'latin1');
const TYPES: Readonly<Record<number, string>> = { 1: 'hotp', 2: 'totp', 3: 'motp', 4: 'steam', 5: 'yandex' };
const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };
const SQL_MARKERS = ['CREATE TABLE "authenticator"', '"secret"', '"ranking"'];

const startsWith = (bytes: Uint8Array, magic: Buffer): boolean =>
  bytes.length >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic);
const isEncrypted = (bytes: Uint8Array): boolean => startsWith(bytes, HEADER) || startsWith(bytes, LEGACY_HEADER);

export const stratumFormat: ImportFormat = {
  id: 'stratum',
  name: 'Stratum / Authenticator Pro',
  detect(bytes) {
    if (isEncrypted(bytes)) return 0.99;
    if (sqliteSchemaMentions(bytes, SQL_MARKERS)) return 0.95;
    const json = sniffJson(bytes);
    return isRecord(json) && Array.isArray(json['Authenticators']) ? 0.95 : 0;
  },
  needsPassword: isEncrypted,
  async parse(bytes, password, budget = new WorkBudget()) {
    const charge: KdfCharge = { budget, format: 'stratum' };
    if (startsWith(bytes, HEADER)) return readJson(await decryptCurrent(bytes, password, charge), budget);
    if (startsWith(bytes, LEGACY_HEADER)) return readJson(await decryptLegacy(bytes, password, charge), budget);
    if (isSqlite(bytes)) return readDatabase(bytes, budget);
    const json = tryDecodeUtf8(bytes);
    if (json === null)
      throw new ImportError('corrupt', 'This Stratum backup is neither JSON, encrypted nor a database.');
    return readJson(json, budget);
  },
};

async function decryptCurrent(bytes: Uint8Array, password: string | undefined, charge: KdfCharge): Promise<string> {
  if (bytes.length < 16 + 16 + 12 + 16) throw new ImportError('corrupt', 'This Stratum backup is cut off.');
  if (password === undefined) throw passwordRequired(NAME);
  const salt = bytes.subarray(16, 32);
  const params = { iterations: 3, memoryKiB: 64 * 1024, parallelism: 4 };
  const key = await argon2idKey(password, salt, params, 32, charge);
  const plain = aesGcmDecrypt(key, bytes.subarray(32, 44), bytes.subarray(44, -16), bytes.subarray(-16));
  key.fill(0);
  if (plain === null) throw wrongPassword(NAME);
  return decryptedText(plain);
}

async function decryptLegacy(bytes: Uint8Array, password: string | undefined, charge: KdfCharge): Promise<string> {
  if (bytes.length < 16 + 20 + 16 + 16) throw new ImportError('corrupt', 'This Authenticator Pro backup is cut off.');
  if (password === undefined) throw passwordRequired(NAME);
  const key = await pbkdf2Key(password, bytes.subarray(16, 36), 64_000, 32, 'sha1', charge);
  const plain = aesCbcDecrypt(key, bytes.subarray(36, 52), bytes.subarray(52));
  key.fill(0);
  const text = plain === null ? null : tryDecodeUtf8(plain);
  if (text === null || !/^\s*\{/.test(text)) throw wrongPassword(NAME); // CBC: a wrong key may still unpad
  return text;
}

function decryptedText(plain: Uint8Array): string {
  const text = tryDecodeUtf8(plain);
  if (text === null) throw new ImportError('corrupt', 'The decrypted Stratum backup is not text.');
  return text;
}

/** The decrypted or plain JSON backup. Exported for tests that exercise it without Argon2id. */
export function readJson(text: string, budget: WorkBudget = new WorkBudget()): ImportResult {
  chargeJson(budget, text);
  let file: unknown;
  try {
    file = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ImportError('corrupt', 'This Stratum backup is not valid JSON; it may be damaged.', { cause });
  }
  if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a Stratum backup (no Authenticators).');
  const list = fileLevel('The Stratum backup', () => arr(file, 'Authenticators'));
  const groups = categoryNames(file);
  const collector = new EntryCollector('stratum', budget);
  list.forEach((raw, index) => {
    const a = isRecord(raw) ? raw : {};
    collector.add(
      index,
      () => describe(a['Issuer'], a['Username']),
      () => {
        if (!isRecord(raw)) throw new EntryProblem('the authenticator is not an object');
        const secret = str(raw, 'Secret');
        return draft({
          type: int(raw, 'Type'),
          algorithm: optInt(raw, 'Algorithm') ?? 0,
          issuer: optStr(raw, 'Issuer'),
          account: optStr(raw, 'Username'),
          secret,
          digits: optInt(raw, 'Digits'),
          period: optInt(raw, 'Period'),
          counter: optInt(raw, 'Counter'),
          group: groups.get(secret),
        });
      },
    );
  });
  return collector.result();
}

/** Secret → first category name, from `Categories` and `AuthenticatorCategories`. */
function categoryNames(file: JsonRecord): Map<string, string> {
  const names = namesById(file['Categories'], 'Id', 'Name');
  const out = new Map<string, string>();
  const links = Array.isArray(file['AuthenticatorCategories']) ? (file['AuthenticatorCategories'] as unknown[]) : [];
  for (const l of links) {
    if (!isRecord(l) || typeof l['AuthenticatorSecret'] !== 'string' || typeof l['CategoryId'] !== 'string') continue;
    const name = names.get(l['CategoryId']);
    if (name !== undefined && !out.has(l['AuthenticatorSecret'])) out.set(l['AuthenticatorSecret'], name);
  }
  return out;
}

interface Fields {
  readonly type: number;
  readonly algorithm: number;
  readonly issuer: string | undefined;
  readonly account: string | undefined;
  readonly secret: string;
  readonly digits: number | undefined;
  readonly period: number | undefined;
  readonly counter: number | undefined;
  readonly group?: string | undefined;
}

function draft(f: Fields): EntryDraft {
  const type = TYPES[f.type];
  if (type === undefined) throw new EntryProblem(`unknown authenticator type ${f.type}`);
  const algorithm = ALGORITHMS[f.algorithm];
  if (algorithm === undefined) throw new EntryProblem(`unknown algorithm ${f.algorithm}`);
  return { ...f, type, algorithm, secret: secretFromBase32(f.secret) };
}

async function readDatabase(bytes: Uint8Array, budget: WorkBudget): Promise<ImportResult> {
  const columns = ['type', 'issuer', 'username', 'secret', 'algorithm', 'digits', 'period', 'counter'];
  const rows = await readTable(bytes, 'authenticator', columns, NAME, budget);
  const collector = new EntryCollector('stratum', budget);
  rows.forEach((row, index) => {
    collector.add(
      index,
      () => describe(textOf(row, 'issuer'), textOf(row, 'username')),
      () =>
        draft({
          type: intOf(row, 'type') ?? -1,
          algorithm: intOf(row, 'algorithm') ?? 0,
          issuer: textOf(row, 'issuer'),
          account: textOf(row, 'username'),
          secret: textOf(row, 'secret'),
          digits: intOf(row, 'digits'),
          period: intOf(row, 'period'),
          counter: intOf(row, 'counter'),
        }),
    );
  });
  return collector.result();
}
