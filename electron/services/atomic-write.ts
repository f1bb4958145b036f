// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Writes a small file so that a crash leaves either the old or the new content, never half of
 * one: a private temp file beside it (0600), fsync, rename over the target, fsync the folder.
 * For settings.json; the vault has its own, stricter storage (electron/vault/storage.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** Replaces `file` with `text` atomically; creates the folder if needed. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${randomBytes(8).toString('hex')}`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(path.dirname(file));
}

/** Makes the rename durable; some platforms (Windows) cannot open a folder, which is fine. */
async function syncFolder(folder: string): Promise<void> {
  let dir;
  try {
    dir = await open(folder, 'r');
    await dir.sync();
  } catch {
    // Best effort: the rename itself is already atomic.
  } finally {
    await dir?.close();
  }
}
