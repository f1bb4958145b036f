// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera remove`, for parsing and help; its body, run/remove.ts, is imported only when it runs. */
import { lazyRun, type Command } from '../command';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Remove one account.',
  usage: ['remove QUERY [--yes]'],
  details:
    'QUERY must select exactly one account (see "tessera code --help"); use the id from "tessera list"\n' +
    'when several match. Keep a copy of the secret elsewhere if you may need the account again: only\n' +
    "the vault's previous generation (kept beside it until the next save) still holds it.",
  options: { yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation on a terminal' } },
  positionals: { min: 1, max: 1, name: 'QUERY' },
  run: lazyRun(() => import('./run/remove')),
};
