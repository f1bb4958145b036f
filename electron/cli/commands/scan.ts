// SPDX-License-Identifier: GPL-3.0-or-later
/** The spec of `tessera scan`, for parsing and help; its body, run/scan.ts, is imported only when it runs. */
import { lazyRun, type Command } from '../command';

/** The `scan` command (registered in commands/index.ts). */
export const scanCommand: Command = {
  name: 'scan',
  summary: 'List (or add) the accounts in QR codes of image files.',
  usage: ['scan IMAGE... [--json [--show-secrets]] [--add]', 'scan IMAGE... --raw'],
  details:
    'Reads PNG, JPEG, WebP, BMP and GIF files, every QR code in each, including Google Authenticator\n' +
    'export codes (otpauth-migration://). Needs no vault unless --add. With --add, nothing is added\n' +
    'when an image cannot be read or a QR code holds an unusable account link; accounts already in\n' +
    'the vault are skipped. --raw prints the text of every QR code, whatever it holds; account\n' +
    'links contain their secret. An image of more than 50 QR codes is refused: crop it into parts.',
  options: {
    json: { type: 'boolean', help: 'print {"entries": [...]} as `import --dry-run --json` does (see docs/cli.md)' },
    'show-secrets': { type: 'boolean', help: 'with --json: include each base32 secret' },
    raw: { type: 'boolean', help: 'print the text of every QR code found, one per line' },
    add: { type: 'boolean', help: 'add the accounts found to the vault (duplicates skipped)' },
  },
  positionals: { min: 1, max: 64, name: 'IMAGE' },
  run: lazyRun(() => import('./run/scan')),
};
