// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The entry shape every exporter reads: a vault entry without its vault bookkeeping (id, sort order,
 * times). `UnlockedVault.entries()` items fit it as they are (export-entries.ts adds the picture of
 * a custom icon from the vault's icons); so do imported entries in tests. Exporters only read the
 * secret bytes and never keep them.
 *
 * @see docs/formats.md
 */
import type { IconChoice } from '../domain';
import type { NewVaultEntry } from '../vault/entry';

/**
 * One account to export: the fields an account is added with (names, settings, secret, tags,
 * metadata, and `iconImage`, the picture of its icon when there is one to carry).
 */
export interface ExportEntry extends NewVaultEntry {
  /** What its icon is set to (a Tessera backup keeps the choice; a custom icon's picture is `iconImage`). */
  readonly icon?: IconChoice | null | undefined;
}

/** An entry an export format cannot carry faithfully, with the reason (never a secret). */
export interface ExportWarning {
  /** Position in the exported list (0-based). */
  readonly index: number;
  /** "Issuer (account)". */
  readonly label: string;
  readonly reason: string;
}

/** "Issuer (account)", "Issuer" or "account": how a warning names an entry. */
export function exportLabel(entry: Pick<ExportEntry, 'issuer' | 'account'>): string {
  if (entry.issuer !== '' && entry.account !== '') return `${entry.issuer} (${entry.account})`;
  return entry.issuer !== '' ? entry.issuer : entry.account;
}
