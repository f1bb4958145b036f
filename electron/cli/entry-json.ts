// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The CLI's one copy of an account's fields into what it prints or compares: the JSON shapes of
 * `list --json` and of an account found in a file or a QR code (`import --json`, `scan --json`,
 * `restore --json`), both in docs/cli.md. Fields are copied one by one, never spread from an entry,
 * so a field added to entries (a secret, notes) never leaks into the output; the base32 secret
 * appears only when the user asked for it.
 */
import { accountFields, type AccountFields, type EntryUsage, type IconRef, type UsageMap } from '../domain';
import type { ImportedEntry } from '../import';
import { base32Encode } from '../otp';
import type { VaultEntry } from '../vault/entry';

/** An account's names and code parameters, the first fields of every entry JSON shape. */
export type OtpJson = AccountFields;

/** What `findDuplicates` compares and `OtpJson` is made from: the names, the code parameters, the secret. */
export type OtpFields = OtpJson & { readonly secret: Uint8Array };

/** One entry in `list --json`: its id first. No secret, and no notes (they may hold recovery codes). */
export interface ListedEntry extends OtpJson {
  readonly id: string;
  readonly tags: readonly string[];
  /** The picture the app shows for it (`{source, id}`), or null for the letter tile. */
  readonly icon: IconRef | null;
  readonly favourite: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** How often and how lately its code was used on this computer (usage.json); null when never. */
  readonly usage: EntryUsage | null;
}

/** An account found in a file, a QR code or a backup. */
export interface ImportedEntryJson extends OtpJson {
  /** The groups, tags or folders the file gave it (normalised); empty when none. */
  readonly tags: readonly string[];
  readonly secret?: string;
  /** Only from `import`, which compares with the vault. */
  readonly duplicate?: boolean;
  readonly batch?: { readonly id: number; readonly index: number; readonly size: number };
}

/** The names and code parameters in the documented order (the domain's field-by-field copy). */
const otpJson = (e: OtpJson): OtpJson => accountFields(e);

/** A vault or new entry as `findDuplicates` takes it: its `otpJson` fields and the secret (not copied). */
export function otpFields(e: OtpFields): ImportedEntry {
  return { ...otpJson(e), secret: e.secret };
}

/**
 * A vault entry as `list --json` prints it, with its use on this computer from `usage` and the icon
 * the app shows for it (`shownIcon`, the icon resolver's answer).
 */
export function toListedEntry(e: VaultEntry, usage: UsageMap, shownIcon: IconRef | null): ListedEntry {
  const used = Object.prototype.hasOwnProperty.call(usage, e.id) ? usage[e.id] : undefined;
  return {
    id: e.id,
    ...otpJson(e),
    tags: [...e.tags],
    icon: shownIcon === null ? null : { source: shownIcon.source, id: shownIcon.id },
    favourite: e.favourite,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    usage: used === undefined ? null : { count: used.count, lastUsed: used.lastUsed },
  };
}

/** The entry's fields in a stable order; `duplicate` goes before `batch` when given. */
export function importedEntryJson(
  e: OtpFields & Pick<ImportedEntry, 'batch' | 'tags'>,
  options: { showSecret: boolean; duplicate?: boolean },
): ImportedEntryJson {
  return {
    ...otpJson(e),
    tags: [...(e.tags ?? [])],
    ...(options.showSecret ? { secret: base32Encode(e.secret) } : {}),
    ...(options.duplicate === undefined ? {} : { duplicate: options.duplicate }),
    ...(e.batch ? { batch: { id: e.batch.id, index: e.batch.index, size: e.batch.size } } : {}),
  };
}
