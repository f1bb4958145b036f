// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where a vault path leads. A vault path may be a symbolic link (say, into a synced folder): saves
 * then write to the file at the end of its chain of links, never over the link, and the temp
 * files, `.prev` and the lock lie beside that real file (storage.ts, lock-file.ts). Also the folder
 * a new vault goes in: created for a plain path, required to exist behind a link.
 */
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { lstat, mkdir, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ioError, isErrnoException, VaultError } from './errors';

/** Links followed before giving up: Linux's own limit for one path lookup (MAXSYMLINKS). */
const MAX_LINK_HOPS = 40;

function tooManyLinks(file: string, cause: unknown): VaultError {
  return new VaultError(
    'io',
    `The vault path ${file} leads through more than ${MAX_LINK_HOPS} symbolic links, or through a loop of them. ` +
      'Point it at the vault file itself, then try again.',
    { cause },
  );
}

/**
 * The file `file` stands for: `file` itself (the same string) unless it is a symbolic link; then the
 * end of its chain of links, each relative target taken from the real folder of its link. The end
 * may not exist yet: a dangling link is where a new file is created. Only the last path component
 * is followed; links among the folders above it are resolved by the kernel as usual. Throws Node's
 * own errors (ELOOP after MAX_LINK_HOPS links), for callers that report errno codes.
 */
export async function resolveLinkChain(file: string): Promise<string> {
  let current = file;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    try {
      if (!(await lstat(current)).isSymbolicLink()) return current;
    } catch (error) {
      if (isErrnoException(error) && error.code === 'ENOENT') return current;
      throw error;
    }
    current = path.resolve(await realpath(path.dirname(current)), await readlink(current));
  }
  throw Object.assign(new Error(`ELOOP: too many symbolic links, '${file}'`), { code: 'ELOOP', path: file });
}

/**
 * The file a vault path stands for (resolveLinkChain): where saves write, and beside which the
 * temp files, `.prev` and the lock lie. Failures are `io` VaultErrors.
 */
export async function resolveVaultFile(file: string): Promise<string> {
  try {
    return await resolveLinkChain(file);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ELOOP') throw tooManyLinks(file, error);
    throw ioError('read the vault file', error);
  }
}

/** `resolveLinkChain` for synchronous callers that only name a path: never throws, stops where it cannot go on. */
function resolveLinkChainSync(file: string): string {
  let current = file;
  for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
    try {
      if (!lstatSync(current).isSymbolicLink()) return current;
      current = path.resolve(realpathSync(path.dirname(current)), readlinkSync(current));
    } catch {
      return current;
    }
  }
  return current;
}

/**
 * Where the previous generation of the vault at `file` is kept: beside the file it resolves to
 * (see resolveVaultFile), which is where saves put it.
 */
export function previousGenerationPath(file: string): string {
  return `${resolveLinkChainSync(file)}.prev`;
}

/**
 * When `file` is a symbolic link, checks that the folder its chain ends in exists: a new vault is
 * created there, through the link. A missing folder is refused rather than created, since it is
 * usually a drive or a synced folder that is not mounted, and a vault made there would be hidden by
 * the mount. A path that is not a link passes unchecked.
 */
export async function assertLinkedFolderExists(file: string): Promise<void> {
  await checkTargetFolder(file, await resolveVaultFile(file));
}

async function checkTargetFolder(file: string, target: string): Promise<void> {
  if (target === file) return;
  const folder = path.dirname(target);
  try {
    if ((await stat(folder)).isDirectory()) return;
  } catch (error) {
    if (!(isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR'))) {
      throw ioError(`read the folder ${folder}`, error);
    }
  }
  throw new VaultError(
    'io',
    `The vault path ${file} is a symbolic link to ${target}, but the folder ${folder} does not exist (a drive or ` +
      'synced folder that is not mounted?). Mount or create that folder, or point the link at another one, then ' +
      'try again. The link was left as it is.',
  );
}

/**
 * Makes sure a new vault at `file` has a folder: creates it (0700) when needed; for a symbolic link,
 * only checks that its target's folder exists (see assertLinkedFolderExists) and creates nothing.
 */
export async function ensureFolder(file: string): Promise<void> {
  const target = await resolveVaultFile(file);
  if (target !== file) {
    await checkTargetFolder(file, target);
    return;
  }
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw ioError('create the vault folder', error);
  }
}
