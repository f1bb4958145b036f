// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Creating a vault's lock file so that it appears with its content in one step (lock-file.ts
 * decides when to try): written to a private temp file (named like a save's, storage.ts
 * `vaultTempPath`, so a crash's leftover is cleaned up the same way), then hard-linked to the lock
 * path, which fails if anything is there. Where hard links are not supported, an O_EXCL create and
 * a write.
 */
import { constants } from 'node:fs';
import { link, open, unlink } from 'node:fs/promises';
import { isErrnoException } from './errors';
import { O_NOFOLLOW } from './lock-found';

/** Creates `target` with `text`, failing if anything is there; removes it again if writing fails. */
async function writeExclusive(target: string, text: string): Promise<void> {
  const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | O_NOFOLLOW, 0o600);
  try {
    await handle.writeFile(text);
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(target).catch(() => undefined);
    throw error;
  }
  try {
    await handle.close();
  } catch (error) {
    await unlink(target).catch(() => undefined);
    throw error;
  }
}

/**
 * Creates the lock with its content in one step; false if something is already there. `tempPath`
 * names a new temp file beside the lock (a fresh random name on each call).
 */
export async function createLockFile(lockPath: string, text: string, tempPath: () => string): Promise<boolean> {
  const temp = tempPath();
  try {
    await writeExclusive(temp, text); // ENOENT here: the folder is gone, which no retry mends
    try {
      await link(temp, lockPath);
      return true;
    } catch (error) {
      const code = isErrnoException(error) ? error.code : undefined;
      if (code === 'EEXIST') return false;
      if (code === 'ENOENT') return false; // our temp file was cleaned up under us: try again
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw error;
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  // No hard links on this file system: O_EXCL create, then write (briefly empty).
  try {
    await writeExclusive(lockPath, text);
    return true;
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return false;
    throw error;
  }
}
