// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Automatic encrypted backups (issue 6, "Automatic backups"). A backup is the vault file's own bytes
 * — same format, same key slots, so never plaintext — copied to `tessera-backup-YYYYMMDD-HHMMSS.tessera`
 * (UTC) with a `.sha256` sidecar. The bytes copied are the generation the unlocked session has
 * authenticated (it reloads first and the copy must carry its generation). Each new backup is read
 * back, compared byte for byte, parsed (header, slots, KDF bounds) and checked against its digest
 * before older backups are pruned to the newest `keep` good ones. A backup whose bytes no longer
 * match its digest, or whose header does not parse, is listed as not ok and never counted as good.
 */
import { createHash, randomBytes as nodeRandomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { inspectVault, writePrivateFile, type UnlockedVault } from '../vault';

/** The narrowest vault surface a backup needs. */
export type BackupSource = Pick<UnlockedVault, 'path' | 'generation' | 'reloadIfChangedOnDisk'>;

export const BACKUP_DEFAULTS = Object.freeze({ keep: 10, debounceMs: 5_000, folderName: 'backups' });

const NAME_RE = /^tessera-backup-(\d{8})-(\d{6})(?:-(\d+))?\.tessera$/;

/** One backup file as listed. */
export interface BackupInfo {
  /** Absolute path. */
  readonly file: string;
  /** When it was written (Unix ms, from the name). */
  readonly time: number;
  /** Header parses and the bytes match the digest recorded when it was verified. */
  readonly ok: boolean;
}

export interface WriteBackupOptions {
  readonly vault: BackupSource;
  /** Backup folder; default `backups` next to the vault. */
  readonly dir?: string | undefined;
  /** Unix ms of this backup (names it). */
  readonly now: number;
  /** Good backups to keep; default 10, at least 1. */
  readonly keep?: number | undefined;
  /** Optional deeper check of the new file (e.g. decrypt with the password); throw to reject it. */
  readonly verify?: ((file: string) => Promise<void>) | undefined;
  readonly randomBytes?: ((n: number) => Uint8Array) | undefined;
}

export interface BackupResult {
  readonly file: string;
  readonly time: number;
  readonly generation: number;
  /** Backups deleted by pruning. */
  readonly pruned: string[];
}

/** A backup that could not be written or did not verify; nothing was pruned. */
export class BackupError extends Error {
  constructor(
    readonly reason: 'verify-failed' | 'vault-changed' | 'io',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BackupError';
  }
}

/** `backups` beside the vault file. */
export function defaultBackupDir(vaultPath: string): string {
  return path.join(path.dirname(vaultPath), BACKUP_DEFAULTS.folderName);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `tessera-backup-YYYYMMDD-HHMMSS[-N].tessera` for a UTC time. */
export function backupFileName(time: number, suffix = 0): string {
  const d = new Date(time);
  const stamp =
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-` +
    `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
  return `tessera-backup-${stamp}${suffix > 0 ? `-${suffix}` : ''}.tessera`;
}

function parseName(name: string): { time: number; suffix: number } | null {
  const m = NAME_RE.exec(name);
  if (!m) return null;
  const [, date = '', time = '', suffix] = m;
  const ms = Date.UTC(
    +date.slice(0, 4),
    +date.slice(4, 6) - 1,
    +date.slice(6, 8),
    +time.slice(0, 2),
    +time.slice(2, 4),
    +time.slice(4, 6),
  );
  return Number.isFinite(ms) ? { time: ms, suffix: suffix === undefined ? 0 : Number(suffix) } : null;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const digestPath = (file: string): string => `${file}.sha256`;

/** Whether one backup is good: its digest sidecar matches and its header parses. */
export async function checkBackup(file: string): Promise<boolean> {
  try {
    const [bytes, recorded] = await Promise.all([readFile(file), readFile(digestPath(file), 'utf8')]);
    if (sha256(bytes) !== recorded.trim()) return false;
    await inspectVault(file);
    return true;
  } catch {
    return false;
  }
}

/** The backup files in `dir` by name, newest first, unchecked. */
async function backupFiles(dir: string): Promise<{ file: string; time: number }[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const found = names.flatMap((name) => {
    const parsed = parseName(name);
    return parsed ? [{ file: path.join(dir, name), ...parsed }] : [];
  });
  found.sort((a, b) => b.time - a.time || b.suffix - a.suffix);
  return found;
}

/** Every backup in `dir`, newest first (a missing folder is an empty list). */
export async function listBackups(dir: string): Promise<BackupInfo[]> {
  const found = await backupFiles(dir);
  return Promise.all(found.map(async (f) => ({ file: f.file, time: f.time, ok: await checkBackup(f.file) })));
}

/**
 * The newest backup in `dir` that checks out, or null: checked newest first, stopping at the
 * first good one (the settings line needs one backup, not a hash of every file in the folder).
 */
export async function newestGoodBackup(dir: string): Promise<BackupInfo | null> {
  for (const f of await backupFiles(dir)) {
    if (await checkBackup(f.file)) return { file: f.file, time: f.time, ok: true };
  }
  return null;
}

async function freeName(dir: string, time: number): Promise<string> {
  const taken = new Set(await readdir(dir));
  for (let suffix = 0; ; suffix++) {
    const name = backupFileName(time, suffix);
    if (!taken.has(name) && !taken.has(`${name}.sha256`)) return path.join(dir, name);
  }
}

async function removeBackup(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(digestPath(file), { force: true });
}

/**
 * Copies the session's current vault file into `file` (+ digest) and re-opens it. Returns the
 * generation, or null when another process saved in between (the copy is removed; try again).
 * @throws BackupError `verify-failed` when the copy reads back different or does not parse.
 */
async function copyAndVerify(
  opts: WriteBackupOptions,
  file: string,
  random: (n: number) => Uint8Array,
): Promise<number | null> {
  await opts.vault.reloadIfChangedOnDisk();
  const generation = opts.vault.generation;
  const bytes = new Uint8Array(await readFile(opts.vault.path));
  const digest = sha256(bytes);
  await writePrivateFile(file, bytes, { randomBytes: random });
  await writePrivateFile(digestPath(file), `${digest}\n`, { randomBytes: random });
  try {
    // Reads the copy back against the digest of the source bytes (via its sidecar) and parses it.
    if (!(await checkBackup(file))) throw new Error('the copy does not match its digest');
    if ((await inspectVault(file)).generation !== generation) {
      await removeBackup(file);
      return null;
    }
    await opts.verify?.(file);
    return generation;
  } catch (cause) {
    await removeBackup(file);
    throw new BackupError('verify-failed', `The backup ${path.basename(file)} did not verify; nothing was pruned.`, {
      cause,
    });
  }
}

/**
 * Keeps the newest `keep` good backups and deletes older good ones, plus damaged ones older than
 * the oldest kept. Damaged backups are never counted; the newest good one is never deleted.
 */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const all = await listBackups(dir);
  const good = all.filter((b) => b.ok);
  const kept = good.slice(0, Math.max(1, keep));
  const oldestKept = kept[kept.length - 1]?.time ?? Number.POSITIVE_INFINITY;
  const doomed = all.filter((b) => !kept.includes(b) && (b.ok || b.time < oldestKept));
  for (const b of doomed) await removeBackup(b.file);
  return doomed.map((b) => b.file);
}

/**
 * Writes one verified backup of the vault, then prunes. The folder is created 0700, files are 0600.
 * @throws BackupError (`verify-failed`, `vault-changed`, `io`); on failure nothing is pruned.
 */
export async function writeBackup(opts: WriteBackupOptions): Promise<BackupResult> {
  const dir = opts.dir ?? defaultBackupDir(opts.vault.path);
  const random = opts.randomBytes ?? nodeRandomBytes;
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') await chmod(dir, 0o700);
  } catch (cause) {
    throw new BackupError('io', `Cannot create the backup folder ${dir}.`, { cause });
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const file = await freeName(dir, opts.now);
    let generation: number | null;
    try {
      generation = await copyAndVerify(opts, file, random);
    } catch (cause) {
      if (cause instanceof BackupError) throw cause;
      await removeBackup(file).catch(() => undefined);
      throw new BackupError('io', `Cannot write the backup in ${dir}.`, { cause });
    }
    if (generation === null) continue;
    const pruned = await pruneBackups(dir, opts.keep ?? BACKUP_DEFAULTS.keep);
    return { file, time: opts.now, generation, pruned };
  }
  throw new BackupError('vault-changed', 'The vault kept changing while it was being backed up; it will be retried.');
}
