// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict copies in the CLI (issue #18): every command that opens the vault with its password first
 * merges the copies a sync tool left beside it and moves them into the backups folder
 * (electron/services/conflict-absorber.ts, as the app does), quietly: one line on stderr for what
 * happened, nothing when there was nothing. The backups folder is the app's on this computer
 * (its settings), else its default in this computer's data folder. A failure here never stops the
 * command.
 */
import { readAppSettings } from './app-settings';
import type { CommandContext } from './context';
import { printable } from './io';
import { defaultVaultPath } from './paths';
import { defaultBackupDir } from '../export/backups';
import { absorbConflictCopies, type AbsorbResult } from '../services/conflict-absorber';
import type { UnlockedVault } from '../vault';

/**
 * Where merged copies go: the app's backups folder on this computer, else its default in this
 * computer's data folder (as the app's), never beside the vault, which may be a synced folder.
 */
export function backupsFolderFor(ctx: CommandContext): string {
  return readAppSettings(ctx.io).backupFolder || defaultBackupDir(defaultVaultPath(ctx.io));
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The lines a person reads about one run. Syncthing names the device whose change won, not the one
 * the copy came from, so its device is not said.
 */
export function absorbLines(result: AbsorbResult, backupsFolder: string): string[] {
  const lines: string[] = [];
  if (result.merged.length > 0) {
    const devices = [
      ...new Set(result.merged.flatMap((m) => (m.tool !== 'syncthing' && m.device !== null ? [m.device] : []))),
    ];
    const from = devices.length > 0 ? ` from ${devices.map(printable).join(', ')}` : '';
    lines.push(
      `Merged ${plural(result.merged.length, 'conflict copy', 'conflict copies')}${from} ` +
        `(moved to ${printable(backupsFolder)}).`,
    );
    if (result.merged.some((m) => m.passwordFromCopy)) {
      lines.push('A merged copy was saved later with another password: that password now opens the vault.');
    }
  }
  for (const file of result.needPassword) {
    lines.push(
      `${printable(file)} is a copy of this vault saved with another password; Tessera left it where it is. ` +
        'Open the Tessera app, which asks for that password once and merges it.',
    );
  }
  for (const file of result.otherVaults) {
    lines.push(`${printable(file)} is a different vault from the one open; Tessera left it where it is.`);
  }
  for (const failure of result.failed) lines.push(printable(failure.message));
  return lines;
}

/**
 * Absorbs the conflict copies beside the open vault, trying `password` (the one just typed) on a
 * copy the vault's key does not open, and says what happened on stderr. Null when it could not
 * look (the command goes on all the same).
 */
export async function absorbForCommand(
  ctx: CommandContext,
  vault: UnlockedVault,
  password: string,
): Promise<AbsorbResult | null> {
  let result: AbsorbResult;
  const backupsFolder = backupsFolderFor(ctx);
  try {
    result = await absorbConflictCopies({ vault, backupsFolder, password });
  } catch {
    return null;
  }
  for (const line of absorbLines(result, backupsFolder)) ctx.io.stderr.write(`${line}\n`);
  return result;
}
