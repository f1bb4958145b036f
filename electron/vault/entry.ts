// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The entry model shared by the vault, the OTP engine, importers, exporters and the CLI.
 * Secrets are bytes (never JS strings) so that locking can wipe them.
 */
import type { EntryId, OtpAlgorithm, OtpType } from '../domain';

/** Everything needed to compute a code. */
export interface OtpParameters {
  readonly type: OtpType;
  readonly algorithm: OtpAlgorithm;
  /** 5–10 digits for TOTP/HOTP; always 5 characters for Steam. */
  readonly digits: number;
  /** Seconds per code for TOTP and Steam; null for HOTP. */
  readonly period: number | null;
  /** Next counter value for HOTP; null otherwise. */
  readonly counter: number | null;
  readonly secret: Uint8Array;
}

/** One account in the vault. */
export interface VaultEntry extends OtpParameters {
  readonly id: EntryId;
  readonly issuer: string;
  readonly account: string;
  readonly group: string | null;
  readonly favourite: boolean;
  readonly notes: string;
  readonly sortOrder: number;
  readonly createdAt: number;
  readonly updatedAt: number;
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
