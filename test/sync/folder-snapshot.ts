// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What a synchronised folder holds, as the sync tests compare it: every file by its path relative to
 * the folder (with `/`), and a SHA-256 of its bytes. Syncthing's own bookkeeping is left out (the
 * folder marker `.stfolder`, `.stignore`, `.stversions/`, and the temp files it pulls into:
 * `.syncthing.<name>.tmp`, `~syncthing~<name>.tmp` on Windows), because it is not synchronised.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** path (relative, `/`-separated) → SHA-256 hex of the content, sorted by path. */
export type FolderSnapshot = ReadonlyMap<string, string>;

/** Whether `name` (one path segment) is Syncthing's own and never synchronised. */
export function isSyncthingOwn(name: string): boolean {
  return (
    name === '.stfolder' ||
    name === '.stignore' ||
    name === '.stversions' ||
    /^\.syncthing\..*\.tmp$/.test(name) ||
    /^~syncthing~.*\.tmp$/.test(name)
  );
}

function errnoCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}

/**
 * The files under `root`. A file that disappears while being read (Syncthing renamed it meanwhile)
 * is left out: the caller compares snapshots until two agree, so a moving folder never looks settled.
 */
export async function snapshotFolder(root: string): Promise<FolderSnapshot> {
  const found: [string, string][] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (isSyncthingOwn(entry.name)) continue;
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(full, rel);
      } else if (entry.isFile()) {
        try {
          found.push([
            rel,
            createHash('sha256')
              .update(await readFile(full))
              .digest('hex'),
          ]);
        } catch (error) {
          if (errnoCode(error) !== 'ENOENT') throw error;
        }
      }
    }
  };
  await walk(root, '');
  found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(found);
}

/** Whether two snapshots hold the same paths with the same contents. */
export function sameSnapshot(a: FolderSnapshot, b: FolderSnapshot): boolean {
  if (a.size !== b.size) return false;
  for (const [name, hash] of a) if (b.get(name) !== hash) return false;
  return true;
}

/** A short description of how two snapshots differ, for an error message. */
export function describeDifference(a: FolderSnapshot, b: FolderSnapshot, nameA: string, nameB: string): string {
  const onlyA = [...a.keys()].filter((k) => !b.has(k));
  const onlyB = [...b.keys()].filter((k) => !a.has(k));
  const differ = [...a.keys()].filter((k) => b.has(k) && b.get(k) !== a.get(k));
  const parts: string[] = [];
  if (onlyA.length) parts.push(`only on ${nameA}: ${onlyA.join(', ')}`);
  if (onlyB.length) parts.push(`only on ${nameB}: ${onlyB.join(', ')}`);
  if (differ.length) parts.push(`different content: ${differ.join(', ')}`);
  return parts.join('; ') || 'no difference';
}
