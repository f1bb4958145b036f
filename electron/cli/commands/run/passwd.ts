// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera passwd`: changes the master password. By default it re-keys (a new data key, the
 * accounts encrypted again, every key slot renewed), so a copy of the vault from before the change
 * and the old password open nothing saved after it. `--keep-data-key` only re-wraps the existing
 * data key, for scripts that need the old behaviour; it is weaker and says so.
 */
import { previousGenerationPath, unlockVault } from '../../../vault';
import { flag, type CommandArgs } from '../../command';
import { requireVaultFile, vaultOptions, type CommandContext } from '../../context';
import { printable } from '../../io';
import { checkNewPassword } from '../new-password';

/** Runs `tessera passwd` (the spec, options and help are in ../passwd.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  await requireVaultFile(ctx);
  const keepDataKey = flag(args, 'keep-data-key');
  const current = await ctx.passwords.read('vault');
  const vault = await unlockVault(vaultOptions(ctx), current);
  try {
    const next = checkNewPassword(await ctx.passwords.read('new-password'));
    await vault.changePassword(current, next, { keepDataKey });
  } finally {
    vault.lock();
  }
  const prev = printable(previousGenerationPath(ctx.vaultPath));
  if (keepDataKey) {
    ctx.io.stdout.write('Password changed (data key kept).\n');
    ctx.io.stderr.write(
      'Warning: --keep-data-key kept the data key. A copy of the vault from before this change (a backup, ' +
        `${prev}) still opens it, and every later version, with the old password. Run 'tessera passwd' ` +
        'without --keep-data-key to give the vault a new data key.\n',
    );
    return;
  }
  ctx.io.stdout.write('Password changed.\n');
  ctx.io.stderr.write(
    'The vault has a new data key. Backups and the previous version (' +
      `${prev}) made before this change still open with the old password: they are snapshots of that time. ` +
      'If someone else may know the old password, replace those copies with new ones.\n',
  );
}
