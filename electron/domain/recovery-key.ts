// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The page a recovery key is saved as (the desktop app's “Save to a file”): plain text meant to be
 * printed, saying what the key is, the key on a line of its own (so `tessera passwd
 * --recovery-key-file` finds it in the page) and how to use it. Pure, so the app and the CLI can
 * write the same words and the tests can read them back.
 */

/**
 * A recovery key as typed, read the way Tessera reads it everywhere (docs/vault-format.md §4): upper
 * case, spaces and hyphens dropped, O read as 0 and I or L as 1.
 */
export function normaliseRecoveryKey(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** The default name the save dialog proposes. */
export const RECOVERY_KEY_FILE_NAME = 'Tessera recovery key.txt';

export interface RecoveryKeyPageInput {
  /** The key as a person writes it: `XXXX-XXXX-…`. */
  readonly recoveryKey: string;
  /** The vault it opens, named so a page found years later says which vault it is for. */
  readonly vaultPath: string;
  /** When the key was made (Unix milliseconds). */
  readonly createdAt: number;
}

/** "2024-01-31 at 12:00 UTC": UTC, so the page reads the same wherever it was made. */
function utcMinute(unixMs: number): string {
  const iso = new Date(unixMs).toISOString();
  return `${iso.slice(0, 10)} at ${iso.slice(11, 16)} UTC`;
}

/** Control characters in a file name would break the page's lines; shown escaped instead. */
function printablePath(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The text of a recovery key file (lines end in \n). */
export function recoveryKeyPage({ recoveryKey, vaultPath, createdAt }: RecoveryKeyPageInput): string {
  return [
    'Tessera recovery key',
    '',
    'This is the recovery key for the Tessera vault at',
    `    ${printablePath(vaultPath)}`,
    `made on ${utcMinute(createdAt)}.`,
    '',
    `    ${recoveryKey}`,
    '',
    'Whoever has this key can open the vault and set a new master password, without',
    'the old one. Keep it offline: print this page (or copy the key onto paper), keep',
    'it somewhere safe, then delete this file from the computer. Do not keep it',
    'beside the vault or in the same synced folder.',
    '',
    'If you forget the master password:',
    '  - in the app: choose "Forgot your password?" on the unlock screen and type the key;',
    '  - on the command line: tessera passwd --recovery-key-file FILE',
    '    (FILE: this page, or a file holding only the key; add --vault and the',
    '    path above if it is not your default vault).',
    'The recovery key keeps working after you set a new master password.',
    '',
    'Making a new recovery key (in the app, or tessera recovery-key --replace)',
    'makes this one useless, and so does removing it.',
    '',
  ].join('\n');
}
