// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera recovery-key`, for parsing and help; its body, run/recovery-key.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const recoveryKeyCommand: Command = {
  name: 'recovery-key',
  summary: 'Make a recovery key (written to a file you choose) that can set a new master password.',
  usage: ['recovery-key --out FILE [--replace] [--password-file FILE] [--password-stdin]', 'recovery-key --remove'],
  details:
    'A recovery key opens the vault and sets a new master password when the password is forgotten:\n' +
    '\'tessera passwd --recovery-key-file FILE\', or "Forgot your password?" in the app. It is written only\n' +
    'to FILE (mode 600), never shown: print the page, keep it offline, then delete the file. FILE must not\n' +
    'exist yet. A vault has at most one recovery key: making a new one (--replace, needed when there is\n' +
    'one) makes the earlier one useless. --remove takes the recovery key away.',
  options: {
    out: { type: 'string', value: 'FILE', help: 'write the recovery key page to FILE (which must not exist)' },
    replace: { type: 'boolean', help: 'replace the vault’s recovery key: the earlier one stops working' },
    remove: { type: 'boolean', help: 'remove the vault’s recovery key instead of making one' },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/recovery-key')),
};
