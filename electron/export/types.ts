// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The entry shape every exporter reads: a vault entry without its vault bookkeeping (id, sort order,
 * times). `UnlockedVault.entries()` items fit it as they are; so do imported entries in tests.
 * Exporters only read the secret bytes and never keep them.
 *
 * @see docs/formats.md
 */
import type { NewVaultEntry } from '../vault/entry';

/** One account to export: the fields an account is added with (names, settings, secret, metadata). */
export type ExportEntry = NewVaultEntry;

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
