// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The "unmerged copy": when an open session finds the vault file under a key it does not hold (the
 * password was changed, or the vault re-keyed, on another computer, and a sync tool delivered that
 * file over ours), it cannot merge; it must lock and the user unlocks with the new password. What
 * the session held may exist nowhere else (its own last save was the file the sync tool just
 * replaced), so before locking it writes its state, under its own key, beside the vault as
 * `<name>.tessera-unmerged-<UTC time>-<8 hex><ext>`. The conflict-copy absorber
 * (electron/services/conflict-absorber.ts) finds it like any copy with this vault's id and merges
 * it once the vault is unlocked again (asking for the password it was saved under).
 */
import path from 'node:path';
import { writeVaultAtomically } from './storage';
import { resolveVaultFile } from './vault-links';

/** What sets an unmerged copy's name apart. */
export const UNMERGED_MARKER = '.tessera-unmerged-';

function splitName(fileName: string): { stem: string; ext: string } {
  const ext = path.extname(fileName);
  return ext && ext !== fileName ? { stem: fileName.slice(0, -ext.length), ext } : { stem: fileName, ext: '' };
}

function utcStamp(at: number): string {
  const iso = new Date(at).toISOString(); // 2026-12-05T10:10:10.000Z
  return `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

/**
 * The file name (no folder) of an unmerged copy of the vault file `vaultFileName` made at `at`
 * (milliseconds), told apart by `tag` (hex). It keeps the vault's extension (`.tessera` when it has
 * none), so the absorber, which looks at every file with that extension, finds it.
 */
export function unmergedCopyName(vaultFileName: string, at: number, tag: string): string {
  const { stem, ext } = splitName(path.basename(vaultFileName));
  return `${stem}${UNMERGED_MARKER}${utcStamp(at)}-${tag}${ext || '.tessera'}`;
}

/** Whether `fileName` is an unmerged copy of the vault file `vaultFileName` (by name only). */
export function isUnmergedCopyName(fileName: string, vaultFileName: string): boolean {
  const { stem, ext } = splitName(path.basename(vaultFileName));
  const escaped = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `^${escaped(stem)}${escaped(UNMERGED_MARKER)}\\d{8}-\\d{6}-[0-9a-f]{8}${escaped(ext || '.tessera')}$`,
  );
  return pattern.test(path.basename(fileName));
}

/**
 * Writes `bytes` (a complete vault file) as an unmerged copy beside the file `vaultPath` resolves
 * to, crash-safely (storage.ts's atomic writer). Returns the new file's path.
 */
export async function writeUnmergedCopy(
  vaultPath: string,
  bytes: Uint8Array,
  at: number,
  randomBytes: (n: number) => Uint8Array,
): Promise<string> {
  const file = await resolveVaultFile(vaultPath);
  const tag = Buffer.from(randomBytes(4)).toString('hex');
  const target = path.join(path.dirname(file), unmergedCopyName(file, at, tag));
  await writeVaultAtomically(target, bytes, randomBytes);
  return target;
}
