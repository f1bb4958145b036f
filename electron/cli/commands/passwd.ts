// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera passwd`: changes the master password. By default it re-keys (a new data key, the
 * accounts encrypted again, every key slot renewed), so a copy of the vault from before the change
 * and the old password open nothing saved after it. `--keep-data-key` only re-wraps the existing
 * data key, for scripts that need the old behaviour; it is weaker and says so.
 */
import { previousGenerationPath, unlockVault } from '../../vault';
import { flag, NO_POSITIONALS, type Command } from '../command';
import { requireVaultFile, vaultOptions } from '../context';
import { printable } from '../io';
import { checkNewPassword } from './new-password';

export const passwdCommand: Command = {
  name: 'passwd',
  summary: 'Change the master password (and give the vault a new data key).',
  usage: ['passwd [--keep-data-key] [--password-file FILE] [--new-password-file FILE] [--password-stdin]'],
  details:
    'The current password comes from the usual source; the new one from --new-password-file, the next\n' +
    'line of standard input (with --password-stdin: line 1 current, line 2 new), or the terminal (asked twice).\n' +
    'The vault gets a new data key, so a copy made before the change opens nothing saved after it. Copies\n' +
    'made before (backups, the previous version) still open with the old password: they are snapshots.\n' +
    '--keep-data-key changes only the password and keeps the data key: weaker, since a copy from before\n' +
    'the change then opens every later version with the old password.',
  options: {
    'new-password-file': { type: 'string', value: 'FILE', help: 'read the new password from the first line of FILE' },
    'keep-data-key': {
      type: 'boolean',
      help: 'change only the password, keep the data key (weaker: older copies open later versions)',
    },
  },
  positionals: NO_POSITIONALS,
  async run(ctx, args) {
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
  },
};
