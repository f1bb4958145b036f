// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera list`, for parsing and help; its body, run/list.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const listCommand: Command = {
  name: 'list',
  summary: 'List the accounts (never their secrets).',
  usage: ['list [--sort manual|issuer|account|usage|recent] [--tag TAG]... [--json]'],
  details:
    'The order is the desktop app’s: favourites first, then\n' +
    '  manual   your order (the default)\n' +
    '  issuer   issuer A–Z, then account\n' +
    '  account  account A–Z, then issuer\n' +
    '  usage    most used first (codes copied in the app or shown by `tessera code` on this computer)\n' +
    '  recent   most recently used first; never used last, in your order\n' +
    'Use is counted on this computer only (usage.json in the app’s data folder), never in the vault.\n' +
    'With --tag, only the accounts that carry every tag given (case and spacing ignored).',
  options: {
    sort: { type: 'string', value: 'ORDER', help: 'manual, issuer, account, usage or recent (default: manual)' },
    tag: { type: 'string', value: 'TAG', multiple: true, help: 'only accounts with this tag' },
    json: { type: 'boolean', help: 'print {"entries": [...]} (see docs/cli.md)' },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/list')),
};
