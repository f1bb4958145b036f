// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * From an importer's raw reading of one account to a checked ImportedEntry, or to a skipped entry
 * with the reason. The OTP parameters go through electron/otp's validateEntryInput, so an import
 * accepts exactly what the vault accepts: strict where a value would give wrong codes (algorithm,
 * digits, period, counter, secret). Names are made safe instead of refused (control characters
 * replaced, cut at the vault's limit): a long or odd name never costs an account.
 */
import { ENTRY_LIMITS, isOtpAlgorithm, isOtpType, normaliseTag, normaliseTags, type OtpAlgorithm } from '../domain';
import { Base32Error, base32Decode, base32Encode, validateEntryInput } from '../otp';
import type { WorkBudget } from './budget';
import { EntryProblem } from './fields';
import type { ImportBatch, ImportedEntry, ImportFormatId, ImportNotice, ImportResult, SkippedEntry } from './types';
import type { IconImageInput } from '../vault/entry';

/** What an importer read for one account, before checking. */
export interface EntryDraft {
  /** `totp`, `hotp` or `steam`, any case; anything else is skipped as unsupported. */
  readonly type: string;
  readonly issuer?: string | undefined;
  readonly account?: string | undefined;
  readonly secret: Uint8Array;
  /** `SHA1`, `sha-256`, `HmacSHA512`...; absent means SHA1. */
  readonly algorithm?: string | undefined;
  readonly digits?: number | undefined;
  readonly period?: number | undefined;
  readonly counter?: number | undefined;
  /** Groups, tags, folders or categories the source gave the account, in its order (cleaned and normalised here). */
  readonly tags?: readonly (string | undefined)[] | undefined;
  /** An embedded icon, already checked by electron/icons (Aegis). */
  readonly iconImage?: IconImageInput | undefined;
  /** Why an embedded icon was left out (the account is imported without it): a notice, not a skip. */
  readonly iconProblem?: { readonly reason: string; readonly details?: string | undefined } | undefined;
  readonly notes?: string | undefined;
  readonly favourite?: boolean | undefined;
  readonly batch?: ImportBatch | undefined;
}

/** What kind of problem skipped an entry (SkippedEntry.kind). */
type SkipKind = NonNullable<SkippedEntry['kind']>;

/**
 * An entry of a kind Tessera does not support — an OTP type such as Yandex or mOTP, an algorithm
 * such as MD5 — rather than a damaged one: EntryCollector skips it with kind `unsupported` (every
 * other EntryProblem is `malformed`). An importer may throw it from a build for what it knows is
 * unsupported (an account that signs in by notification only).
 */
export class UnsupportedEntry extends EntryProblem {}

/** Longest secret accepted, in bytes: the vault's own limit. */
const MAX_SECRET_BYTES = ENTRY_LIMITS.secretMaxBytes;

/**
 * Collects the entries and the skipped ones of one file, in file order. Each one, kept or skipped,
 * is charged to the budget's `accounts` limit before it is built.
 */
export class EntryCollector {
  private readonly entries: ImportedEntry[] = [];
  private readonly skipped: SkippedEntry[] = [];
  private readonly notices: ImportNotice[] = [];

  constructor(
    private readonly format: ImportFormatId,
    private readonly budget: WorkBudget,
  ) {}

  /**
   * Builds and checks one entry; an EntryProblem or Base32Error thrown by `build` or by the checks
   * skips the entry with its plain reason (and the technical detail). `label` names the entry for
   * the user (never a secret).
   * @throws BudgetExceededError past the `accounts` limit.
   */
  add(index: number | undefined, label: () => string, build: () => EntryDraft): void {
    this.budget.spend('accounts');
    try {
      const draft = build();
      this.entries.push(toImportedEntry(draft, index));
      if (draft.iconProblem !== undefined) {
        const { reason, details } = draft.iconProblem;
        this.notices.push({
          ...(index === undefined ? {} : { index }),
          label: safeLabel(label, index),
          reason,
          ...(details === undefined ? {} : { details }),
        });
      }
    } catch (error) {
      if (error instanceof EntryProblem) {
        const kind = error instanceof UnsupportedEntry ? 'unsupported' : 'malformed';
        this.record(index, safeLabel(label, index), error.message, error.details, kind);
        return;
      }
      if (error instanceof Base32Error) {
        const details = `the secret is not valid base32: ${error.message}`;
        this.record(index, safeLabel(label, index), DAMAGED_SECRET, details, 'malformed');
        return;
      }
      throw error;
    }
  }

  /**
   * Records an entry that cannot be imported: the reason in plain words, the technical detail apart,
   * and what kind of problem it is when the importer knows (SkippedEntry.kind).
   */
  skip(index: number | undefined, label: string, reason: string, details?: string, kind?: SkipKind): void {
    this.budget.spend('accounts');
    this.record(index, label, reason, details, kind);
  }

  private record(index: number | undefined, label: string, reason: string, details?: string, kind?: SkipKind): void {
    this.skipped.push({
      ...(index === undefined ? {} : { index }),
      label,
      reason,
      ...(details === undefined ? {} : { details }),
      ...(kind === undefined ? {} : { kind }),
    });
  }

  /** The file's entries; `variant` names the generation of the format that was read (ImportResult.variant). */
  result(variant: string): ImportResult {
    return {
      format: this.format,
      variant,
      entries: this.entries,
      skipped: this.skipped,
      ...(this.notices.length > 0 ? { notices: this.notices } : {}),
    };
  }
}

function safeLabel(label: () => string, index: number | undefined): string {
  let text: string;
  try {
    text = cleanName(label());
  } catch {
    text = '';
  }
  return text || (index === undefined ? 'an entry' : `entry ${index + 1}`);
}

/** "Issuer (account)", "Issuer", "account" or '' — for skipped-entry labels. */
export function describe(issuer: unknown, account: unknown): string {
  const i = typeof issuer === 'string' ? issuer.trim() : '';
  const a = typeof account === 'string' ? account.trim() : '';
  return i && a ? `${i} (${a})` : i || a;
}

/**
 * Checks a draft and returns the entry.
 * @throws EntryProblem naming what is wrong.
 */
export function toImportedEntry(draft: EntryDraft, index?: number): ImportedEntry {
  const type = draft.type.trim().toLowerCase();
  if (!isOtpType(type)) {
    throw new UnsupportedEntry(
      `${describeType(draft.type)} codes are not supported by Tessera (only TOTP, HOTP and Steam)`,
    );
  }
  if (draft.secret.length === 0) throw new EntryProblem('its secret key is empty in the file');
  if (draft.secret.length > MAX_SECRET_BYTES) {
    throw new EntryProblem('its secret key is too long to be a real one', {
      details: `the secret is longer than ${MAX_SECRET_BYTES} bytes`,
    });
  }
  let issuer = cleanName(draft.issuer ?? '');
  let account = cleanName(draft.account ?? '');
  if (issuer === '' && account === '') account = index === undefined ? 'Unnamed account' : `Account ${index + 1}`;
  const algorithm = draft.algorithm === undefined ? undefined : normaliseAlgorithm(draft.algorithm);
  const checked = validateEntryInput({
    type,
    issuer,
    account,
    secret: base32Encode(draft.secret),
    ...(algorithm !== undefined ? { algorithm } : {}),
    ...(draft.digits !== undefined && type !== 'steam' ? { digits: draft.digits } : {}),
    ...(draft.period !== undefined && type !== 'hotp' ? { period: draft.period } : {}),
    ...(draft.counter !== undefined && type === 'hotp' ? { counter: draft.counter } : {}),
  });
  if (!checked.ok) {
    // An algorithm Tessera does not compute (MD5, SHA-384) is unsupported; any other value is out of range.
    const unsupported = checked.field === 'algorithm' && algorithm !== undefined && !isOtpAlgorithm(algorithm);
    const Problem = unsupported ? UnsupportedEntry : EntryProblem;
    throw new Problem(checked.message.replace(/\.$/, ''), { details: checked.details });
  }
  ({ issuer, account } = checked.value);
  const tags = cleanTags(draft.tags ?? []);
  const notes = draft.notes === undefined ? '' : cleanNotes(draft.notes);
  return {
    ...checked.value.params,
    issuer,
    account,
    ...(tags.length > 0 ? { tags } : {}),
    ...(draft.iconImage !== undefined ? { iconImage: draft.iconImage } : {}),
    ...(notes !== '' ? { notes } : {}),
    ...(draft.favourite === true ? { favourite: true } : {}),
    ...(draft.batch !== undefined ? { batch: draft.batch } : {}),
  };
}

/**
 * Tags made acceptable to the vault (domain/tags.ts): each cleaned as a name and cut at the tag
 * length limit, then normalised (empties and repeats ignoring case dropped), at most the vault's
 * number of tags (the first ones, in the source's order): a long or odd tag never costs an account.
 */
export function cleanTags(raw: readonly (string | undefined)[]): string[] {
  const cleaned = raw.flatMap((t) =>
    typeof t === 'string' ? [cleanName(normaliseTag(t), ENTRY_LIMITS.tagMaxLength)] : [],
  );
  return normaliseTags(cleaned).slice(0, ENTRY_LIMITS.maxTags);
}

function describeType(type: string): string {
  const shown = type
    .replace(/[^\x20-\x7e]/g, '?')
    .trim()
    .slice(0, 20);
  return shown === '' ? 'Entries without a type' : `“${shown}”`;
}

/**
 * `SHA1`, `sha-256`, `HmacSHA512`, `SHA_256` → the vault's spelling; other values pass through
 * upper-cased, so the validator refuses them naming the value (e.g. `SHA384`, `MD5`).
 */
export function normaliseAlgorithm(text: string): OtpAlgorithm {
  const upper = text.trim().toUpperCase().replace(/^HMAC/, '').replace(/[-_ ]/g, '');
  return upper as OtpAlgorithm;
}

const NAME_UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NOTES_UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** A name made acceptable to the vault: trimmed, controls replaced by U+FFFD, cut at `max` characters. */
export function cleanName(text: string, max: number = ENTRY_LIMITS.nameMaxLength): string {
  return cut(text.replace(NAME_UNSAFE, '\ufffd').trim(), max).trim();
}

function cleanNotes(text: string): string {
  return cut(text.replace(NOTES_UNSAFE, '\ufffd'), ENTRY_LIMITS.notesMaxLength).trim();
}

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

/** The plain reason for a secret that cannot be read; how it was written goes to `details`. */
export const DAMAGED_SECRET = 'its secret key is damaged in the file';

/** Base32 secret text (lenient as electron/otp's base32Decode). @throws EntryProblem. */
export function secretFromBase32(text: string): Uint8Array {
  if (text.length > ENTRY_LIMITS.secretTextMaxLength * 2) {
    throw new EntryProblem('its secret key is too long to be a real one', { details: 'the secret is too long' });
  }
  try {
    return base32Decode(text);
  } catch (error) {
    if (error instanceof Base32Error) {
      throw new EntryProblem(DAMAGED_SECRET, { details: `the secret is not valid base32: ${error.message}` });
    }
    throw error;
  }
}

/** Hexadecimal secret text (spaces ignored, any case). @throws EntryProblem. */
export function secretFromHex(text: string): Uint8Array {
  const compact = text.replace(/\s/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(compact)) {
    throw new EntryProblem(DAMAGED_SECRET, { details: 'the secret is not valid hexadecimal' });
  }
  return Uint8Array.from(Buffer.from(compact, 'hex'));
}

/** Standard or URL-safe base64 secret text, padding optional. @throws EntryProblem. */
export function secretFromBase64(text: string): Uint8Array {
  const bytes = strictBase64(text);
  if (bytes === null) throw new EntryProblem(DAMAGED_SECRET, { details: 'the secret is not valid base64' });
  return bytes;
}

/**
 * Strict base64 (RFC 4648 §4, or §5 URL-safe): whitespace ignored, padding optional, anything else
 * refused (Node's decoder silently skips unknown characters). Null when invalid.
 */
export function strictBase64(text: string): Uint8Array | null {
  const compact = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  const body = compact.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  if (compact.length !== body.length && compact.length % 4 !== 0) return null;
  return Uint8Array.from(Buffer.from(body, 'base64'));
}

/** A JSON array of signed (Java) or unsigned bytes, as FreeOTP writes secrets. @throws EntryProblem. */
export function secretFromByteArray(value: unknown): Uint8Array {
  if (!Array.isArray(value)) {
    throw new EntryProblem(DAMAGED_SECRET, { details: "'secret' is missing or not a list of bytes" });
  }
  const out = new Uint8Array(value.length);
  value.forEach((b: unknown, i) => {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) {
      throw new EntryProblem(DAMAGED_SECRET, { details: "'secret' holds a value that is not a byte" });
    }
    out[i] = b & 0xff;
  });
  return out;
}
