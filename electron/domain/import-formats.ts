// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The formats of other apps' export files Tessera reads, by id: the CLI's `--format` values and
 * what the import dialog may send as `format`. The importer registry (electron/import/registry.ts)
 * has a row for each, with the name users know the app by.
 */

/** Every format id, in the order the importers list them. */
export const IMPORT_FORMAT_IDS = Object.freeze([
  'aegis',
  '2fas',
  'andotp',
  'authy',
  'bitwarden',
  'duo',
  'battle-net',
  'steam',
  'freeotp',
  'freeotp-plus',
  'stratum',
  'totp-authenticator',
  'google-authenticator',
  'microsoft-authenticator',
  'proton-authenticator',
  'authenticator-plus',
  'ente',
  'keepass',
  '1password',
  'proton-pass',
  'lastpass',
  'raivo',
  'enpass',
  'otpauth-uri-list',
] as const);

export type ImportFormatId = (typeof IMPORT_FORMAT_IDS)[number];

/** Type guard for a format id given on the command line or by the import dialog. */
export function isImportFormatId(value: unknown): value is ImportFormatId {
  return typeof value === 'string' && (IMPORT_FORMAT_IDS as readonly string[]).includes(value);
}

/** A format the import dialog offers ("Format: Aegis") and lists among the supported apps. */
export interface ImportFormatInfo {
  readonly id: ImportFormatId;
  /** The app's name as users know it: "Aegis", "Stratum / Authenticator Pro". */
  readonly name: string;
}
