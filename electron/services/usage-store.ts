// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * usage.json: how often and how lately each account's code was copied on this computer, what the
 * "most used" and "recently used" orders sort by (electron/domain/usage.ts). It lives in this
 * computer's app data folder beside settings.json, never in the vault, so a copy never causes a vault
 * save, a backup or a sync; the desktop app and the CLI share it.
 *
 *   { "version": 1, "vaults": { "<vault id>": { "<entry id>": { "count": 3, "lastUsed": 1700000000000 } } } }
 *
 * Keyed by the vault's id first, so two vaults never share counts. A missing, damaged or foreign
 * file reads as empty (counting starts again; nothing to tell the user), and a record that is not
 * a count and a time is dropped. Each write keeps only the accounts still in the vault, at most
 * USAGE_MAX_VAULTS vaults (the ones copied from longest ago go first): the file stays as small as
 * the vaults. Counts are a convenience: a failed write is dropped, never an error for the user.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENTRY_LIMITS, type EntryUsage, type UsageMap } from '../domain';
import { writePrivateFile } from '../vault';

/** The file in this computer's app data folder. */
export const USAGE_FILE_NAME = 'usage.json';

/** The version this build writes and reads; another version reads as empty. */
export const USAGE_FILE_VERSION = 1;

/** Vaults remembered at most (a vault opened with `--vault` once still gets a place). */
export const USAGE_MAX_VAULTS = 16;

/** A larger file is not ours to parse (16 vaults of 10,000 accounts stay well below it). */
const MAX_FILE_CHARS = 32 * 1024 * 1024;

/** Longest id kept: vault and entry ids are UUIDs (36 characters). */
const MAX_ID_LENGTH = 64;

/** The whole file: usage by vault id, then by entry id. */
export type UsageByVault = Readonly<Record<string, UsageMap>>;

/** `usage.json` in `dataFolder`. */
export function usagePathIn(dataFolder: string): string {
  return path.join(dataFolder, USAGE_FILE_NAME);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isId = (key: string): boolean => key.length > 0 && key.length <= MAX_ID_LENGTH;

function readUsage(value: unknown): EntryUsage | null {
  if (!isRecord(value)) return null;
  const { count, lastUsed } = value;
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) return null;
  if (typeof lastUsed !== 'number' || !Number.isSafeInteger(lastUsed) || lastUsed < 0) return null;
  return { count, lastUsed };
}

function readVault(value: unknown): UsageMap {
  if (!isRecord(value)) return {};
  const kept: [string, EntryUsage][] = [];
  for (const [id, raw] of Object.entries(value)) {
    const usage = readUsage(raw);
    if (usage !== null && isId(id)) kept.push([id, usage]);
    if (kept.length >= ENTRY_LIMITS.maxEntries) break;
  }
  // fromEntries defines own properties, so an id such as "__proto__" stays plain data.
  return Object.fromEntries(kept);
}

/** The file's usage; anything that is not this version's shape reads as empty. */
export function parseUsageFile(text: string): UsageByVault {
  if (text.length > MAX_FILE_CHARS) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(parsed) || parsed.version !== USAGE_FILE_VERSION || !isRecord(parsed.vaults)) return {};
  const vaults = Object.entries(parsed.vaults)
    .filter(([id]) => isId(id))
    .map(([id, raw]): [string, UsageMap] => [id, readVault(raw)]);
  return Object.fromEntries(vaults.slice(0, USAGE_MAX_VAULTS));
}

/** The file's text (stable key order: vaults and entries as given). */
export function serializeUsageFile(vaults: UsageByVault): string {
  return `${JSON.stringify({ version: USAGE_FILE_VERSION, vaults }, null, 2)}\n`;
}

/** `usage` without the accounts that are no longer in the vault. */
export function keepLive(usage: UsageMap, liveIds: ReadonlySet<string>): UsageMap {
  return Object.fromEntries(Object.entries(usage).filter(([id]) => liveIds.has(id)));
}

const lastUseOf = (usage: UsageMap): number =>
  Object.values(usage).reduce((latest, u) => Math.max(latest, u.lastUsed), -1);

/**
 * The usage after one copy of each of `entryIds` of the vault `vaultId` at `now`: their counts up by
 * one and their time now; that vault's accounts not in `liveIds` dropped (and not counted), and the
 * vaults copied from longest ago dropped beyond USAGE_MAX_VAULTS.
 */
export function recordUse(
  vaults: UsageByVault,
  vaultId: string,
  entryIds: readonly string[],
  liveIds: ReadonlySet<string>,
  now: number,
): UsageByVault {
  const own = Object.prototype.hasOwnProperty.call(vaults, vaultId) ? (vaults[vaultId] ?? {}) : {};
  const mine = new Map(Object.entries(keepLive(own, liveIds)));
  const at = Math.max(0, Math.trunc(now));
  for (const entryId of entryIds) {
    if (!liveIds.has(entryId)) continue;
    const count = Math.min((mine.get(entryId)?.count ?? 0) + 1, Number.MAX_SAFE_INTEGER);
    mine.set(entryId, { count, lastUsed: at });
  }
  const others = Object.entries(vaults)
    .filter(([id]) => id !== vaultId)
    .sort(([, a], [, b]) => lastUseOf(b) - lastUseOf(a))
    .slice(0, USAGE_MAX_VAULTS - 1);
  // fromEntries defines own properties, so an id such as "__proto__" stays plain data.
  return Object.fromEntries([[vaultId, Object.fromEntries(mine)], ...others]);
}

export interface UsageStore {
  /** The usage of the vault `vaultId`, limited to the accounts in `liveIds`; empty when the file cannot be read. */
  read(vaultId: string, liveIds: Iterable<string>): Promise<UsageMap>;
  /** Counts one use of each of `entryIds` now and writes the file once; never rejects (a failed write is dropped). */
  record(vaultId: string, entryIds: readonly string[], liveIds: Iterable<string>): Promise<void>;
}

export interface UsageStoreDeps {
  /** The file (usagePathIn(dataFolder)). */
  readonly path: string;
  /** This computer's clock (ms since the epoch): when a copy happened. */
  readonly now: () => number;
  /**
   * Create the data folder when it is missing (the desktop app). The CLI leaves a missing folder
   * alone: it writes only where the desktop app, `tessera init` or the KDF calibration made one.
   */
  readonly createFolder?: boolean;
  /** Default: the real file system. */
  readonly readText?: (file: string) => Promise<string>;
  readonly writeText?: (file: string, text: string) => Promise<void>;
}

/** The store over one file: reads and writes run one at a time, in order, so a read sees every copy before it. */
export function createUsageStore(deps: UsageStoreDeps): UsageStore {
  const readText = deps.readText ?? ((file: string) => readFile(file, 'utf8'));
  const createFolder = deps.createFolder ?? true;
  const writeText = deps.writeText ?? ((file: string, text: string) => writePrivateFile(file, text, { createFolder }));
  let queue: Promise<unknown> = Promise.resolve();

  function inTurn<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  }

  async function load(): Promise<UsageByVault> {
    try {
      return parseUsageFile(await readText(deps.path));
    } catch {
      return {};
    }
  }

  return {
    read: (vaultId, liveIds) =>
      inTurn(async () => {
        const vaults = await load();
        const own = Object.prototype.hasOwnProperty.call(vaults, vaultId) ? (vaults[vaultId] ?? {}) : {};
        return keepLive(own, new Set(liveIds));
      }),
    record: (vaultId, entryIds, liveIds) =>
      inTurn(async () => {
        try {
          const next = recordUse(await load(), vaultId, entryIds, new Set(liveIds), deps.now());
          await writeText(deps.path, serializeUsageFile(next));
        } catch {
          // Counting is a convenience: a full or read-only disk must not turn a copy into an error.
        }
      }),
  };
}
