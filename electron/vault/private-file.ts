// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Writes one of Tessera's other private files — settings, exports, backups — the way the vault is
 * written, less the previous generation and the lock: a 0600 temp file beside the target, fsync,
 * rename over it, fsync the folder. A crash leaves the old content or the new, never half of one.
 * Through a symbolic link (a settings file kept in a dotfiles or synced folder) the file the link
 * leads to is replaced, with the temp file beside it, and the link stays a link.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { renameWithRetry, syncFolder, tempSuffix, writeAndSync } from './storage';
import { resolveLinkChain } from './vault-links';

export interface PrivateFileOptions {
  /** Create the target's folder (0700) when it is missing. Default: the folder must exist. */
  readonly createFolder?: boolean;
  /** The temp file's random name; injected by tests. */
  readonly randomBytes?: (n: number) => Uint8Array;
}

/**
 * Replaces `file` (or the file its link leads to) with `data` (text is written as UTF-8).
 * @throws the file system's error; the temp file is removed first.
 */
export async function writePrivateFile(
  file: string,
  data: string | Uint8Array,
  options: PrivateFileOptions = {},
): Promise<void> {
  const target = await resolveLinkChain(file);
  const folder = path.dirname(target);
  if (options.createFolder) await mkdir(folder, { recursive: true, mode: 0o700 });
  const temp = `${target}${tempSuffix(options.randomBytes ?? nodeRandomBytes)}`;
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  try {
    await writeAndSync(temp, bytes);
    await renameWithRetry(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}
