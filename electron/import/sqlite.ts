// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading app databases (Google Authenticator, Microsoft Authenticator, Stratum) with sql.js:
 * SQLite compiled to WebAssembly, loaded from node_modules (never fetched), no native module.
 * Only plain tables are read (a view or trigger in a hostile file never runs), and every value is
 * checked by the caller. The engine's copy of the database is reserved from the budget's memory,
 * and each table's rows are counted (`SELECT count(*)`) and refused past `database-rows` before
 * one is read.
 *
 * A database copied from a phone is often in write-ahead-log mode (header bytes 18–19 = 2); sql.js
 * reads such a file as it is. Rows still only in the `-wal` file beside it are not in the copy.
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

/** An open database, for the duration of {@link withDatabase}'s callback. */
export interface OpenDatabase {
  /** Whether `name` is a real table (not a view), any case. */
  hasTable(name: string): boolean;
  /** The table's column names, lower-cased (empty for a missing table). */
  columns(table: string): ReadonlySet<string>;
  /**
   * Every row of `table` (which must have every one of `columns`; a missing one reads as NULL when
   * `optional` lists it), counted against `database-rows` first.
   * @throws ImportError `corrupt` when the table or a required column is missing;
   *   BudgetExceededError past `database-rows`.
   */
  rows(table: string, columns: readonly string[], optional?: readonly string[]): Row[];
}

/**
 * Opens the database, runs `read` on it and closes it.
 * @throws BudgetExceededError past `memory` or `database-rows`; ImportError `corrupt` when the file
 *   is not a readable database (or `read` finds it is not the app's).
 */
export async function withDatabase<T>(
  bytes: Uint8Array,
  formatName: string,
  budget: WorkBudget,
  read: (db: OpenDatabase) => T,
): Promise<T> {
  if (!isSqlite(bytes)) throw new ImportError('corrupt', `This ${formatName} file is not an SQLite database.`);
  const SQL = await sqlite();
  const release = budget.reserve(bytes.length); // sql.js copies the file into its own memory
  let db: Database | null = null;
  try {
    db = new SQL.Database(bytes);
    return read(openDatabase(db, formatName, budget));
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    throw new ImportError('corrupt', `This ${formatName} database cannot be read; it may be damaged.`, { cause });
  } finally {
    db?.close();
    release();
  }
}

function openDatabase(db: Database, formatName: string, budget: WorkBudget): OpenDatabase {
  const hasTable = (name: string): boolean =>
    db.exec('SELECT type FROM sqlite_master WHERE name = ? COLLATE NOCASE', [name])[0]?.values[0]?.[0] === 'table';
  const columns = (table: string): ReadonlySet<string> =>
    hasTable(table)
      ? new Set(
          (db.exec(`PRAGMA table_info("${quoted(table)}")`)[0]?.values ?? []).map((r) => String(r[1]).toLowerCase()),
        )
      : new Set();
  return {
    hasTable,
    columns,
    rows(table, wanted, optional = []) {
      if (!hasTable(table)) throw missing(formatName, table);
      const present = columns(table);
      const absent = wanted.find((c) => !present.has(c.toLowerCase()) && !optional.includes(c));
      if (absent !== undefined) throw missing(formatName, `${table}.${absent}`);
      const count = Number(db.exec(`SELECT count(*) FROM "${quoted(table)}"`)[0]?.values[0]?.[0] ?? 0);
      budget.atMost('database-rows', count);
      const read = wanted.filter((c) => present.has(c.toLowerCase()));
      if (read.length === 0)
        return Array.from({ length: count }, () => Object.fromEntries(wanted.map((c) => [c, null])));
      const list = read.map((c) => `"${quoted(c)}"`).join(', ');
      const result = db.exec(`SELECT ${list} FROM "${quoted(table)}"`)[0];
      return (result?.values ?? []).map((values) =>
        Object.fromEntries(wanted.map((c) => [c, values[read.indexOf(c)] ?? null])),
      );
    },
  };
}

/** Identifiers come from this code, never from a file; doubling quotes keeps that true if one ever did. */
function quoted(name: string): string {
  return name.replace(/"/g, '""');
}

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
  return withDatabase(bytes, formatName, budget, (db) => db.rows(table, columns));
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
