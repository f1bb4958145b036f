// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera passwd`, for parsing and help; its body, run/passwd.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const passwdCommand: Command = {
  name: 'passwd',
  summary: 'Change the master password (and give the vault a new data key), or set one with the recovery key.',
  usage: [
    'passwd [--keep-data-key] [--password-file FILE] [--new-password-file FILE] [--password-stdin]',
    'passwd --recovery-key-file FILE [--new-password-file FILE] [--password-stdin]',
  ],
  details:
    'The current password comes from the usual source; the new one from --new-password-file, the next\n' +
    'line of standard input (with --password-stdin: line 1 current, line 2 new), or the terminal (asked twice).\n' +
    'The vault gets a new data key, so a copy made before the change opens nothing saved after it. Copies\n' +
    'made before (backups, the previous version) still open with the old password: they are snapshots.\n' +
    '--keep-data-key changes only the password and keeps the data key: weaker, since a copy from before\n' +
    'the change then opens every later version with the old password.\n' +
    '\n' +
    'Forgot the password? --recovery-key-file FILE opens the vault with its recovery key (the page\n' +
    "'tessera recovery-key' wrote, or a file holding only the key) instead of the current password, which\n" +
    'is not asked; the new password comes as above (with --password-stdin: line 1). The recovery key keeps\n' +
    'working; the forgotten password opens nothing saved after.',
  options: {
    'new-password-file': { type: 'string', value: 'FILE', help: 'read the new password from the first line of FILE' },
    'keep-data-key': {
      type: 'boolean',
      help: 'change only the password, keep the data key (weaker: older copies open later versions)',
    },
    'recovery-key-file': {
      type: 'string',
      value: 'FILE',
      help: 'open the vault with the recovery key in FILE instead of the current password',
    },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/passwd')),
};
