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

/**
 * When each part of an entry that two computers may change independently last changed
 * (milliseconds; each new time is at least the previous one + 1, so a part's time never goes back
 * even when the clock does). The merge of two copies of the vault (docs/vault-format.md §6) keeps,
 * part by part, the later one. The HOTP counter needs no time: the higher counter wins.
 */
export interface EntryChangeTimes {
  /** Issuer and account name, together. */
  readonly names: number;
  readonly tags: number;
  readonly icon: number;
  readonly favourite: number;
  readonly notes: number;
  readonly sortOrder: number;
}

/** The parts of an entry `EntryChangeTimes` times, in the order they are written. */
export const ENTRY_CHANGE_PARTS = ['names', 'tags', 'icon', 'favourite', 'notes', 'sortOrder'] as const;

/** One account in the vault: the summary the window may see, plus the secret and its merge record. */
export interface VaultEntry extends OtpParameters, EntryRecord {
  readonly id: EntryId;
  readonly issuer: string;
  readonly account: string;
  readonly changed: EntryChangeTimes;
  /**
   * Notes that lost to a concurrent edit of the same notes on another computer: kept (a set,
   * sorted, without the winning text) so nothing a user wrote is lost; the window offers them.
   */
  readonly conflictNotes: readonly string[];
  /**
   * Notes texts this entry's notes replaced, by `notesDigest` (a set, sorted): a copy that still
   * has one of them is behind, not in conflict, so merging it adds no conflict note.
   */
  readonly notesSuperseded: readonly string[];
}

/** A deleted entry's id and when it was deleted: so a copy that still has it does not bring it back. */
export interface Tombstone {
  readonly id: EntryId;
  readonly deletedAt: number;
}

/** Tombstones older than this are dropped when the vault is saved (docs/vault-format.md §6). */
export const TOMBSTONE_RETENTION_MS = 180 * 24 * 60 * 60 * 1000;

/** Image types a custom icon may be (an SVG only after icons/sanitise-svg.ts has cleaned it). */
export type IconMime = 'image/png' | 'image/jpeg' | 'image/svg+xml';

/** A custom icon stored in the vault; `id` is the SHA-256 of `bytes` (lower-case hex). */
export interface StoredIcon {
  readonly id: string;
  readonly mime: IconMime;
  readonly bytes: Uint8Array;
}

/** An image on its way into the vault as a custom icon (already checked by electron/icons). */
export interface IconImageInput {
  readonly mime: IconMime;
  readonly bytes: Uint8Array;
}

/**
 * Everything a vault holds beside its header: the entries, the tombstones of deleted ones and the
 * custom icons the entries use (by id). What a save writes, what a session holds, and what the
 * merge of two copies (merge.ts) combines.
 */
export interface VaultContents {
  readonly entries: readonly VaultEntry[];
  readonly tombstones: readonly Tombstone[];
  readonly icons: ReadonlyMap<string, StoredIcon>;
}

/**
 * What `UnlockedVault.add` takes: the OTP parameters (already checked by electron/otp, checked again
 * here) and the metadata a user gives. The vault mints the id, sort order and times. The secret is
 * copied into the vault; the caller may wipe its own bytes once `add` resolves.
 */
export interface NewVaultEntry extends OtpParameters {
  readonly issuer: string;
  readonly account: string;
  readonly tags?: readonly string[] | undefined;
  readonly notes?: string | undefined;
  readonly favourite?: boolean | undefined;
  /** An image that becomes the entry's custom icon (an import that carries icons). */
  readonly iconImage?: IconImageInput | undefined;
}
