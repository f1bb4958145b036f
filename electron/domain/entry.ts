// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * An account (entry) as every part of Tessera names it: its id, OTP type and algorithm, the summary
 * that may leave the main process (never the secret), and the inputs that create or edit one. The
 * secret itself appears here only as the base32 text a user types, on its way to the main process.
 */
import { isMemberOf, membersOf, type MemberSet } from './enumerations';
import type { IconChoice, IconRef } from './icons';

/** Entry ids are random UUIDs (v4) minted by the main process. */
export type EntryId = string;

export type OtpType = 'totp' | 'hotp' | 'steam';
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

const OTP_TYPE_SET: MemberSet<OtpType> = { totp: true, hotp: true, steam: true };
const OTP_ALGORITHM_SET: MemberSet<OtpAlgorithm> = { SHA1: true, SHA256: true, SHA512: true };

/** The supported entry types: totp, hotp, steam. */
export const OTP_TYPES: readonly OtpType[] = membersOf(OTP_TYPE_SET);
/** The supported HMAC algorithms: SHA1, SHA256, SHA512. */
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = membersOf(OTP_ALGORITHM_SET);

/** Type guard for the supported entry types. */
export function isOtpType(value: unknown): value is OtpType {
  return isMemberOf(OTP_TYPE_SET, value);
}

/** Type guard for the supported HMAC algorithms (the exact spelling: `'sha1'` is not one). */
export function isOtpAlgorithm(value: unknown): value is OtpAlgorithm {
  return isMemberOf(OTP_ALGORITHM_SET, value);
}

/** How an account's codes are made, without its secret. */
export interface OtpSettings {
  readonly type: OtpType;
  readonly algorithm: OtpAlgorithm;
  /** 5–10 digits for TOTP/HOTP; always 5 characters for Steam. */
  readonly digits: number;
  /** Seconds per code for TOTP and Steam; null for HOTP. */
  readonly period: number | null;
  /** The next counter value for HOTP; null for TOTP and Steam. */
  readonly counter: number | null;
}

/** An account's names and code settings: what every view of an account starts with. Never the secret. */
export interface AccountFields extends OtpSettings {
  readonly issuer: string;
  readonly account: string;
}

/**
 * Copies exactly the names and code settings of an account, field by field: an allowlist, so that
 * whatever else `e` carries (its secret above all) is left behind.
 */
export function accountFields(e: AccountFields): AccountFields {
  return {
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
  };
}

/** What the vault keeps about an entry beside its names and code settings. */
export interface EntryRecord {
  /** Labels the user gives the account, several per account (tags.ts: trimmed, no duplicates ignoring case). */
  readonly tags: readonly string[];
  /** What the icon is set to; null: automatic (matched by issuer, else the letter tile). */
  readonly icon: IconChoice | null;
  readonly favourite: boolean;
  readonly notes: string;
  readonly sortOrder: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Everything about an entry except its secret. */
export interface EntrySummary extends AccountFields, EntryRecord {
  readonly id: EntryId;
  /** The picture the lists show, resolved in main (icons.ts `IconRef`); null: the letter tile. */
  readonly shownIcon: IconRef | null;
}

/** What the user types or pastes to add an entry. The secret is base32 text, sent to main once. */
export interface NewEntryInput {
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly secret: string;
  readonly algorithm?: OtpAlgorithm;
  readonly digits?: number;
  readonly period?: number;
  readonly counter?: number;
  readonly tags?: readonly string[];
  readonly notes?: string;
  readonly favourite?: boolean;
}

/** Metadata a user can edit after creation. The secret and OTP parameters are fixed. */
export interface EntryPatch {
  readonly issuer?: string;
  readonly account?: string;
  /** Replaces the whole list of tags. */
  readonly tags?: readonly string[];
  /** Automatic (null), the letter tile, a bundled icon, or a custom icon already in the vault. */
  readonly icon?: IconChoice | null;
  readonly notes?: string;
  readonly favourite?: boolean;
}

/** The OTP parameters typed in the add form, for a live preview. Main answers with the code only. */
export interface CodePreviewInput {
  readonly type: OtpType;
  readonly secret: string;
  readonly algorithm?: OtpAlgorithm;
  readonly digits?: number;
  readonly period?: number;
  readonly counter?: number;
}
