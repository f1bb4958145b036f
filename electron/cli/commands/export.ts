// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera export`, for parsing and help; its body, run/export.ts, is imported only when it runs. */
import { lazyRun, NO_POSITIONALS, type Command } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary:
    'Export the accounts: Tessera backup, Aegis, 2FAS, Bitwarden, Ente Auth, KeePassXC, otpauth:// list or Google transfer QR codes.',
  usage: [
    'export --format tessera|aegis|aegis-plain|2fas|2fas-plain|bitwarden|ente|keepass|uri-list|migration-qr\n' +
      '                      --out FILE|DIR [--export-password-file F] [--force]',
  ],
  details:
    'tessera: a vault file under an export password (restorable anywhere). aegis: an encrypted Aegis vault\n' +
    '(scrypt + AES-GCM). 2fas: an encrypted 2FAS backup (PBKDF2 + AES-GCM). keepass: a KeePassXC database\n' +
    '(.kdbx). aegis-plain, 2fas-plain, bitwarden (JSON), ente (Ente Auth text), uri-list: unencrypted files.\n' +
    'migration-qr: PNG images of Google Authenticator transfer codes (≤ 10 accounts each) written into DIR.\n' +
    'What a format cannot carry (HOTP in Bitwarden, notes in 2FAS…) is listed on standard error. The export\n' +
    'password comes from --export-password-file, the next line of standard input (with --password-stdin),\n' +
    'or a prompt asked twice. Files are created with mode 600; an existing file is replaced only with --force.',
  options: {
    format: {
      type: 'string',
      value: 'F',
      help: 'tessera, aegis, aegis-plain, 2fas, 2fas-plain, bitwarden, ente, keepass, uri-list or migration-qr',
    },
    out: { type: 'string', value: 'FILE|DIR', help: 'the file to write (a folder for migration-qr)' },
    'export-password-file': { type: 'string', value: 'F', help: 'read the export password from the first line of F' },
    force: { type: 'boolean', help: 'replace existing files' },
  },
  positionals: NO_POSITIONALS,
  run: lazyRun(() => import('./run/export')),
};
