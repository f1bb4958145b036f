// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Bitwarden's unencrypted JSON export (docs/formats.md §5), the file Bitwarden's "Import data"
 * reads as "Bitwarden (json)": `{ encrypted: false, folders, items }`, one login item per account.
 * Bitwarden's importer (bitwarden/clients `BitwardenJsonImporter`, `CipherExport.toView`,
 * `LoginExport.toView`) reads the item's `type`, `name`, `notes`, `favorite`, `reprompt`,
 * `folderId` (a folder of the file), `fields` and `login.{uris, username, password, totp}`; it
 * drops `id`, `organizationId` and `collectionIds`.
 *
 * The TOTP field holds the account's `otpauth://` link (Tessera's own, docs/formats.md §7), which
 * Bitwarden reads for secret, algorithm, digits and period; Steam Guard accounts are written
 * `steam://<base32 secret>`, Bitwarden's own Steam form. Bitwarden has no counter-based (HOTP)
 * codes: it would read an `otpauth://hotp` link as TOTP and show wrong codes, so an HOTP account
 * becomes a login without a TOTP key whose link is kept in a hidden custom field named
 * {@link BITWARDEN_HOTP_FIELD} (see {@link bitwardenWarnings}). Groups become folders; notes and
 * favourites are carried as they are.
 *
 * @see docs/formats.md §5
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { base32Encode, toOtpauthUri } from '../otp';
import { exportLabel, type ExportEntry, type ExportWarning } from './types';
import { uuidV4 } from './uuid';

/** The hidden custom field holding an HOTP account's link, which Bitwarden cannot use as a TOTP key. */
export const BITWARDEN_HOTP_FIELD = 'HOTP otpauth:// link';

/** Bitwarden's cipher type for a login, its "no master password re-prompt" and its hidden field type. */
const LOGIN = 1;
const NO_REPROMPT = 0;
const HIDDEN_FIELD = 1;

export interface BitwardenExportOptions {
  /** CSPRNG for the item and folder ids; default node:crypto. Tests inject a deterministic one. */
  readonly randomBytes?: (n: number) => Uint8Array;
}

interface BitwardenField {
  readonly name: string;
  readonly value: string;
  readonly type: number;
  readonly linkedId: null;
}

interface BitwardenItem {
  readonly id: string;
  readonly organizationId: null;
  readonly folderId: string | null;
  readonly type: number;
  readonly reprompt: number;
  readonly name: string;
  readonly notes: string | null;
  readonly favorite: boolean;
  readonly fields?: BitwardenField[];
  readonly login: {
    readonly uris: [];
    readonly username: string | null;
    readonly password: null;
    readonly totp: string | null;
  };
  readonly collectionIds: null;
}

/** What Bitwarden's TOTP field holds for an entry: its link, `steam://<secret>`, or nothing (HOTP). */
export function bitwardenTotp(e: ExportEntry): string | null {
  if (e.type === 'hotp') return null;
  if (e.type === 'steam') return `steam://${base32Encode(e.secret)}`;
  return toOtpauthUri(e);
}

/** Warnings for what a Bitwarden file cannot carry faithfully (never a secret). */
export function bitwardenWarnings(entries: readonly ExportEntry[]): ExportWarning[] {
  return entries.flatMap((e, index) =>
    e.type === 'hotp'
      ? [
          {
            index,
            label: exportLabel(e),
            reason:
              'Bitwarden has no counter-based (HOTP) codes, so it will show no code for this login; its ' +
              `otpauth:// link is kept in the hidden field “${BITWARDEN_HOTP_FIELD}”`,
          },
        ]
      : [],
  );
}

/** The export as an object: the folders (one per group) and one login item per entry. Holds every secret. */
export function bitwardenContent(
  entries: readonly ExportEntry[],
  options: BitwardenExportOptions = {},
): { encrypted: false; folders: { id: string; name: string }[]; items: BitwardenItem[] } {
  const random = options.randomBytes ?? nodeRandomBytes;
  const folders = new Map<string, string>();
  for (const e of entries) {
    const folder = e.tags?.[0];
    if (folder !== undefined && !folders.has(folder)) folders.set(folder, uuidV4(random));
  }
  const items = entries.map((e): BitwardenItem => {
    const hotp = e.type === 'hotp';
    return {
      id: uuidV4(random),
      organizationId: null,
      folderId: folders.get(e.tags?.[0] ?? '') ?? null,
      type: LOGIN,
      reprompt: NO_REPROMPT,
      name: e.issuer !== '' ? e.issuer : e.account,
      notes: (e.notes ?? '') !== '' ? (e.notes ?? '') : null,
      favorite: e.favourite ?? false,
      ...(hotp
        ? { fields: [{ name: BITWARDEN_HOTP_FIELD, value: toOtpauthUri(e), type: HIDDEN_FIELD, linkedId: null }] }
        : {}),
      login: { uris: [], username: e.account !== '' ? e.account : null, password: null, totp: bitwardenTotp(e) },
      collectionIds: null,
    };
  });
  return { encrypted: false, folders: [...folders].map(([name, id]) => ({ id, name })), items };
}

/** The unencrypted Bitwarden JSON file, indented as Bitwarden writes it. Contains every secret. */
export function exportBitwarden(entries: readonly ExportEntry[], options: BitwardenExportOptions = {}): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(bitwardenContent(entries, options), null, 2)}\n`);
}
