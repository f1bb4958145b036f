// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The shapes every importer shares: what one foreign file becomes (entries to review plus the
 * entries that could not be imported, with the reason), the one error type for file-level failures,
 * and the row each format contributes to the registry.
 *
 * @see docs/formats.md for the formats themselves.
 */
import type { AccountFields, IconChoice, ImportFormatId } from '../domain';
import type { WorkBudget } from './budget';
import type { IconImageInput } from '../vault/entry';

/** The batch a Google Authenticator transfer QR code belongs to (docs/formats.md §2.2). */
export interface ImportBatch {
  /** Random id shared by every QR code of one export (often negative). */
  readonly id: number;
  /** 0-based index of this QR code in the batch. */
  readonly index: number;
  /** Number of QR codes in the batch (0 or 1 for a single code). */
  readonly size: number;
}

/**
 * One account found in a foreign file, checked against the same rules as the vault (electron/otp
 * validateEntryInput), ready for review. The secret is fresh bytes owned by the caller: wipe it once
 * it is stored or the review is closed.
 */
export interface ImportedEntry extends AccountFields {
  /** The counter is the next HOTP value as the source app stored it. */
  readonly secret: Uint8Array;
  /** Groups, tags or folders the source app gave the account (normalised by the vault's tag rules). */
  readonly tags?: readonly string[];
  /** An icon the export carried (Aegis embeds them; a Tessera backup's custom icon), already checked by electron/icons. */
  readonly iconImage?: IconImageInput;
  /** A Tessera backup's bundled or letter icon choice, kept as it is (a custom icon comes as `iconImage`). */
  readonly icon?: IconChoice;
  readonly notes?: string;
  readonly favourite?: boolean;
  /** Only for entries from `otpauth-migration://` payloads. */
  readonly batch?: ImportBatch;
}

/** An entry the file holds but that cannot be imported, with a reason the user can act on. */
export interface SkippedEntry {
  /** Position of the entry in the file (0-based), when the format has an order. */
  readonly index?: number;
  /** "Issuer (account)" or a position; never a secret. */
  readonly label: string;
  /** Why, in plain words. */
  readonly reason: string;
  /** The technical detail behind the reason (a field name, an encoding), when there is one. */
  readonly details?: string;
  /**
   * What kind of problem, for scripts and summaries (`tessera import --json`'s `skipped[].kind`):
   * `unsupported`, a kind of account Tessera does not support (an OTP type such as Yandex or mOTP,
   * an algorithm such as MD5); `malformed`, its data in the file is damaged, incomplete or out of
   * range. Absent when the importer did not say.
   */
  readonly kind?: 'unsupported' | 'malformed';
}

/**
 * Something about an account that is imported all the same, with a part left behind (an embedded
 * icon Tessera will not use): the reason in plain words, the technical detail apart.
 */
export interface ImportNotice {
  /** Position of the entry in the file (0-based), when the format has an order. */
  readonly index?: number;
  /** "Issuer (account)" or a position; never a secret. */
  readonly label: string;
  readonly reason: string;
  readonly details?: string;
}

/** What one file becomes. `entries` may be empty; the caller must never report that as success. */
export interface ImportResult {
  readonly format: ImportFormatId;
  /**
   * Which generation or kind of the format was read, in words a user recognises, e.g. "encrypted
   * backup (Argon2id)", "internal storage (shared_prefs XML)", "KDBX 4 (Argon2id, ChaCha20)".
   * Shown in the import review and as `"variant"` in `tessera import --json`.
   */
  readonly variant: string;
  readonly entries: ImportedEntry[];
  readonly skipped: SkippedEntry[];
  /** Accounts imported with something left out, with the reason; absent when there are none. */
  readonly notices?: ImportNotice[];
}

/**
 * Every format Tessera reads; the ids are the `format` values of the corpus's EXPECTED.json. Kept in
 * the domain, so the CLI's `--format` and the import dialog's `format` are typed by the same list.
 */
export { IMPORT_FORMAT_IDS, isImportFormatId, type ImportFormatId } from '../domain';

/**
 * Why a whole file cannot be imported. Entry-level problems never use this: they go to `skipped`.
 * - `unknown-format`: no importer recognises the content;
 * - `password-required`: the file is encrypted and no password was given (ask for one);
 * - `wrong-password`: the password does not decrypt the file (or the file was modified);
 * - `corrupt`: the file is damaged or not what its format says;
 * - `unsupported`: a variant Tessera does not read (the message says which);
 * - `too-large`: over the size limit, refused before reading, or over a limit of the import's work
 *   budget (a BudgetExceededError naming it; budget-limits.ts).
 */
export type ImportErrorKind =
  'unknown-format' | 'wrong-password' | 'password-required' | 'corrupt' | 'unsupported' | 'too-large';

/**
 * A file-level import failure. The message says what happened and what to do, in plain words;
 * `details` keeps the technical side (a missing field's name, an encoding) for "Details". Never a secret.
 */
export class ImportError extends Error {
  readonly details: string | undefined;

  constructor(
    readonly kind: ImportErrorKind,
    message: string,
    options?: { cause?: unknown; details?: string | undefined },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImportError';
    this.details = options?.details;
  }
}

/** One row of the importer registry (registry.ts): the policy table of readable formats. */
export interface ImportFormat {
  readonly id: ImportFormatId;
  /** Name shown to users, e.g. "Aegis". */
  readonly name: string;
  /**
   * How sure the content makes us that this is the format, from 0 (not it) to 1 (certain). Must be
   * cheap and must not throw: it runs for every format on every file. The file name is only a hint.
   */
  detect(bytes: Uint8Array, fileName?: string): number;
  /** Whether `parse` needs a password for this file (it is encrypted). Must not throw. */
  needsPassword(bytes: Uint8Array): boolean;
  /**
   * Reads the file, charging `budget` as it goes (a fresh default budget when none is given).
   * @throws ImportError for file-level problems (BudgetExceededError when a limit is passed);
   *   entry-level problems go to `skipped`.
   */
  parse(bytes: Uint8Array, password?: string, budget?: WorkBudget): Promise<ImportResult>;
}
