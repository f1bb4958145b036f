// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Absorbs the conflict copies a sync tool leaves beside the vault (issue #18, "absorb conflict
 * copies"): lists the vault's folder, keeps the files that are copies of this vault (a sync tool's
 * conflict-copy name, electron/vault/conflict-copies.ts, or any `*.tessera` whose header carries
 * this vault's id), merges each into the open vault (`UnlockedVault.mergeCopy`, which saves once
 * when it changed anything), checks that the vault file on disk opens with the session's key, and
 * only then MOVES the copy into the backups folder. Nothing is ever deleted: a copy that cannot be
 * merged, or whose move fails, stays where it is and is reported.
 *
 * Plain Node; the desktop app (vault-sync.ts) and the CLI (electron/cli/context.ts) run the same
 * code. Sequential and idempotent: a second run finds nothing left to merge or move. Never touches
 * the vault itself, a symbolic link, anything inside the backups folder (even when it lies inside
 * the vault's folder), a file named like an automatic backup, or a file still being written (its
 * size or modification time changes between two looks; it is looked at again next time).
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readdir, readFile, realpath, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { ConflictCopiesReport, ConflictCopyFailure, MergedConflictCopy } from '../domain';
import {
  EntryValidationError,
  readVaultId,
  resolveVaultFile,
  VaultError,
  type MergeOutcome,
  type UnlockedVault,
  type VaultErrorReason,
} from '../vault';
import { vaultCandidate, type VaultCandidate } from '../vault/conflict-copies';
import { isErrnoException } from '../vault/errors';

/** What the absorber needs of the open vault. */
export type AbsorbingVault = Pick<UnlockedVault, 'path' | 'vaultId' | 'mergeCopy' | 'checkCopy'>;

export interface AbsorbDeps {
  readonly vault: AbsorbingVault;
  /** Where merged copies go: the backups folder in force. Created (0700) when needed. */
  readonly backupsFolder: string;
  /** The folder to look in; default the folder of the file the vault path leads to (through links). */
  readonly folder?: string;
  /** Wall-clock milliseconds, compared with the files' modification times. Default Date.now. */
  readonly now?: () => number;
  /**
   * A password to try on a copy the session's key does not open (the CLI passes the one just
   * typed: a recovery key made or a re-key on another computer keeps the password).
   */
  readonly password?: string;
  /** The pause between the two looks at a recently changed file. Default 300 ms. */
  readonly settleMs?: number;
  readonly wait?: (ms: number) => Promise<void>;
  /** Default fs.rename; injected to simulate a move across devices (EXDEV). */
  readonly rename?: (from: string, to: string) => Promise<void>;
}

export interface AbsorbedCopy extends MergedConflictCopy {
  /** Where the copy is now (in the backups folder); null when it could not be moved or was gone already. */
  readonly movedTo: string | null;
}

export interface AbsorbResult extends ConflictCopiesReport {
  readonly merged: readonly AbsorbedCopy[];
  /** Copies seen changing (still being written or replaced): looked at again next time. */
  readonly busy: readonly string[];
  /** Whether any merge changed the open vault's accounts. */
  readonly changed: boolean;
}

const DEFAULT_SETTLE_MS = 300;
/** A file changed less than this long ago may still be being written: it is looked at twice. */
const RECENT_MS = 10_000;
/** Automatic backups (electron/export/backups.ts): never a conflict copy, even beside the vault. */
const BACKUP_NAME = /^tessera-backup-\d{8}-\d{6}(?:-\d+)?\.tessera$/;

/** A file's identity as seen by one look: any change means it is being written or was replaced. */
interface Look {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
}

interface Candidate {
  readonly name: string;
  readonly file: string;
  readonly why: VaultCandidate;
  readonly look: Look;
}

interface Run {
  readonly deps: AbsorbDeps;
  readonly vaultFile: string;
  readonly folder: string;
  readonly backups: string;
  readonly merged: AbsorbedCopy[];
  readonly needPassword: string[];
  readonly otherVaults: string[];
  readonly failed: ConflictCopyFailure[];
  readonly busy: string[];
  changed: boolean;
}

const sameLook = (a: Look, b: Look): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
const lookOf = (s: { size: number; mtimeMs: number; ino: number }): Look => ({
  size: s.size,
  mtimeMs: s.mtimeMs,
  ino: s.ino,
});
const defaultWait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const errnoCode = (error: unknown): string | undefined => (isErrnoException(error) ? error.code : undefined);

/** Finds this vault's conflict copies beside it, merges each and moves it into the backups folder. */
export async function absorbConflictCopies(deps: AbsorbDeps): Promise<AbsorbResult> {
  const run = await startRun(deps);
  if (!run) return emptyResult();
  const candidates = await settled(run, await listCandidates(run));
  for (const candidate of candidates) await absorbOne(run, candidate, deps.password);
  return resultOf(run);
}

/**
 * Merges the one copy `fileName` (a name in the vault's folder, as reported in `needPassword`) with
 * its own `password`, then moves it like the others.
 * @throws VaultError `wrong-password-or-tampered` when the password does not open it (nothing changed).
 */
export async function absorbConflictCopy(deps: AbsorbDeps, fileName: string, password: string): Promise<AbsorbResult> {
  const run = await startRun(deps);
  if (!run) return emptyResult();
  const candidate = (await listCandidates(run)).find((c) => c.name === fileName);
  if (!candidate) return resultOf(run);
  await absorbOne(run, candidate, password, { throwWrongPassword: true });
  return resultOf(run);
}

function emptyResult(): AbsorbResult {
  return { merged: [], needPassword: [], otherVaults: [], failed: [], busy: [], changed: false };
}

function resultOf(run: Run): AbsorbResult {
  const { merged, needPassword, otherVaults, failed, busy, changed } = run;
  return { merged, needPassword, otherVaults, failed, busy, changed };
}

/** The run's folders; null when the vault's folder is the backups folder or inside it (nothing there is a copy to absorb). */
async function startRun(deps: AbsorbDeps): Promise<Run | null> {
  const vaultFile = await resolveVaultFile(deps.vault.path);
  const folder = await realOrResolved(deps.folder ?? path.dirname(vaultFile));
  const backups = await realOrResolved(deps.backupsFolder);
  if (isInside(folder, backups)) return null;
  return {
    deps,
    vaultFile,
    folder,
    backups,
    merged: [],
    needPassword: [],
    otherVaults: [],
    failed: [],
    busy: [],
    changed: false,
  };
}

async function realOrResolved(folder: string): Promise<string> {
  try {
    return await realpath(folder);
  } catch {
    return path.resolve(folder);
  }
}

/** Whether `folder` is `outer` or lies inside it. */
function isInside(folder: string, outer: string): boolean {
  const rel = path.relative(outer, folder);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The files in the vault's folder that may be copies of it: plain files only, never the vault or a backup. */
async function listCandidates(run: Run): Promise<Candidate[]> {
  let names: string[];
  try {
    names = await readdir(run.folder);
  } catch {
    return [];
  }
  const vaultName = path.basename(run.vaultFile);
  const sameFolder = path.resolve(path.dirname(run.vaultFile)) === run.folder;
  const found: Candidate[] = [];
  for (const name of names.sort()) {
    if ((sameFolder && name === vaultName) || BACKUP_NAME.test(name)) continue;
    const why = vaultCandidate(name, vaultName);
    if (!why) continue;
    const file = path.join(run.folder, name);
    try {
      const stats = await lstat(file);
      // A link could lead anywhere (into the backups folder, to the vault itself): never followed.
      if (!stats.isFile()) continue;
      found.push({ name, file, why, look: lookOf(stats) });
    } catch {
      // Gone meanwhile: nothing to do.
    }
  }
  return found;
}

/**
 * The candidates that are not being written: a file changed recently is looked at again after a
 * short pause, and one whose size or time changed meanwhile waits for the next run.
 */
async function settled(run: Run, candidates: Candidate[]): Promise<Candidate[]> {
  const now = (run.deps.now ?? Date.now)();
  const recent = (c: Candidate): boolean => Math.abs(now - c.look.mtimeMs) < RECENT_MS;
  if (!candidates.some(recent)) return candidates;
  await (run.deps.wait ?? defaultWait)(run.deps.settleMs ?? DEFAULT_SETTLE_MS);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    const again = await lstat(c.file).catch(() => null);
    if (!again) continue;
    if (again.isFile() && sameLook(c.look, lookOf(again))) kept.push(c);
    else run.busy.push(c.name);
  }
  return kept;
}

/** The copy's bytes, read without following a link; null when it changed since it was looked at. */
async function readSettled(c: Candidate): Promise<Uint8Array | null> {
  const handle = await open(c.file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    if (!sameLook(c.look, lookOf(await handle.stat()))) return null;
    const bytes = new Uint8Array(await handle.readFile());
    if (bytes.length !== c.look.size || !sameLook(c.look, lookOf(await handle.stat()))) return null;
    return bytes;
  } finally {
    await handle.close();
  }
}

type OneOptions = { readonly throwWrongPassword?: boolean };

async function absorbOne(
  run: Run,
  c: Candidate,
  password: string | undefined,
  options: OneOptions = {},
): Promise<void> {
  let bytes: Uint8Array | null;
  try {
    bytes = await readSettled(c);
  } catch (error) {
    if (errnoCode(error) !== 'ENOENT') run.failed.push({ file: c.name, message: unreadable(c.name) });
    return;
  }
  if (!bytes) {
    run.busy.push(c.name);
    return;
  }
  const id = readVaultId(bytes);
  // Only names made by a sync tool are worth a word; any other `*.tessera` may be anything.
  if (id === null) {
    if (c.why.kind === 'conflict-copy') run.failed.push({ file: c.name, message: notAVault(c.name) });
    return;
  }
  if (id !== run.deps.vault.vaultId) {
    if (c.why.kind === 'conflict-copy') run.otherVaults.push(c.name);
    return;
  }
  const outcome = await merge(run, c, bytes, password, options);
  if (outcome) await moveToBackups(run, c, outcome.passwordNowFrom === 'copy');
}

/** The copy's password was given and does not open it either. */
class WrongCopyPassword extends Error {
  constructor(readonly vaultError: VaultError) {
    super(vaultError.message);
    this.name = 'WrongCopyPassword';
  }
}

/** `mergeCopy` with the session's key, then (for a copy under another key) with `password` if there is one. */
async function mergeWithKeyOrPassword(
  vault: AbsorbingVault,
  bytes: Uint8Array,
  password: string | undefined,
): Promise<MergeOutcome> {
  try {
    return await vault.mergeCopy(bytes);
  } catch (error) {
    if (!isReason(error, 'other-key') || password === undefined) throw error;
  }
  try {
    return await vault.mergeCopy(bytes, { password });
  } catch (error) {
    if (error instanceof VaultError && isReason(error, 'other-key')) throw new WrongCopyPassword(error);
    throw error;
  }
}

/** Merges the copy into the session and checks the save; false when it was not merged (and says why). */
async function merge(
  run: Run,
  c: Candidate,
  bytes: Uint8Array,
  password: string | undefined,
  options: OneOptions,
): Promise<MergeOutcome | null> {
  let outcome: MergeOutcome;
  try {
    outcome = await mergeWithKeyOrPassword(run.deps.vault, bytes, password);
  } catch (error) {
    if (error instanceof WrongCopyPassword) {
      if (options.throwWrongPassword) throw error.vaultError;
      run.needPassword.push(c.name);
    } else if (isReason(error, 'other-key')) run.needPassword.push(c.name);
    else if (isReason(error, 'other-vault')) run.otherVaults.push(c.name);
    else if (error instanceof VaultError || error instanceof EntryValidationError) {
      run.failed.push({ file: c.name, message: notMerged(c.name, error) });
    } else throw error;
    return null;
  }
  if (outcome.added + outcome.changed + outcome.removed + outcome.conflictNotes > 0) run.changed = true;
  return (await verifySaved(run, c)) ? outcome : null;
}

/** The vault file on disk, as the merge left it, opens with the session's key (header and whole payload). */
async function verifySaved(run: Run, c: Candidate): Promise<boolean> {
  const { vault } = run.deps;
  try {
    await vault.checkCopy(new Uint8Array(await readFile(run.vaultFile)));
    return true;
  } catch (error) {
    // Briefly missing while a sync tool replaces it: merged in the session, moved next time.
    if (errnoCode(error) === 'ENOENT') run.busy.push(c.name);
    else run.failed.push({ file: c.name, message: notVerified(c.name) });
    return false;
  }
}

function isReason(error: unknown, reason: VaultErrorReason): boolean {
  return error instanceof VaultError && error.reason === reason;
}

/**
 * Moves the merged copy into the backups folder under its own name (or `name (2).tessera`, …): a
 * rename, or across devices a copy, flushed to disk and read back, before the original is unlinked.
 * A copy replaced since it was read is left for the next run.
 */
async function moveToBackups(run: Run, c: Candidate, passwordFromCopy: boolean): Promise<void> {
  const copy = { file: c.name, ...toolOf(c.why), passwordFromCopy };
  const now = await lstat(c.file).catch(() => null);
  if (!now) {
    // Moved or removed meanwhile (another computer absorbed it too): merged all the same.
    run.merged.push({ ...copy, movedTo: null });
    return;
  }
  if (!now.isFile() || !sameLook(c.look, lookOf(now))) {
    run.busy.push(c.name);
    return;
  }
  try {
    await mkdir(run.backups, { recursive: true, mode: 0o700 });
    const target = await freeName(run.backups, c.name);
    await moveFile(run, c.file, target);
    run.merged.push({ ...copy, movedTo: target });
  } catch (error) {
    run.merged.push({ ...copy, movedTo: null });
    // Gone meanwhile is no failure; anything else leaves the merged copy where it is, said.
    if (await lstat(c.file).catch(() => null)) {
      run.failed.push({ file: c.name, message: notMoved(c.name, run.backups, error) });
    }
  }
}

function toolOf(why: VaultCandidate): Pick<MergedConflictCopy, 'tool' | 'device'> {
  return why.kind === 'conflict-copy' ? { tool: why.copy.tool, device: why.copy.device } : { tool: null, device: null };
}

/** `name`, else `stem (2).ext`, `stem (3).ext`, … : the first that does not exist in `folder`. */
async function freeName(folder: string, name: string): Promise<string> {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let n = 1; ; n++) {
    const candidate = path.join(folder, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      await lstat(candidate);
    } catch (error) {
      if (errnoCode(error) === 'ENOENT') return candidate;
      throw error;
    }
  }
}

/** A rename; across devices a copy (never over an existing file), flushed and compared, then the original unlinked. */
async function moveFile(run: Run, from: string, to: string): Promise<void> {
  try {
    await (run.deps.rename ?? rename)(from, to);
    return;
  } catch (error) {
    if (errnoCode(error) !== 'EXDEV') throw error;
  }
  await copyFile(from, to, constants.COPYFILE_EXCL);
  try {
    const handle = await open(to, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    const [a, b] = await Promise.all([readFile(from), readFile(to)]);
    if (!a.equals(b)) throw new Error('the copy in the backups folder does not match the original');
  } catch (error) {
    // Our own half-made copy goes; the original stays where it was.
    await unlink(to).catch(() => undefined);
    throw error;
  }
  await unlink(from);
}

function unreadable(name: string): string {
  return `${name} could not be read. Tessera left it where it is and will try again later.`;
}

function notAVault(name: string): string {
  return `${name} looks like a conflict copy of your vault but is not a Tessera vault Tessera can read. Tessera left it where it is.`;
}

function notMerged(name: string, error: Error): string {
  return `${name} could not be merged into your vault: ${error.message} Tessera left it where it is.`;
}

function notVerified(name: string): string {
  return (
    `${name} was merged, but the saved vault could not be read back to check it. ` +
    'Tessera left the copy where it is and will try again.'
  );
}

function notMoved(name: string, backups: string, error: unknown): string {
  const code = errnoCode(error);
  return (
    `${name} was merged into your vault, but Tessera could not move it into the backups folder ${backups}` +
    `${code ? ` (${code})` : ''}. It was left where it is; you may move or delete it yourself.`
  );
}
