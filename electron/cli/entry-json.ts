// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one JSON shape of an account found in a file or a QR code, shared by `import --json` and
 * `scan --json` (docs/cli.md). The base32 secret appears only when the user asked for it.
 */
import type { ImportedEntry } from '../import';
import { base32Encode } from '../otp';

export interface ImportedEntryJson {
  readonly type: string;
  readonly issuer: string;
  readonly account: string;
  readonly algorithm: string;
  readonly digits: number;
  /** Null for HOTP. */
  readonly period: number | null;
  /** The next HOTP counter value; null for TOTP and Steam. */
  readonly counter: number | null;
  readonly secret?: string;
  /** Only from `import`, which compares with the vault. */
  readonly duplicate?: boolean;
  readonly batch?: { readonly id: number; readonly index: number; readonly size: number };
}

/** The entry's fields in a stable order; `duplicate` goes before `batch` when given. */
export function importedEntryJson(
  e: ImportedEntry,
  options: { showSecret: boolean; duplicate?: boolean },
): ImportedEntryJson {
  return {
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
    ...(options.showSecret ? { secret: base32Encode(e.secret) } : {}),
    ...(options.duplicate === undefined ? {} : { duplicate: options.duplicate }),
    ...(e.batch ? { batch: { id: e.batch.id, index: e.batch.index, size: e.batch.size } } : {}),
  };
}
