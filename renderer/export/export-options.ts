// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the export dialog offers, as one table: each choice's label, a line about it, how it is
 * protected and under which heading it is listed. The dialog's steps are read from `protection`,
 * so a new format is one row here.
 */
import type { ExportFileFormat, ExportQrKind } from '../../electron/domain';

/** One thing the user can export to: a file format or a kind of QR code. */
export type ExportChoice = ExportFileFormat | ExportQrKind;

/**
 * How the chosen export protects the secrets, which decides the step after the master password:
 * `tessera` asks for a backup password (the master password by default), `encrypted` for a new
 * password, `plain` for an explicit "I understand", `qr` shows the codes.
 */
export type ExportProtection = 'tessera' | 'encrypted' | 'plain' | 'qr';

/** The headings the choices are listed under: back to Tessera, to another app, to a phone's camera. */
export type ExportSection = 'tessera' | 'apps' | 'qr';

export const EXPORT_SECTIONS: readonly { readonly id: ExportSection; readonly title: string }[] = [
  { id: 'tessera', title: 'For Tessera' },
  { id: 'apps', title: 'For another app' },
  { id: 'qr', title: 'To scan with a phone' },
];

export interface ExportOption {
  readonly id: ExportChoice;
  /** The radio's accessible name; stable, end-to-end tests find it by this. */
  readonly label: string;
  readonly description: string;
  readonly protection: ExportProtection;
  readonly section: ExportSection;
  /** For `encrypted`: what the password step says the password is for (a default when absent). */
  readonly passwordNote?: string;
}

export const EXPORT_OPTIONS: readonly ExportOption[] = [
  {
    id: 'tessera',
    label: 'Tessera backup (encrypted)',
    description: 'The accounts with their tags and notes, to restore in Tessera on this or another computer.',
    protection: 'tessera',
    section: 'tessera',
  },
  {
    id: 'aegis',
    label: 'Aegis vault (encrypted)',
    description: 'A password-protected file that Aegis Authenticator (Android) and other apps can import.',
    protection: 'encrypted',
    section: 'apps',
  },
  {
    id: 'aegis-plain',
    label: 'Aegis vault (not encrypted)',
    description: 'The same file without a password, for apps that cannot read the encrypted one.',
    protection: 'plain',
    section: 'apps',
  },
  {
    id: '2fas',
    label: '2FAS backup (encrypted)',
    description:
      'A password-protected .2fas file to import in 2FAS Authenticator (Android or iPhone); an account’s first tag is its group.',
    protection: 'encrypted',
    section: 'apps',
  },
  {
    id: '2fas-plain',
    label: '2FAS backup (not encrypted)',
    description: 'The same backup without a password.',
    protection: 'plain',
    section: 'apps',
  },
  {
    id: 'bitwarden',
    label: 'Bitwarden (not encrypted)',
    description:
      'A JSON file for Bitwarden’s “Import data”: each account a login with its key, its first tag as the folder.',
    protection: 'plain',
    section: 'apps',
  },
  {
    id: 'ente',
    label: 'Ente Auth (not encrypted)',
    description: 'A text file Ente Auth imports as its own export, with the tags; favourites are pinned.',
    protection: 'plain',
    section: 'apps',
  },
  {
    id: 'keepass',
    label: 'KeePassXC database (encrypted)',
    description: 'A password-protected .kdbx database, one entry per account with its code, for KeePassXC.',
    protection: 'encrypted',
    section: 'apps',
    passwordNote: 'Choose the password that will protect the database. You will type it to open it in KeePassXC.',
  },
  {
    id: 'uri-list',
    label: 'List of otpauth:// links (not encrypted)',
    description: 'A text file with one link per account; most authenticator apps and password managers read it.',
    protection: 'plain',
    section: 'apps',
  },
  {
    id: 'migration',
    label: 'Transfer to Google Authenticator (QR codes)',
    description: 'Codes of up to 10 accounts each, to scan with “Transfer accounts” in Google Authenticator.',
    protection: 'qr',
    section: 'qr',
  },
  {
    id: 'entry',
    label: 'QR code per account',
    description: 'One code per account, to scan with any authenticator app.',
    protection: 'qr',
    section: 'qr',
  },
];

/** The row for a choice; every choice has one. */
export function exportOption(id: ExportChoice): ExportOption {
  const option = EXPORT_OPTIONS.find((o) => o.id === id);
  if (!option) throw new Error(`No export option '${id}'`);
  return option;
}

/** Narrows a choice to the QR kinds main renders. */
export function isQrKind(choice: ExportChoice): choice is ExportQrKind {
  return exportOption(choice).protection === 'qr';
}

/** "Saved 12 accounts to /path". */
export function savedText(count: number, path: string): string {
  return `Saved ${count === 1 ? '1 account' : `${count} accounts`} to ${path}`;
}
