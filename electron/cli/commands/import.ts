// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera import`, for parsing and help; its body, run/import.ts, is imported only when it runs. */
import { IMPORT_FORMAT_IDS } from '../../domain/import-formats';
import { lazyRun, SHOW_SECRETS_OPTION, type Command } from '../command';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import the accounts of another authenticator’s export file (Aegis, 2FAS, Google…).',
  usage: ['import FILE [--format NAME] [--file-password-file F] [--dry-run] [--json] [--show-secrets]'],
  details:
    `Formats: ${IMPORT_FORMAT_IDS.join(', ')}.\n` +
    'The format is detected from the content unless --format is given. An encrypted export’s own password\n' +
    'comes from --file-password-file, the next line of standard input (with --password-stdin: line 1 the\n' +
    'vault password, line 2 the file’s), or a prompt. Accounts already in the vault (same secret and\n' +
    'parameters) are not added again. Nothing is added unless every new account can be saved.\n' +
    'The review names the app and the variant of its file that was read, and lists every account not\n' +
    'added with the reason (already in the vault, a kind Tessera does not support, damaged).\n' +
    'A file over a limit of what an import may cost (its size, its structure, its password-checking\n' +
    'work; see docs/cli.md) is refused with the limit named (exit 1), before any password is asked\n' +
    'whenever its header shows it.',
  options: {
    format: { type: 'string', value: 'NAME', help: 'read the file as this format instead of detecting it' },
    'file-password-file': { type: 'string', value: 'F', help: 'read the export’s password from the first line of F' },
    'dry-run': { type: 'boolean', help: 'list what would be imported; change nothing' },
    json: {
      type: 'boolean',
      help: 'print {"format", "variant", "entries": [...], "skipped": [...]} (see docs/cli.md)',
    },
    'show-secrets': SHOW_SECRETS_OPTION,
  },
  positionals: { min: 1, max: 1, name: 'FILE' },
  run: lazyRun(() => import('./run/import')),
};
