// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exports and backups: the file formats and QR codes an export can produce, what saving one
 * answers, and the state of the automatic backups.
 */
import { isMemberOf, membersOf, type MemberSet } from './enumerations';

/**
 * File exports. Encrypted: `tessera` (a Tessera backup), `aegis`, `2fas`, `keepass` (a KeePassXC
 * database). Not encrypted: `aegis-plain`, `2fas-plain`, `bitwarden` (JSON), `ente` (Ente Auth's
 * text export), `uri-list` (otpauth:// links).
 */
export type ExportFileFormat =
  'tessera' | 'aegis' | 'aegis-plain' | '2fas' | '2fas-plain' | 'bitwarden' | 'ente' | 'keepass' | 'uri-list';

const EXPORT_FILE_FORMAT_SET: MemberSet<ExportFileFormat> = {
  tessera: true,
  aegis: true,
  'aegis-plain': true,
  '2fas': true,
  '2fas-plain': true,
  bitwarden: true,
  ente: true,
  keepass: true,
  'uri-list': true,
};

/** Every file export format: tessera, aegis, aegis-plain, 2fas, 2fas-plain, bitwarden, ente, keepass, uri-list. */
export const EXPORT_FILE_FORMATS: readonly ExportFileFormat[] = membersOf(EXPORT_FILE_FORMAT_SET);

/** Type guard for a file export format. */
export function isExportFileFormat(value: unknown): value is ExportFileFormat {
  return isMemberOf(EXPORT_FILE_FORMAT_SET, value);
}

/** QR exports: Google Authenticator transfer codes (≤ 10 accounts each) or one `otpauth://` code per account. */
export type ExportQrKind = 'migration' | 'entry';

const EXPORT_QR_KIND_SET: MemberSet<ExportQrKind> = { migration: true, entry: true };

/** Every kind of QR export: migration, entry. */
export const EXPORT_QR_KINDS: readonly ExportQrKind[] = membersOf(EXPORT_QR_KIND_SET);

/** Type guard for a kind of QR export. */
export function isExportQrKind(value: unknown): value is ExportQrKind {
  return isMemberOf(EXPORT_QR_KIND_SET, value);
}

export type ExportSaveResult =
  | {
      readonly status: 'saved';
      readonly path: string;
      readonly count: number;
      /** Entries the format cannot carry faithfully. */
      readonly warnings: readonly string[];
    }
  | { readonly status: 'cancelled' };

/** One export QR code to show; the only time secret material reaches the renderer (as pixels). */
export interface ExportQrView {
  /** 0-based. */
  readonly index: number;
  readonly count: number;
  /** "Transfer code 1 of 3", "GitHub (alice@example.com)". */
  readonly title: string;
  /** The accounts the code carries ("Issuer (account)"). */
  readonly accounts: readonly string[];
  /** A `data:image/png;base64,...` URL of the QR code. */
  readonly image: string;
  /** Accounts left out or changed, with the reason (e.g. non-30 s periods for transfer codes). */
  readonly warnings: readonly string[];
}

/** Automatic backups: where, how many, and the last one that was re-opened and verified. */
export interface BackupStatus {
  readonly enabled: boolean;
  readonly folder: string;
  /** Whether `folder` is the default (`backups` beside the vault). */
  readonly defaultFolder: boolean;
  readonly keep: number;
  readonly lastVerified: { readonly file: string; readonly time: number } | null;
  /** The last failure, for the settings screen; null after a success. */
  readonly lastError: string | null;
}
