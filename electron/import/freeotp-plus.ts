// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * FreeOTP+ files (docs/formats.md §8):
 *
 * - the JSON export `{tokenOrder: [...], tokens: [...]}`: FreeOTP's token format, secret as signed bytes;
 * - the app's internal database (FreeOTP+ 2.0 and later, `databases/otp-token-db`, from a rooted
 *   phone or an app-data backup): SQLite, table `otp_tokens` with `issuer`, `label`, `tokenType`
 *   (`TOTP`/`HOTP`), `algorithm`, `secret` (base32), `digits`, `counter`, `period`, `ordinal` and
 *   `encryptionType` (`PLAIN_TEXT`, the only kind the app writes); its `category` (version 3 of
 *   the database on) becomes a tag;
 * - its internal storage before the database, `shared_prefs/tokens.xml`: FreeOTP's own file, which
 *   detection gives to FreeOTP (nothing in it says which of the two apps wrote it); chosen as
 *   FreeOTP+ it reads the same, through freeotp.ts.
 *
 * Detection: the JSON export by its two lists; the database by its table's columns.
 */
import { WorkBudget } from './budget';
import { EntryCollector, describe, secretFromBase32, secretFromByteArray, type EntryDraft } from './entries';
import { arr, decodeUtf8, EntryProblem, fileLevel, isRecord, parseJson, sniffJson, type JsonRecord } from './fields';
import { freeOtpTokenDraft, looksLikeFreeOtpPrefs, readTokensXml } from './freeotp';
import { intOf, isSqlite, sqliteSchemaMentions, textOf, withDatabase, type Row } from './sqlite';
import { ImportError, type ImportFormat, type ImportResult } from './types';

const NAME = 'FreeOTP+';
const TABLE = 'otp_tokens';
const COLUMNS = ['issuer', 'label', 'tokenType', 'algorithm', 'secret', 'digits', 'counter', 'period', 'ordinal'];
/** Schema text the database carries in clear (Room's CREATE TABLE for OtpToken). */
const SCHEMA_MARKERS = ['CREATE TABLE', 'otp_tokens', 'tokenType', 'encryptionType', 'ordinal', 'secret'];

function looksLikeFreeOtpPlus(value: unknown): value is JsonRecord {
  return isRecord(value) && Array.isArray(value['tokens']) && Array.isArray(value['tokenOrder']);
}

export const freeOtpPlusFormat: ImportFormat = {
  id: 'freeotp-plus',
  name: NAME,
  detect(bytes) {
    if (sqliteSchemaMentions(bytes, SCHEMA_MARKERS)) return 0.95;
    return looksLikeFreeOtpPlus(sniffJson(bytes)) ? 0.95 : 0;
  },
  needsPassword: () => false,
  async parse(bytes, _password, budget = new WorkBudget()) {
    if (isSqlite(bytes)) return readDatabase(bytes, budget);
    if (looksLikeFreeOtpPrefs(bytes)) return readTokensXml(bytes, 'freeotp-plus', budget);
    const file = parseJson(decodeUtf8(bytes, 'This FreeOTP+ export'), 'This FreeOTP+ export', budget);
    if (!isRecord(file)) throw new ImportError('corrupt', 'This is not a FreeOTP+ export (no tokens).');
    const tokens = fileLevel('The FreeOTP+ export', () => arr(file, 'tokens'));
    const collector = new EntryCollector('freeotp-plus', budget);
    tokens.forEach((raw, index) => {
      const t = isRecord(raw) ? raw : {};
      collector.add(
        index,
        () => describe(t['issuerAlt'] ?? t['issuerExt'], t['labelAlt'] ?? t['label']),
        () => {
          if (!isRecord(raw)) throw new EntryProblem('the token is not an object');
          return freeOtpTokenDraft(raw, secretFromByteArray(raw['secret']));
        },
      );
    });
    return collector.result('JSON export');
  },
};

/** The internal database, in the app's order (`ordinal`, then row order). */
async function readDatabase(bytes: Uint8Array, budget: WorkBudget): Promise<ImportResult> {
  // `category` came with version 3 of the app's database: an older one has none (read as NULL).
  const rows = await withDatabase(bytes, NAME, budget, (db) =>
    db.rows(TABLE, [...COLUMNS, 'encryptionType', 'category'], ['category']),
  );
  const ordered = rows
    .map((row, at) => ({ row, at, ordinal: intOf(row, 'ordinal') ?? 0 }))
    .sort((a, b) => a.ordinal - b.ordinal || a.at - b.at);
  const collector = new EntryCollector('freeotp-plus', budget);
  ordered.forEach(({ row, at }) => {
    collector.add(
      at,
      () => describe(textOf(row, 'issuer'), textOf(row, 'label')),
      () => draftFromRow(row),
    );
  });
  return collector.result('internal storage (SQLite database)');
}

function draftFromRow(row: Row): EntryDraft {
  const encryption = textOf(row, 'encryptionType');
  if (encryption !== 'PLAIN_TEXT') {
    throw new EntryProblem('its secret is encrypted on the phone and cannot be read here', {
      details: `encryptionType '${encryption}'`,
    });
  }
  const type = textOf(row, 'tokenType');
  const issuer = textOf(row, 'issuer');
  return {
    type: type.toLowerCase() === 'totp' && issuer === 'Steam' ? 'steam' : type,
    issuer,
    account: textOf(row, 'label'),
    secret: secretFromBase32(textOf(row, 'secret')),
    algorithm: textOf(row, 'algorithm'),
    digits: intOf(row, 'digits'),
    period: intOf(row, 'period'),
    counter: intOf(row, 'counter'),
    tags: [textOf(row, 'category')],
  };
}
