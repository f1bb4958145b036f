// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The entry model shared by the vault, the OTP engine, importers, exporters and the CLI.
 * Secrets are bytes (never JS strings) so that locking can wipe them.
 */
import type { EntryId, EntryRecord, OtpSettings } from '../domain';

/** Everything needed to compute a code: the settings and the secret. */
export interface OtpParameters extends OtpSettings {
  readonly secret: Uint8Array;
}

/** One account in the vault: the summary the window may see, plus the secret. */
export interface VaultEntry extends OtpParameters, EntryRecord {
  readonly id: EntryId;
  readonly issuer: string;
  readonly account: string;
}

/**
 * What `UnlockedVault.add` takes: the OTP parameters (already checked by electron/otp, checked again
 * here) and the metadata a user gives. The vault mints the id, sort order and times. The secret is
 * copied into the vault; the caller may wipe its own bytes once `add` resolves.
 */
export interface NewVaultEntry extends OtpParameters {
  readonly issuer: string;
  readonly account: string;
  readonly group?: string | null | undefined;
  readonly notes?: string | undefined;
  readonly favourite?: boolean | undefined;
}
