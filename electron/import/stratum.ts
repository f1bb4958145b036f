// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Stratum / Authenticator Pro (docs/formats.md §8), every file the app writes or keeps:
 *
 * - plain backup: JSON `{Authenticators, Categories, AuthenticatorCategories, CustomIcons}`;
 * - encrypted backup: `AUTHENTICATORPRO` ‖ salt 16 ‖ IV 12 ‖ AES-256-GCM, key Argon2id t=3,
 *   m=64 MiB, p=4 (`StrongBackupEncryption.cs`);
 * - legacy encrypted backup: `AuthenticatorPro` ‖ salt 20 ‖ IV 16 ‖ AES-256-CBC, key
 *   PBKDF2-HMAC-SHA1 64,000 (`LegacyBackupEncryption.cs`, still read by the app);
 * - HTML backup: a table of issuer, username, the `otpauth://` link in `<code>` and its QR code
 *   (`HtmlBackup.cs`, `backup_template.html`);
 * - internal database (`databases/authenticator.db3`, Authenticator Pro's `files/proauth.db3`):
 *   SQLite tables `authenticator`, `category`, `authenticatorcategory`.
 *
 * Type 1 HOTP, 2 TOTP, 4 Steam (3 mOTP and 5 Yandex are skipped); Algorithm 0/1/2 =
 * SHA1/SHA256/SHA512. The categories linked to an authenticator become its tags (by ranking). The app's
 * URI-list backup is a plain list of links (uri-list.ts).
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
import { chargeJson, countLines } from './prescan';
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
import { draftFromLink } from './links';
import { intOf, isSqlite, sqliteSchemaMentions, textOf, withDatabase, type Row } from './sqlite';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Stratum';
const HEADER = Buffer.from('AUTHENTICATORPRO', 'latin1');
const LEGACY_HEADER = Buffer.from('AuthenticatorPro', 'latin1');
const TYPES: Readonly<Record<number, string>> = { 1: 'hotp', 2: 'totp', 3: 'motp', 4: 'steam', 5: 'yandex' };
const ALGORITHMS: Readonly<Record<number, string>> = { 0: 'SHA1', 1: 'SHA256', 2: 'SHA512' };
const SQL_MARKERS = ['CREATE TABLE "authenticator"', '"secret"', '"ranking"'];
/** The HTML backup's table header (`backup_template.html`; the page title is translated, this is not). */
const HTML_MARKER = /<th>\s*OTP Auth URI\s*<\/th>/i;

/** What each file is called in results (ImportResult.variant). */
export const VARIANTS = Object.freeze({
  plain: 'plain backup (JSON)',
  encrypted: 'encrypted backup (Argon2id)',
  legacy: 'encrypted backup, legacy (PBKDF2)',
  html: 'HTML backup',
  database: 'internal database (SQLite)',
});

const startsWith = (bytes: Uint8Array, magic: Buffer): boolean =>
  bytes.length >= magic.length && Buffer.from(bytes.subarray(0, magic.length)).equals(magic);
const isEncrypted = (bytes: Uint8Array): boolean => startsWith(bytes, HEADER) || startsWith(bytes, LEGACY_HEADER);

/** The HTML backup: an HTML document whose first 8 KiB hold the app's table header. */
function isHtmlBackup(bytes: Uint8Array): boolean {
  const head = tryDecodeUtf8(trimToCharBoundary(bytes.subarray(0, 8192)));
  return head !== null && /^\s*<(!doctype html|html)[\s>]/i.test(head) && HTML_MARKER.test(head);
}

function trimToCharBoundary(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && ((bytes[end - 1] ?? 0) & 0xc0) === 0x80) end--;
  return end > 0 && (bytes[end - 1] ?? 0) >= 0xc0 ? bytes.subarray(0, end - 1) : bytes.subarray(0, end);
}

export const stratumFormat: ImportFormat = {
  id: 'stratum',
  name: 'Stratum / Authenticator Pro',
  detect(bytes) {
    if (isEncrypted(bytes)) return 0.99;
    if (sqliteSchemaMentions(bytes, SQL_MARKERS)) return 0.95;
    if (isHtmlBackup(bytes)) return 0.9;
    const json = sniffJson(bytes);
    return isRecord(json) && Array.isArray(json['Authenticators']) ? 0.95 : 0;
  },
  needsPassword: isEncrypted,
  async parse(bytes, password, budget = new WorkBudget()) {
    const charge: KdfCharge = { budget, format: 'stratum' };
    if (startsWith(bytes, HEADER)) {
      return readJson(await decryptCurrent(bytes, password, charge), budget, VARIANTS.encrypted);
    }
    if (startsWith(bytes, LEGACY_HEADER)) {
      return readJson(await decryptLegacy(bytes, password, charge), budget, VARIANTS.legacy);
    }
    if (isSqlite(bytes)) return readDatabase(bytes, budget);
    const text = tryDecodeUtf8(bytes);
    if (text === null) {
      throw new ImportError('corrupt', 'This Stratum backup is neither JSON, encrypted, HTML nor a database.');
    }
    if (isHtmlBackup(bytes)) return readHtml(text, budget);
    return readJson(text, budget);
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
  const body = bytes.length - (16 + 20 + 16);
  if (body < 16 || body % 16 !== 0) {
    throw new ImportError('corrupt', 'This Authenticator Pro backup is cut off or damaged.', {
      details: 'The legacy AES-CBC ciphertext is not a whole number of blocks.',
    });
  }
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

/**
 * The decrypted or plain JSON backup. Exported for tests that exercise it without Argon2id.
 * @param variant what the result is called (ImportResult.variant).
 */
export function readJson(
  text: string,
  budget: WorkBudget = new WorkBudget(),
  variant: string = VARIANTS.plain,
): ImportResult {
  chargeJson(budget, text);
  let file: unknown;
  try {
    file = JSON.parse(text) as unknown;
  } catch (cause) {
    throw new ImportError('corrupt', 'This Stratum backup is not valid JSON; it may be damaged.', { cause });
  }
  if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a Stratum backup (no Authenticators).');
  const list = fileLevel('The Stratum backup', () => arr(file, 'Authenticators'));
  const categories = categoryNames(file);
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
          tags: categories.get(secret) ?? [],
        });
      },
    );
  });
  return collector.result(variant);
}

/** Secret → its category names, from `Categories` and `AuthenticatorCategories`. */
function categoryNames(file: JsonRecord): Map<string, string[]> {
  const names = namesById(file['Categories'], 'Id', 'Name');
  const links = Array.isArray(file['AuthenticatorCategories']) ? (file['AuthenticatorCategories'] as unknown[]) : [];
  return categoriesBySecret(
    names,
    links.map((l) =>
      isRecord(l) ? { secret: l['AuthenticatorSecret'], category: l['CategoryId'], ranking: l['Ranking'] } : {},
    ),
  );
}

/** Secret → the names of its categories, as tags: by the link's ranking, then file order. */
function categoriesBySecret(
  names: ReadonlyMap<string, string>,
  links: readonly { readonly secret?: unknown; readonly category?: unknown; readonly ranking?: unknown }[],
): Map<string, string[]> {
  const found = new Map<string, { name: string; ranking: number }[]>();
  for (const l of links) {
    if (typeof l.secret !== 'string' || typeof l.category !== 'string') continue;
    const name = names.get(l.category);
    if (name === undefined || name.trim() === '') continue;
    const ranking = typeof l.ranking === 'number' && Number.isFinite(l.ranking) ? l.ranking : Number.MAX_SAFE_INTEGER;
    const list = found.get(l.secret) ?? [];
    if (list.length === 0) found.set(l.secret, list);
    list.push({ name, ranking });
  }
  // Array.prototype.sort is stable: equal rankings keep file order.
  return new Map(
    [...found].map(([secret, list]) => [secret, list.sort((a, b) => a.ranking - b.ranking).map((c) => c.name)]),
  );
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
  readonly tags?: readonly string[] | undefined;
}

function draft(f: Fields): EntryDraft {
  const type = TYPES[f.type];
  if (type === undefined) throw new EntryProblem(`its kind of code (type ${f.type}) is unknown to Tessera`);
  // mOTP and Yandex keep secrets that are not base32 (mOTP: hex): refuse by type before reading it.
  if (type === 'motp' || type === 'yandex') {
    throw new EntryProblem(`“${type}” codes are not supported by Tessera (only TOTP, HOTP and Steam)`);
  }
  const algorithm = ALGORITHMS[f.algorithm];
  if (algorithm === undefined) throw new EntryProblem(`its algorithm (number ${f.algorithm}) is unknown to Tessera`);
  return { ...f, type, algorithm, secret: secretFromBase32(f.secret) };
}

const DB_COLUMNS = ['type', 'issuer', 'username', 'secret', 'algorithm', 'digits', 'period', 'counter'];

async function readDatabase(bytes: Uint8Array, budget: WorkBudget): Promise<ImportResult> {
  const { rows, categories } = await withDatabase(bytes, NAME, budget, (db) => {
    const authenticators = db.rows('authenticator', DB_COLUMNS);
    const hasCategories = db.hasTable('category') && db.hasTable('authenticatorcategory');
    const names = new Map<string, string>();
    const links: { secret: unknown; category: unknown; ranking: unknown }[] = [];
    if (hasCategories) {
      for (const c of db.rows('category', ['id', 'name'])) names.set(textOf(c, 'id'), textOf(c, 'name'));
      for (const l of db.rows('authenticatorcategory', ['categoryId', 'authenticatorSecret', 'ranking'], ['ranking'])) {
        links.push({ secret: l['authenticatorSecret'], category: l['categoryId'], ranking: l['ranking'] });
      }
    }
    return { rows: authenticators, categories: categoriesBySecret(names, links) };
  });
  const collector = new EntryCollector('stratum', budget);
  rows.forEach((row: Row, index) => {
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
          tags: categories.get(textOf(row, 'secret')) ?? [],
        }),
    );
  });
  return collector.result(VARIANTS.database);
}

/**
 * The HTML backup: each table row's link (`<td>issuer</td><td>username</td><td><code>link</code></td>…`),
 * read with the app's own conventions (a `totp` link for issuer "Steam" without `digits`, or with a
 * bare `steam` parameter, is Steam: Stratum's `Authenticator.GetOtpAuthUri` writes Steam so). mOTP
 * links are skipped as unsupported. The text is scanned once, front to back (no regular expression
 * over the whole file: an unclosed row in a hostile file cannot make the scan quadratic).
 */
function readHtml(text: string, budget: WorkBudget): ImportResult {
  budget.spend('lines', countLines(text));
  const collector = new EntryCollector('stratum', budget);
  let index = 0;
  for (const row of elements(text, 'tr')) {
    const cells = [...elements(row, 'td')];
    const code = cells.map((c) => [...elements(c, 'code')][0]).find((c) => c !== undefined);
    if (code === undefined) continue; // the header row
    const i = index++;
    const issuer = htmlText(cells[0] ?? '');
    const account = htmlText(cells[1] ?? '');
    const link = htmlText(code).trim();
    collector.add(
      i,
      () => describe(issuer, account) || `row ${i + 1}`,
      () => {
        if (/^motp:/i.test(link)) {
          throw new EntryProblem('“motp” codes are not supported by Tessera (only TOTP, HOTP and Steam)');
        }
        return draftFromLink(stratumSteam(link), { fallbackIssuer: issuer, fallbackAccount: account });
      },
    );
  }
  return collector.result(VARIANTS.html);
}

/** The contents of each `<tag …>…</tag>` in `html`, in order (not nested); stops at the first unclosed one. */
function* elements(html: string, tag: string): Generator<string> {
  const lower = html.replace(/[A-Z]+/g, (c) => c.toLowerCase()); // ASCII only: same length, same indexes
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let at = 0;
  for (;;) {
    let start = lower.indexOf(open, at);
    // `<tr` must be the whole name: `<track` is not a row.
    while (start >= 0 && /[\w-]/.test(lower.charAt(start + open.length))) start = lower.indexOf(open, start + 1);
    if (start < 0) return;
    const bodyStart = lower.indexOf('>', start);
    if (bodyStart < 0) return;
    const end = lower.indexOf(close, bodyStart);
    if (end < 0) return;
    yield html.slice(bodyStart + 1, end);
    at = end + close.length;
  }
}

/**
 * Stratum writes a Steam authenticator as `otpauth://totp/…&issuer=Steam` without `digits` (the
 * bare `&steam` it writes for another issuer is read by links.ts), and reads such a link back as Steam.
 */
function stratumSteam(link: string): string {
  const m = /^otpauth:\/\/totp\/[^?]*\?(.*)$/is.exec(link);
  if (m === null) return link;
  const query = m[1] ?? '';
  const names = query.split('&').map((p) => p.split('=')[0]?.toLowerCase() ?? '');
  const steam = /(?:^|&)issuer=Steam(?:&|$)/i.test(query) && !names.includes('digits') && !names.includes('encoder');
  return steam ? `${link}&encoder=steam` : link;
}

/** Text of an HTML fragment: tags dropped, the five XML entities and numeric references decoded. */
function htmlText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos|#39);/gi, (whole, ref: string) => {
      const r = ref.toLowerCase();
      if (r === 'amp') return '&';
      if (r === 'lt') return '<';
      if (r === 'gt') return '>';
      if (r === 'quot') return '"';
      if (r === 'apos' || r === '#39') return "'";
      const code = r.startsWith('#x') ? parseInt(r.slice(2), 16) : parseInt(r.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
    })
    .trim();
}
