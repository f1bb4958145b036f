// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera restore`, for parsing and help; its body, run/restore.ts, is imported only when it runs. */
import { lazyRun, SHOW_SECRETS_OPTION, type Command } from '../command';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore a Tessera backup: add the accounts the vault lacks, or --replace them all.',
  usage: ['restore BACKUP [--replace [--yes]] [--backup-password-file F] [--dry-run] [--json] [--show-secrets]'],
  details:
    'BACKUP is a file from "tessera export --format tessera" or an automatic backup (tessera-backup-*.tessera).\n' +
    'By default the accounts the vault does not hold yet are added (same codes = same account, whatever\n' +
    'the names), all in one save. --replace makes the vault hold exactly the backup’s accounts: they are\n' +
    'added first, then the previous ones removed, so a failure never leaves fewer accounts. When that\n' +
    'removes accounts the backup does not hold, a terminal asks first; otherwise give --yes.\n' +
    'The backup’s password comes from --backup-password-file, the next line of standard input (with\n' +
    '--password-stdin: line 1 the vault password, line 2 the backup’s), or a prompt where Enter means\n' +
    'the vault’s password (automatic backups have it).',
  options: {
    replace: { type: 'boolean', help: 'make the vault hold exactly the backup’s accounts' },
    yes: { type: 'boolean', short: 'y', help: 'with --replace: remove accounts not in the backup without asking' },
    'backup-password-file': { type: 'string', value: 'F', help: 'read the backup’s password from the first line of F' },
    'dry-run': { type: 'boolean', help: 'show what would be added and removed; change nothing' },
    json: { type: 'boolean', help: 'print {"mode", "add": [...], "remove": [...], …} (see docs/cli.md)' },
    'show-secrets': SHOW_SECRETS_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'BACKUP' },
  run: lazyRun(() => import('./run/restore')),
};
