// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera passwd`: changes the master password (re-wraps the data key; entries are untouched). */
import { unlockVault } from '../../vault';
import type { Command } from '../command';
import { requireVaultFile, vaultOptions } from '../context';
import { checkNewPassword } from './new-password';

export const passwdCommand: Command = {
  name: 'passwd',
  summary: 'Change the master password.',
  usage: ['passwd [--password-file FILE] [--new-password-file FILE] [--password-stdin]'],
  details:
    'The current password comes from the usual source; the new one from --new-password-file, the next\n' +
    'line of standard input (with --password-stdin: line 1 current, line 2 new), or the terminal (asked twice).',
  options: {
    'new-password-file': { type: 'string', value: 'FILE', help: 'read the new password from the first line of FILE' },
  },
  positionals: { min: 0, max: 0, name: '' },
  async run(ctx) {
    await requireVaultFile(ctx);
    const current = await ctx.passwords.current();
    const vault = await unlockVault(vaultOptions(ctx), current);
    try {
      const next = checkNewPassword(await ctx.passwords.fresh('passwd'));
      await vault.changePassword(current, next);
    } finally {
      vault.lock();
    }
    ctx.io.stdout.write('Password changed.\n');
  },
};
