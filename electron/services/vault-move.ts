// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Moving the open vault into another folder (say, one that Syncthing, Nextcloud or Dropbox
 * synchronises), so that the move can never cost it: at every instant one complete vault is on disk
 * and this computer's pointer (vault-location.ts) names a file that exists.
 *
 * The steps, with the old vault's lock file held throughout so no save lands in between:
 * 1. the vault's bytes, then its previous generation, are copied into the folder (a private temp
 *    file named as a save's, fsync, then linked or renamed into place, never over an existing file);
 * 2. the copy is verified: the same bytes, and it opens with the session's data key;
 * 3. the pointer is written (atomically): from here on the new file is the vault;
 * 4. a session over the new file is opened with the same data key (no password asked: a one-time
 *    wrap, as quick unlock does) and handed to the app, which swaps it for the old one;
 * 5. the old vault and its `.prev` (the only files Tessera wrote there) are removed. Backups stay
 *    where they are configured.
 * A failure before step 4 completes puts the pointer back and removes the copies; a crash leaves
 * the old vault named by the pointer (before 3) or the verified copy (from 3 on).
 *
 * When the folder already holds this very vault (the same vault id, say delivered there by sync
 * from another computer) nothing is done until the user agrees to merge: that copy is merged into
 * the session (`mergeCopy`: its password is asked for once when it differs), and the merged vault
 * replaces it there (the copy becomes its `.prev`). Another vault of the same name is never touched.
 */
import { link, lstat, readFile, realpath, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { unlockVaultWithWrap, VaultError, type MergeOutcome, type UnlockedVault, type VaultOptions } from '../vault';
import { defaultRandomBytes, wipe } from '../vault/crypto';
import { isErrnoException } from '../vault/errors';
import { parseContainer } from '../vault/format';
import { acquireLock, type HeldLock } from '../vault/lock-file';
import {
  fileDigest,
  readVaultBytes,
  renameWithRetry,
  syncFolder,
  vaultTempPath,
  writeAndSync,
  writeVaultAtomically,
} from '../vault/storage';
import { writeVaultLocation } from './vault-location';

/** What moving needs of the open session. */
export type MovingVault = Pick<
  UnlockedVault,
  'path' | 'vaultId' | 'checkCopy' | 'wrapForQuickUnlock' | 'reloadIfChangedOnDisk' | 'mergeCopy'
>;

/** The points a move passes, in order; `reached` is called at each (tests stop or inspect there). */
export type MoveStep =
  'locked' | 'copied' | 'previous-copied' | 'verified' | 'pointer-written' | 'switched' | 'old-removed';

export interface MoveVaultDeps {
  readonly vault: MovingVault;
  /** The folder the user chose; it must exist. */
  readonly toFolder: string;
  /** The app's data folder, where the pointer lives. */
  readonly dataFolder: string;
  /** The default vault file: moving there forgets the pointer rather than naming the default. */
  readonly defaultPath: string;
  /** How to open a vault file at a path (the app's KDF, clock and hooks). */
  readonly optionsFor: (vaultPath: string) => VaultOptions | Promise<VaultOptions>;
  /**
   * Takes the session over the new file in place of the old one (the app swaps it, then the old one
   * is wiped). Called once the pointer names the new file.
   */
  readonly switchTo: (next: UnlockedVault) => Promise<void>;
  /** The user agreed to merge with this vault already in the folder; `password` when its password differs. */
  readonly merge?: { readonly password?: string } | undefined;
  readonly randomBytes?: (n: number) => Uint8Array;
  /** How long to wait for another process's save; default 10 s. */
  readonly lockTimeoutMs?: number;
  /** Called at each step; a test throws here to fail the move at that point, or looks at the disk. */
  readonly reached?: (step: MoveStep) => void | Promise<void>;
}

export type MoveVaultResult =
  | {
      readonly status: 'moved';
      readonly path: string;
      readonly merged: MergeOutcome | null;
      /** Old files that could not be removed (the user may delete them). */
      readonly leftBehind: readonly string[];
    }
  | { readonly status: 'same-vault'; readonly path: string }
  | { readonly status: 'needs-password'; readonly path: string; readonly message: string };

/** How often the merge is tried again when the copy there changes while it is merged. */
const MERGE_ATTEMPTS = 3;

function refuse(message: string, cause?: unknown): VaultError {
  return new VaultError('io', message, cause === undefined ? undefined : { cause });
}

/** Moves the open vault into `toFolder` (see the file comment). */
export async function moveVault(deps: MoveVaultDeps): Promise<MoveVaultResult> {
  const from = await checkSource(deps.vault.path);
  const toFolder = await checkFolder(deps.toFolder, from);
  const dest = path.join(toFolder, path.basename(from));
  const there = await existingCopy(dest, deps.vault.vaultId);
  if (there === 'same-vault' && !deps.merge) return { status: 'same-vault', path: dest };
  // Saves queued before the move finish first, and the session has what the file has.
  await deps.vault.reloadIfChangedOnDisk();
  if (there === 'same-vault') return mergeThenMove(deps, from, dest);
  return moveInto(deps, from, dest);
}

/** The vault file itself (never a symbolic link: the user made that, and knows where it leads). */
async function checkSource(vaultPath: string): Promise<string> {
  const info = await lstat(vaultPath).catch((error: unknown) => {
    throw refuse(`There is no vault file at ${vaultPath} to move.`, error);
  });
  if (info.isSymbolicLink()) {
    throw refuse(
      `The vault path ${vaultPath} is a symbolic link. Tessera does not move a file a link leads to: move that file ` +
        'yourself, or replace the link with the file, then try again.',
    );
  }
  return path.resolve(vaultPath);
}

/** The chosen folder, which must exist and be another folder than the vault's. */
async function checkFolder(folder: string, from: string): Promise<string> {
  const chosen = path.resolve(folder);
  let info;
  try {
    info = await stat(chosen);
  } catch (error) {
    throw refuse(`The folder ${chosen} is not there. Choose a folder that exists.`, error);
  }
  if (!info.isDirectory()) throw refuse(`${chosen} is not a folder. Choose a folder.`);
  const [here, there] = await Promise.all([realpath(path.dirname(from)), realpath(chosen)]);
  if (here === there) throw refuse(`The vault is already in ${chosen}.`);
  return chosen;
}

/** What lies at the destination: nothing, this vault (a copy of it), or a refusal for anything else. */
async function existingCopy(dest: string, vaultId: string): Promise<'none' | 'same-vault'> {
  try {
    await lstat(dest);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return 'none';
    throw refuse(`Tessera cannot look into ${path.dirname(dest)}. Choose another folder.`, error);
  }
  const theirs = await vaultIdOf(dest);
  if (theirs === vaultId) return 'same-vault';
  throw refuse(
    theirs === null
      ? `${path.dirname(dest)} already holds a file named ${path.basename(dest)} that is not a Tessera vault, or is ` +
          'damaged. Tessera does not replace it: choose another folder, or move that file away first.'
      : `${path.dirname(dest)} already holds another vault named ${path.basename(dest)} (a different vault, not a ` +
          'copy of this one). Tessera does not replace it: choose another folder, or move that file away first.',
  );
}

/** The vault id in a file's header (no key needed), or null when it is not a vault. */
async function vaultIdOf(file: string): Promise<string | null> {
  try {
    return parseContainer(await readVaultBytes(file)).header.vaultId;
  } catch {
    return null;
  }
}

/** The plain move: nothing at the destination. */
async function moveInto(deps: MoveVaultDeps, from: string, dest: string): Promise<MoveVaultResult> {
  const random = deps.randomBytes ?? defaultRandomBytes;
  const lock = await lockVault(from, deps);
  const made: string[] = [];
  const progress = { switched: false };
  try {
    await deps.reached?.('locked');
    const bytes = await readVaultBytes(from);
    await deps.vault.checkCopy(bytes);
    await placeCopy(bytes, dest, dest, random);
    made.push(dest);
    await deps.reached?.('copied');
    if (await copyPrevious(from, dest, random)) made.push(`${dest}.prev`);
    await deps.reached?.('previous-copied');
    await verifyCopy(deps.vault, dest, bytes);
    await deps.reached?.('verified');
    return await finish(deps, { from, dest, bytes, lock, merged: null, progress });
  } catch (error) {
    // Before the swap the old place is the vault: the copies go. After it, they are the vault.
    if (!progress.switched) for (const file of made) await rm(file, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
}

/**
 * The destination holds this vault: merge it into the session (saved to the old file), then put the
 * merged vault there in its place, if it did not change meanwhile (else merge again).
 */
async function mergeThenMove(deps: MoveVaultDeps, from: string, dest: string): Promise<MoveVaultResult> {
  const random = deps.randomBytes ?? defaultRandomBytes;
  for (let attempt = 1; ; attempt++) {
    const theirs = await readVaultBytes(dest);
    let merged: MergeOutcome;
    try {
      const password = deps.merge?.password;
      merged = await deps.vault.mergeCopy(theirs, password === undefined ? undefined : { password });
    } catch (error) {
      if (error instanceof VaultError && error.reason === 'other-key') {
        return { status: 'needs-password', path: dest, message: otherKeyMessage(dest, deps.merge?.password) };
      }
      throw error;
    }
    const lock = await lockVault(from, deps);
    try {
      const destLock = await lockVault(dest, deps);
      try {
        await deps.reached?.('locked');
        if (fileDigest(await readVaultBytes(dest)) !== fileDigest(theirs)) {
          if (attempt < MERGE_ATTEMPTS) continue;
          throw refuse(
            `The vault in ${path.dirname(dest)} kept changing while Tessera merged it (it is still being ` +
              'synchronised). Wait until synchronisation is done, then try again.',
          );
        }
        const bytes = await readVaultBytes(from);
        await deps.vault.checkCopy(bytes);
        // Their copy is kept as the previous generation there; nothing in it is lost, it was merged.
        await writeVaultAtomically(dest, bytes, random, () => destLock.assertHeld());
        await deps.reached?.('copied');
        await deps.reached?.('previous-copied');
        await verifyCopy(deps.vault, dest, bytes);
        await deps.reached?.('verified');
      } finally {
        await destLock.release();
      }
      const bytes = await readVaultBytes(from);
      return await finish(deps, { from, dest, bytes, lock, merged, progress: { switched: false } });
    } finally {
      await lock.release();
    }
  }
}

function otherKeyMessage(dest: string, password: string | undefined): string {
  const folder = path.dirname(dest);
  return password === undefined
    ? `The vault in ${folder} has another master password (it was changed on another computer). Type that ` +
        'password to merge the two; the merged vault keeps the newer one.'
    : `That password does not open the vault in ${folder}. Type the master password it was last saved with on ` +
        'the other computer.';
}

interface Finishing {
  readonly from: string;
  readonly dest: string;
  /** The vault's bytes as copied (the old file must still hold them to be removed). */
  readonly bytes: Uint8Array;
  readonly lock: HeldLock;
  readonly merged: MergeOutcome | null;
  /** Set once the app uses the new file: from then on nothing is undone. */
  readonly progress: { switched: boolean };
}

/** Steps 3 to 5: the pointer, the session, the old files. Undone up to the swap if a step fails. */
async function finish(deps: MoveVaultDeps, f: Finishing): Promise<MoveVaultResult> {
  await pointTo(deps, f.dest);
  let next: UnlockedVault | null = null;
  try {
    await deps.reached?.('pointer-written');
    next = await reopenAt(deps, f.dest);
    await deps.switchTo(next);
    f.progress.switched = true;
  } catch (error) {
    next?.lock();
    await pointTo(deps, f.from).catch(() => undefined);
    throw error;
  }
  await deps.reached?.('switched');
  const leftBehind = await removeOld(f);
  await syncFolder(path.dirname(f.from)).catch(() => undefined);
  await deps.reached?.('old-removed');
  return { status: 'moved', path: f.dest, merged: f.merged, leftBehind };
}

/** The pointer names `vaultPath`; the default file is named by having no pointer. */
async function pointTo(deps: MoveVaultDeps, vaultPath: string): Promise<void> {
  const isDefault = path.resolve(vaultPath) === path.resolve(deps.defaultPath);
  await writeVaultLocation(deps.dataFolder, isDefault ? null : vaultPath);
}

/** A session over the file at `vaultPath`, opened with the open session's data key (a one-time wrap). */
async function reopenAt(deps: MoveVaultDeps, vaultPath: string): Promise<UnlockedVault> {
  const random = deps.randomBytes ?? defaultRandomBytes;
  const kek = random(32).slice();
  try {
    const wrap = await deps.vault.wrapForQuickUnlock(kek);
    return await unlockVaultWithWrap(await deps.optionsFor(vaultPath), kek, wrap);
  } finally {
    wipe(kek);
  }
}

/** Removes the old vault (only if it still holds what was copied) and its `.prev`; returns what stayed. */
async function removeOld(f: Finishing): Promise<string[]> {
  const leftBehind: string[] = [];
  try {
    await f.lock.assertHeld();
    const now = await readFile(f.from);
    if (fileDigest(now) !== fileDigest(f.bytes)) throw new Error('changed since it was copied');
    await rm(f.from);
  } catch {
    leftBehind.push(f.from);
    return leftBehind;
  }
  try {
    await rm(`${f.from}.prev`, { force: true });
  } catch {
    leftBehind.push(`${f.from}.prev`);
  }
  return leftBehind;
}

async function lockVault(file: string, deps: MoveVaultDeps): Promise<HeldLock> {
  return acquireLock(file, {
    randomBytes: deps.randomBytes ?? defaultRandomBytes,
    ...(deps.lockTimeoutMs === undefined ? {} : { timeoutMs: deps.lockTimeoutMs }),
  });
}

/**
 * Writes `bytes` to `dest` crash-safely and never over an existing file: a private temp file beside
 * it (fsynced), then a hard link to `dest` (which fails if anything is there) or, where the file
 * system has no hard links, a rename after checking that nothing is there.
 */
async function placeCopy(
  bytes: Uint8Array,
  dest: string,
  vaultFile: string,
  random: (n: number) => Uint8Array,
): Promise<void> {
  // Named as the vault's own temp files (storage.ts), which sync tools skip and Tessera cleans up.
  const temp = vaultTempPath(vaultFile, random);
  try {
    await writeAndSync(temp, bytes);
    try {
      await link(temp, dest);
    } catch (error) {
      if (isErrnoException(error) && error.code === 'EEXIST') throw appeared(dest, error);
      if (await exists(dest)) throw appeared(dest, error);
      await renameWithRetry(temp, dest);
    }
    await syncFolder(path.dirname(dest));
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw refuse(
      `Tessera could not write the vault into ${path.dirname(dest)}${errnoText(error)}. Check that the folder is ` +
        'writable and the disk is not full, then try again. The vault was left where it was.',
      error,
    );
  } finally {
    await rm(temp, { force: true }).catch(() => undefined);
  }
}

/** Copies `<from>.prev` beside the copy when there is one and nothing of that name is there; true when copied. */
async function copyPrevious(from: string, dest: string, random: (n: number) => Uint8Array): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(`${from}.prev`);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return false;
    throw refuse(`Tessera could not read the vault's previous generation${errnoText(error)}.`, error);
  }
  if (await exists(`${dest}.prev`)) return false;
  await placeCopy(bytes, `${dest}.prev`, dest, random);
  return true;
}

/** The copy holds the very bytes, and they open with the session's data key. */
async function verifyCopy(vault: MovingVault, dest: string, bytes: Uint8Array): Promise<void> {
  const written = await readVaultBytes(dest);
  if (fileDigest(written) !== fileDigest(bytes)) {
    throw new VaultError(
      'io',
      `The copy in ${path.dirname(dest)} did not read back identical. The vault was left where it was.`,
      {
        reason: 'verify-failed',
      },
    );
  }
  await vault.checkCopy(written);
}

function appeared(dest: string, cause: unknown): VaultError {
  return refuse(
    `A file named ${path.basename(dest)} appeared in ${path.dirname(dest)} while Tessera was moving the vault there. ` +
      'Nothing was replaced; try again.',
    cause,
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch {
    return false;
  }
}

function errnoText(error: unknown): string {
  return isErrnoException(error) && error.code ? ` (${error.code})` : '';
}
