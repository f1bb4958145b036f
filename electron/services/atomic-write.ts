// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Writes a small file so that a crash leaves either the old or the new content, never half of
 * one: a private temp file beside it (0600), fsync, rename over the target, fsync the folder.
 * For settings.json and exports; the vault has its own, stricter storage (electron/vault/storage.ts).
 * When `file` is a symbolic link (a settings file kept in a dotfiles or synced folder), the write goes
 * to the file the link leads to, with the temp file beside that one: the link stays a link.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { resolveLinkChain } from '../vault/storage';

/** Replaces `file` (or the file its link leads to) with `text` atomically; creates the folder if needed. */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const target = await resolveLinkChain(file);
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  const temp = `${target}.tmp-${randomBytes(8).toString('hex')}`;
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await rm(temp, { force: true }).catch(() => undefined);
  }
  await syncFolder(path.dirname(target));
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
