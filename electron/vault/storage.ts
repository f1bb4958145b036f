// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Crash-safe file operations for the vault, so that a crash or a power cut mid-save never costs it:
 * at every instant one complete vault is on disk. New bytes go to a private temp file that is
 * fsynced, the current file is copied to `<file>.prev` (also via temp + fsync + rename), then the
 * temp file is renamed over the vault and the folder is fsynced. Read-back verification needs the
 * key, so the session does it.
 *
 * A vault path may be a symbolic link (say, into a synced folder). Writes then go to the file the
 * link leads to, never over the link: renaming over the link would turn it into a private copy and
 * the synced file would silently stop changing. The temp file, `.prev` and the lock lie beside that
 * real file, so the rename stays within one folder and two links to one vault share one lock
 * (vault-links.ts resolves the path).
 *
 * Names, chosen for a vault in a synchronised folder (docs/vault-format.md §7): temp files are
 * `.~<name>.<computer tag>.<16 hex>.tmp`. The `.~` start is ignored by the Nextcloud and ownCloud
 * clients out of the box (their exclude list holds `]*.~*`), and reportedly by Dropbox;
 * the leading dot hides them in file managers on Linux and macOS, the `.tmp` end marks them as
 * temporary elsewhere, and the computer tag (this-computer.ts) lets each computer clean up only
 * its own leftovers, so a cleanup never deletes a file a sync tool delivered from another computer
 * mid-save. The previous generation keeps its visible name `<name>.prev` beside the vault: it is
 * the file a person restores by hand, Tessera offers it when the vault does not open, and it moves
 * with the vault; synchronising it is harmless but noisy, so the docs name it among the patterns to
 * exclude (conflict-copies.ts `syncIgnorePatterns`).
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, copyFile, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { corrupt, ioError, isErrnoException, VaultError } from './errors';
import { MAX_FILE_BYTES } from './format';
import { thisComputer, type ComputerIdentity } from './this-computer';
import { resolveVaultFile } from './vault-links';

/** `.tmp-<16 hex>`: the suffix of a private file's temp file (private-file.ts) and of the vault's before issue #18. */
export function tempSuffix(randomBytes: (n: number) => Uint8Array): string {
  return `.tmp-${Buffer.from(randomBytes(8)).toString('hex')}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A new temp file beside `file` for a save, a copy to `.prev` or a lock being created:
 * `.~<name>.<computer tag>.<16 hex>.tmp`.
 */
export function vaultTempPath(
  file: string,
  randomBytes: (n: number) => Uint8Array,
  computer: ComputerIdentity = thisComputer(),
): string {
  const hex = Buffer.from(randomBytes(8)).toString('hex');
  return path.join(path.dirname(file), `.~${path.basename(file)}.${computer.tag}.${hex}.tmp`);
}

/**
 * Our leftover temp files for `file`: this computer's `.~<name>.<tag>.<16 hex>.tmp`, and the names
 * Tessera used before, from any computer: `<name>.tmp-<16 hex>`, `<name>.prev.tmp-<16 hex>` and
 * `<name>.lock.tmp-<16 hex>`. Nothing else matches; another computer's temp files are left to it.
 */
export function isOwnTempFile(file: string, candidate: string, computer: ComputerIdentity = thisComputer()): boolean {
  const base = escapeRegExp(path.basename(file));
  return (
    new RegExp(`^\\.~${base}\\.${escapeRegExp(computer.tag)}\\.[0-9a-f]{16}\\.tmp$`).test(candidate) ||
    new RegExp(`^${base}(\\.prev|\\.lock)?\\.tmp-[0-9a-f]{16}$`).test(candidate)
  );
}

/** SHA-256 of the file bytes: identifies "the file we loaded or last wrote". */
export function fileDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** 'absent' when there is no file at `file`; anything else there counts as present. */
export async function fileState(file: string): Promise<'absent' | 'present'> {
  try {
    await stat(file);
    return 'present';
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return 'absent';
    throw ioError('read the vault file', error);
  }
}

/** Whether `file` (following links) is a folder; false when nothing is there or it cannot be read. */
export async function isFolder(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the whole vault file; refuses anything over the size bound before reading it. */
export async function readVaultBytes(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw corrupt('the path is not a file');
    if (info.size > MAX_FILE_BYTES) throw corrupt('file larger than 64 MiB');
    const buffer = await readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof VaultError) throw error;
    if (isErrnoException(error) && error.code === 'ENOENT') {
      throw new VaultError('io', `There is no vault file at ${file}.`, { cause: error, reason: 'absent' });
    }
    throw ioError('read the vault file', error);
  }
}

/** Tightens an existing vault file to 0600 (best effort; no-op on Windows). */
export async function restrictFileMode(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    await chmod(file, 0o600);
  } catch {
    // A read-only medium or a foreign owner: opening still works, and saving reports its own error.
  }
}

/** Creates `target` (0600, never over an existing file), writes `bytes` and fsyncs it. */
export async function writeAndSync(target: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncFile(target: string): Promise<void> {
  const handle = await open(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** POSIX: makes a rename durable. Some file systems refuse fsync on folders; that is not an error. */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!(isErrnoException(error) && ['EINVAL', 'EISDIR', 'EPERM', 'ENOTSUP'].includes(error.code ?? ''))) throw error;
  } finally {
    await handle?.close();
  }
}

/** rename with retries for Windows' transient EPERM/EBUSY/EACCES (antivirus, indexers). */
export async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(from, to);
      return;
    } catch (error) {
      const transient = isErrnoException(error) && ['EPERM', 'EBUSY', 'EACCES'].includes(error.code ?? '');
      if (!transient || process.platform !== 'win32' || attempt >= 8) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
  }
}

/**
 * temp (0600) → write → fsync → copy current to `.prev` (temp → fsync → rename) → rename temp over
 * the vault → fsync folder. The caller holds the lock file; `beforeCommit` runs just before the
 * rename (the session re-checks that it still holds the lock there). On failure the temp files are
 * removed and the vault file is whichever complete version was there. Through a symbolic link all
 * of this happens beside the link's target (resolveVaultFile), and the link stays as it is. The
 * temp files carry `computer`'s tag (default: this computer).
 */
export async function writeVaultAtomically(
  vaultPath: string,
  bytes: Uint8Array,
  randomBytes: (n: number) => Uint8Array,
  beforeCommit: () => Promise<void> = async () => undefined,
  computer: ComputerIdentity = thisComputer(),
): Promise<void> {
  const file = await resolveVaultFile(vaultPath);
  const folder = path.dirname(file);
  const temp = vaultTempPath(file, randomBytes, computer);
  const prev = `${file}.prev`;
  const prevTemp = vaultTempPath(file, randomBytes, computer);
  try {
    await writeAndSync(temp, bytes);
    let hasCurrent = true;
    try {
      await copyFile(file, prevTemp, constants.COPYFILE_EXCL);
    } catch (error) {
      if (!(isErrnoException(error) && error.code === 'ENOENT')) throw error;
      hasCurrent = false;
    }
    if (hasCurrent) {
      await syncFile(prevTemp);
      await renameWithRetry(prevTemp, prev);
    }
    await beforeCommit();
    await renameWithRetry(temp, file);
    await syncFolder(folder);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    await rm(prevTemp, { force: true }).catch(() => undefined);
    if (error instanceof VaultError) throw error;
    throw ioError('save the vault', error);
  }
}

/**
 * Whether any of our temp files lie beside the file `vaultPath` resolves to (a cheap check before
 * taking the lock to clean).
 */
export async function hasStaleTempFiles(
  vaultPath: string,
  computer: ComputerIdentity = thisComputer(),
): Promise<boolean> {
  try {
    const file = await resolveVaultFile(vaultPath);
    return (await readdir(path.dirname(file))).some((name) => isOwnTempFile(file, name, computer));
  } catch {
    return false;
  }
}

/**
 * Deletes our leftover temp files (from a crash mid-save) beside the file `vaultPath` resolves to,
 * where saves make them: this computer's, and those of the names used before (isOwnTempFile).
 * Another computer's temp files, delivered by a sync tool, are its own to remove. Call with the
 * lock held.
 */
export async function removeStaleTempFiles(
  vaultPath: string,
  computer: ComputerIdentity = thisComputer(),
): Promise<string[]> {
  const file = await resolveVaultFile(vaultPath);
  const folder = path.dirname(file);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return [];
    throw ioError('list the vault folder', error);
  }
  const stale = names.filter((name) => isOwnTempFile(file, name, computer));
  for (const name of stale) await rm(path.join(folder, name), { force: true }).catch(() => undefined);
  return stale;
}
