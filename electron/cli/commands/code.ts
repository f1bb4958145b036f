// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera code`, for parsing and help; its body, run/code.ts, is imported only when it runs. */
import { lazyRun, type Command } from '../command';

export const codeCommand: Command = {
  name: 'code',
  summary: 'Show the current code of the matching accounts.',
  usage: ['code QUERY [--json] [--at UNIX_MS | --offset SECONDS]'],
  details:
    'QUERY is an id (8+ hex digits, as list shows), or an issuer, account or "issuer:account", matched\n' +
    'without case: exact matches first, else every entry containing QUERY.\n' +
    'HOTP entries: each code shown uses up one counter value, saved before the code is printed.\n' +
    'Each code shown counts as a use on this computer, as a copy in the app does (`list --sort usage`);\n' +
    'codes shown with --at do not.\n' +
    '--at computes the codes for that instant (Unix time in milliseconds) instead of now.\n' +
    'Now is this computer’s clock, plus the corrected time if it was chosen in the desktop app (see\n' +
    '`tessera clock`); --offset SECONDS adds that instead (--offset=-42 for a clock 42 s ahead).',
  options: {
    json: { type: 'boolean', help: 'print {"codes": [...]} (see docs/cli.md)' },
    at: { type: 'string', value: 'UNIX_MS', help: 'compute the codes at this time instead of now' },
    offset: {
      type: 'string',
      value: 'SECONDS',
      help: 'add this to the computer’s clock (default: the app’s correction)',
    },
  },
  positionals: { min: 1, max: 1, name: 'QUERY' },
  run: lazyRun(() => import('./run/code')),
};
