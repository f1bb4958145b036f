// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera info`, for parsing and help; its body, run/info.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const infoCommand: Command = {
  name: 'info',
  summary: 'Show the vault file, format version, key-derivation parameters, entry count and recovery key.',
  usage: ['info [--json]'],
  options: { json: { type: 'boolean', help: 'print the information as one JSON object (see docs/cli.md)' } },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/info')),
};
