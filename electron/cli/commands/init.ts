// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera init`, for parsing and help; its body, run/init.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create an empty vault.',
  usage: ['init [--vault FILE] [--password-file FILE | --password-stdin]'],
  details:
    'Key derivation: Argon2id, calibrated once on this machine to take about a second (never below 2 passes,\n' +
    '64 MiB; 3 passes, 256 MiB on most computers). The choice is kept in kdf-params.json beside the vault and\n' +
    'shared with the desktop app.\n' +
    'An existing vault is never overwritten. When FILE is a symbolic link, the vault is created where it\n' +
    'points and the link is kept.',
  options: {},
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/init')),
};
