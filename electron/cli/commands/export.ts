// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera export`, for parsing and help; its body, run/export.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'Export the accounts: Tessera backup, Aegis vault, otpauth:// list or Google transfer QR codes.',
  usage: [
    'export --format tessera|aegis|aegis-plain|uri-list|migration-qr --out FILE|DIR [--export-password-file F] [--force]',
  ],
  details:
    'tessera: a vault file under an export password (restorable anywhere). aegis: an encrypted Aegis vault\n' +
    '(scrypt + AES-GCM). aegis-plain, uri-list: unencrypted files. migration-qr: PNG images of Google\n' +
    'Authenticator transfer codes (≤ 10 accounts each) written into DIR; accounts that cannot travel\n' +
    'that way are listed. The export password comes from --export-password-file, the next line of\n' +
    'standard input (with --password-stdin), or a prompt asked twice. Files are created with mode 600;\n' +
    'an existing file is replaced only with --force.',
  options: {
    format: { type: 'string', value: 'F', help: 'tessera, aegis, aegis-plain, uri-list or migration-qr' },
    out: { type: 'string', value: 'FILE|DIR', help: 'the file to write (a folder for migration-qr)' },
    'export-password-file': { type: 'string', value: 'F', help: 'read the export password from the first line of F' },
    force: { type: 'boolean', help: 'replace existing files' },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/export')),
};
