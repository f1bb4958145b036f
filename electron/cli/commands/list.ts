// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera list`, for parsing and help; its body, run/list.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const listCommand: Command = {
  name: 'list',
  summary: 'List the accounts (never their secrets).',
  usage: ['list [--json]'],
  options: { json: { type: 'boolean', help: 'print {"entries": [...]} (see docs/cli.md)' } },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/list')),
};
