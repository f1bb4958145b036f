// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera init`, for parsing and help; its body, run/init.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const initCommand: Command = {
  name: 'init',
  summary: 'Create an empty vault.',
  usage: ['init [--vault FILE] [--password-file FILE | --password-stdin]'],
  details:
    'Key derivation: Argon2id, calibrated once on this computer (the fastest of three timed runs) to take\n' +
    'about a second: 3 passes, 256 MiB wherever that takes at most 1.5 s, never below 2 passes, 64 MiB. The\n' +
    'choice is kept in kdf-params.json in the desktop app’s data folder on this computer (never beside the\n' +
    'vault, which may be synced to another computer) and shared with the app.\n' +
    'An existing vault is never overwritten. When FILE is a symbolic link, the vault is created where it\n' +
    'points and the link is kept.',
  options: {},
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/init')),
};
