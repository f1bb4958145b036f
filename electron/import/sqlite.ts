// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading app databases (Google Authenticator, Microsoft Authenticator, Stratum) with sql.js:
 * SQLite compiled to WebAssembly, loaded from node_modules (never fetched), no native module.
 * Only plain tables are read (a view or trigger in a hostile file never runs), and every value is
 * checked by the caller. The engine's copy of the database is reserved from the budget's memory,
 * and the rows are counted (`SELECT count(*)`) and refused past `database-rows` before one is read.
 */
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue } from 'sql.js';
import type { WorkBudget } from './budget';
import { ImportError } from './types';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

let engine: Promise<SqlJsStatic> | null = null;

/**
 * The sql.js engine, loaded once. Under Node, sql.js reads `sql-wasm.wasm` from its own package
 * folder (beside `dist/sql-wasm.js`), so this works from the sources, the CLI bundle and any cwd;
 * nothing is ever fetched.
 */
function sqlite(): Promise<SqlJsStatic> {
  engine ??= initSqlJs().catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}

/** True when the bytes start with the SQLite file header. */
export function isSqlite(bytes: Uint8Array): boolean {
  return bytes.length >= 100 && Buffer.from(bytes.subarray(0, 16)).toString('latin1') === SQLITE_MAGIC;
}

/**
 * Detection helper: an SQLite file whose schema text (stored in clear on the first pages) contains
 * every marker. Cheap and synchronous; parsing checks the real schema.
 */
export function sqliteSchemaMentions(bytes: Uint8Array, markers: readonly string[]): boolean {
  if (!isSqlite(bytes)) return false;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64 * 1024));
  return markers.every((m) => head.includes(m, 0, 'latin1'));
}

export type Row = Readonly<Record<string, SqlValue>>;

/**
 * Opens the database, reads every row of `table` (which must be a real table with all `columns`),
 * and closes it.
 * @throws BudgetExceededError past `memory` or `database-rows`; ImportError `corrupt` when the file
 *   is not a readable database or lacks the table.
 */
export async function readTable(
  bytes: Uint8Array,
  table: string,
  columns: readonly string[],
  formatName: string,
  budget: WorkBudget,
): Promise<Row[]> {
  if (!isSqlite(bytes)) throw new ImportError('corrupt', `This ${formatName} file is not an SQLite database.`);
  const SQL = await sqlite();
  const release = budget.reserve(bytes.length); // sql.js copies the file into its own memory
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    const kind = db.exec('SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE', [table])[0]?.values[0]?.[0];
    if (kind !== 'table') throw missing(formatName, table);
    const present = new Set(
      (db.exec(`PRAGMA table_info("${table}")`)[0]?.values ?? []).map((r) => String(r[1]).toLowerCase()),
    );
    const absent = columns.find((c) => !present.has(c.toLowerCase()));
    if (absent !== undefined) throw missing(formatName, `${table}.${absent}`);
    const rows = Number(db.exec(`SELECT count(*) FROM "${table}"`)[0]?.values[0]?.[0] ?? 0);
    budget.atMost('database-rows', rows);
    const quoted = columns.map((c) => `"${c}"`).join(', ');
    const result = db.exec(`SELECT ${quoted} FROM "${table}"`)[0];
    return (result?.values ?? []).map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i] ?? null])));
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    throw new ImportError('corrupt', `This ${formatName} database cannot be read; it may be damaged.`, { cause });
  } finally {
    db?.close();
    release();
  }
}

function missing(formatName: string, what: string): ImportError {
  return new ImportError('corrupt', `This database is not one of ${formatName}: choose the app’s own database file.`, {
    details: `This database has no '${what}': it is not a ${formatName} database.`,
  });
}

/** A column value as text ('' for NULL). */
export function textOf(row: Row, column: string): string {
  const v = row[column];
  if (v === null || v === undefined) return '';
  return v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v);
}

/** A column value as a whole number, or undefined for NULL or anything else. */
export function intOf(row: Row, column: string): number | undefined {
  const v = row[column];
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,15}$/.test(v.trim())) return Number(v);
  return undefined;
}
