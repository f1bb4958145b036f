// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import review (QR codes, other apps' exports, Tessera backups): what was found, what cannot be
 * used and why, and how the chosen accounts are applied. The main process keeps the staged accounts
 * with their secrets; these shapes carry names, parameters and preview codes only.
 */
import type { AccountFields, EntryId } from './entry';
import { isMemberOf, membersOf, type MemberSet } from './enumerations';
import type { ImportFormatId } from './import-formats';

/** What the review is for: accounts to add, or a Tessera backup to restore (merge or replace). */
export type ImportReviewKind = 'accounts' | 'backup';

/** How a restore applies a backup: add what is missing, or make the vault hold exactly the backup. */
export type RestoreMode = 'merge' | 'replace';

const RESTORE_MODE_SET: MemberSet<RestoreMode> = { merge: true, replace: true };

/** Every restore mode: merge, replace. */
export const RESTORE_MODES: readonly RestoreMode[] = membersOf(RESTORE_MODE_SET);

/** Type guard for a restore mode. */
export function isRestoreMode(value: unknown): value is RestoreMode {
  return isMemberOf(RESTORE_MODE_SET, value);
}

/** Why a candidate is flagged: it gives the same codes as an account in the vault, or as an earlier candidate. */
export type ImportDuplicate =
  | { readonly of: 'vault'; readonly id: EntryId; readonly label: string }
  | { readonly of: 'import'; readonly key: string };

/** One account found, as the review lists it. */
export interface ImportCandidate extends AccountFields {
  /** Identifies the candidate within its review (used to tick it and to commit). */
  readonly key: string;
  readonly tags: readonly string[];
  /** Where it was found: a file name, "Screen 1", "Clipboard", "Pasted link". */
  readonly source: string;
  /** Set when it is a duplicate: such candidates start unticked. */
  readonly duplicate: ImportDuplicate | null;
  /** Its part of a Google Authenticator transfer batch (1-based for display). */
  readonly batch?: { readonly part: number; readonly parts: number };
}

/** Something found that gives no account: an entry that cannot be imported, a link or text. */
export interface ImportProblem {
  /** Where: a file name, "Screen 2", "Clipboard". */
  readonly source: string;
  /** The account it is about ("Issuer (account)"), when there is one. */
  readonly label?: string;
  /** Why, in plain words. */
  readonly message: string;
  /** The technical detail (a field's name, an encoding), shown behind "Details"; absent when there is none. */
  readonly details?: string;
  /**
   * For an account that cannot be imported, what kind of problem, when its reader said:
   * `unsupported` (a kind of account Tessera does not support, e.g. Yandex or mOTP codes) or
   * `malformed` (its data is damaged, incomplete or out of range).
   */
  readonly kind?: 'unsupported' | 'malformed';
}

/** A file the review read: which app's, which variant of its file, and what it held. */
export interface ImportSourceFile {
  /** The file's name (never the folders above it). */
  readonly name: string;
  /** The format read (the CLI's `--format` name); null for a Tessera backup. */
  readonly format: ImportFormatId | null;
  /** The app's name: "Aegis", "Tessera backup". */
  readonly formatName: string;
  /**
   * Which generation or kind of the app's file, in words a user recognises: "encrypted backup
   * (scrypt)", "internal storage (shared_prefs XML)". Null when the reader did not say.
   */
  readonly variant: string | null;
  /** Accounts found that Tessera can read (duplicates included). */
  readonly found: number;
  /** Accounts the file holds that cannot be imported (listed in the review's `skipped`). */
  readonly skipped: number;
}

/** Progress of one Google Authenticator transfer batch across scans. */
export interface ImportBatchView {
  /** "2 of 3 QR codes scanned". */
  readonly summary: string;
  /** "QR code 3 of 3 is missing", one per missing part. */
  readonly missing: readonly string[];
  readonly complete: boolean;
}

/** Everything the review dialog shows. */
export interface ImportReview {
  readonly kind: ImportReviewKind;
  /** What was read: "Aegis", "QR codes", "Tessera backup". */
  readonly title: string;
  /** One line about the sources: "Found 2 QR codes on 1 screen", "Found 7 accounts in aegis-export.json". */
  readonly summary: string;
  /** The files read, with their app and variant: one for an export or a backup, none for QR codes and links. */
  readonly sources: readonly ImportSourceFile[];
  readonly candidates: readonly ImportCandidate[];
  /** Accounts the source holds that cannot be imported, each with the reason. */
  readonly skipped: readonly ImportProblem[];
  /** Account QR codes or links that cannot be used (errors). */
  readonly invalid: readonly ImportProblem[];
  /** QR codes holding a web link or text: nothing to import. */
  readonly notAccounts: readonly ImportProblem[];
  /** Accounts imported with something left out (an embedded icon Tessera will not use), with the reason. */
  readonly notices: readonly ImportProblem[];
  readonly batches: readonly ImportBatchView[];
  /** QR reviews: more scans (screen, clipboard, image files) add to this review. */
  readonly canScanMore: boolean;
  /** Accounts in the vault now (the replace warning of a restore names it). */
  readonly vaultEntryCount: number;
}

/** Where an import stands after a request. */
export type ImportStep =
  | { readonly step: 'review'; readonly review: ImportReview }
  /** The file is encrypted: ask for its password (`wrongPassword` after a failed try). */
  | {
      readonly step: 'password';
      readonly fileName: string;
      readonly formatName: string;
      readonly wrongPassword: boolean;
    }
  /** The user closed the file picker (or the screen-sharing prompt) without choosing. */
  | { readonly step: 'cancelled' };

/** A review candidate's current code, for the live preview. */
export interface ImportCode {
  readonly key: string;
  readonly code: string;
  readonly validUntil: number | null;
}

export interface ImportOutcome {
  readonly added: number;
  /** Accounts removed by a `replace` restore. */
  readonly removed: number;
}
