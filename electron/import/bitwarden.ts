// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bitwarden unencrypted exports, JSON and CSV (docs/formats.md §5). Only login items with a TOTP field
 * become entries; the field holds an `otpauth://` link, `steam://<base32>` or a bare base32 secret
 * (TOTP SHA1/6/30). The item's name and username name entries whose link has no label.
 * Password-protected exports are refused with a hint.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32, type EntryDraft } from './entries';
import { arr, decodeUtf8, fileLevel, isRecord, parseJson, sniffJson, tryDecodeUtf8, type JsonRecord } from './fields';
import { draftFromLink, type LinkContext } from './links';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'Bitwarden';

function looksLikeJson(value: unknown): value is JsonRecord {
  return isRecord(value) && Array.isArray(value['items']) && ('encrypted' in value || 'folders' in value);
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
    if (json !== undefined) return looksLikeJson(json) ? 0.95 : 0;
    return csvHeader(bytes) !== null ? 0.95 : 0;
  },
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    const text = decodeUtf8(bytes, 'This Bitwarden export');
    if (/^\s*[{[]/.test(text)) return readJson(parseJson(text, 'This Bitwarden export', budget), budget);
    return readCsv(text, budget);
  },
};

function readJson(file: unknown, budget: WorkBudget): ImportResult {
  if (!looksLikeJson(file)) throw new ImportError('corrupt', 'This is not a Bitwarden JSON export (no items).');
  if (file['encrypted'] === true || 'passwordProtected' in file) {
    throw new ImportError(
      'unsupported',
      'Password-protected Bitwarden exports cannot be read: export again from Bitwarden as unencrypted JSON or CSV.',
    );
  }
  const items = fileLevel('The Bitwarden export', () => arr(file, 'items'));
  const collector = new EntryCollector('bitwarden', budget);
  items.forEach((item, index) => {
    if (!isRecord(item) || !isRecord(item['login'])) return; // not a login: no TOTP field to read
    const totp = item['login']['totp'];
    if (typeof totp !== 'string' || totp.trim() === '') return;
    const name = typeof item['name'] === 'string' ? item['name'] : undefined;
    const username = typeof item['login']['username'] === 'string' ? item['login']['username'] : undefined;
    addTotp(collector, index, totp, {
      fallbackIssuer: name,
      fallbackAccount: username,
      favourite: item['favorite'] === true,
    });
  });
  return collector.result();
}

function addTotp(collector: EntryCollector, index: number, totp: string, ctx: LinkContext): void {
  collector.add(
    index,
    () => describe(ctx.fallbackIssuer, ctx.fallbackAccount),
    (): EntryDraft => {
      const value = totp.trim();
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return draftFromLink(value, ctx);
      return {
        type: 'totp',
        issuer: ctx.fallbackIssuer,
        account: ctx.fallbackAccount,
        secret: secretFromBase32(value),
        favourite: ctx.favourite,
      };
    },
  );
}

function readCsv(text: string, budget: WorkBudget): ImportResult {
  const rows = parseCsv(text, budget);
  const header = rows.shift() ?? [];
  const col = (name: string): number => header.indexOf(name);
  const [totpAt, nameAt, userAt, favAt] = [col('login_totp'), col('name'), col('login_username'), col('favorite')];
  if (totpAt < 0) {
    throw new ImportError(
      'corrupt',
      'This Bitwarden CSV export has no column of one-time-password keys. Export the vault from Bitwarden again.',
      { details: "This Bitwarden CSV export has no 'login_totp' column." },
    );
  }
  const collector = new EntryCollector('bitwarden', budget);
  rows.forEach((row, index) => {
    const totp = row[totpAt] ?? '';
    if (totp.trim() === '') return;
    addTotp(collector, index, totp, {
      fallbackIssuer: nameAt < 0 ? undefined : row[nameAt],
      fallbackAccount: userAt < 0 ? undefined : row[userAt],
      favourite: favAt >= 0 && row[favAt] === '1',
    });
  });
  return collector.result();
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
