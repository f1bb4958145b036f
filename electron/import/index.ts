// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Importing accounts from other authenticators: the public surface for the desktop services and
 * the CLI. A file becomes an {@link ImportResult} (entries to review, entries that cannot be
 * imported with the reason); nothing is saved here. The caller flags duplicates with
 * {@link findDuplicates}, lets the user choose, and adds the chosen entries in one all-or-nothing
 * `UnlockedVault.add` via {@link toNewVaultEntry}.
 *
 * @see docs/formats.md for every format.
 */
import type { EntryId } from '../domain';
import type { IconImageInput, NewVaultEntry, OtpParameters, VaultEntry } from '../vault/entry';
import { WorkBudget } from './budget';
import { IMPORT_LIMITS } from './budget-limits';
import { screenStructure } from './screen';
import { detectFormat, importFormat, supportedAppNames } from './registry';
import { ImportError, type ImportedEntry, type ImportFormatId, type ImportResult } from './types';

export * from './types';
export {
  detectCandidates,
  detectFormat,
  IMPORT_FORMATS,
  importFormat,
  MIN_CONFIDENCE,
  supportedAppNames,
  type Detection,
} from './registry';
export { BudgetExceededError, WorkBudget, type ExceededLimit, type WorkBudgetOptions } from './budget';
export { IMPORT_LIMITS, KDF_CEILINGS, type KdfCeiling, type Limit, type LimitName } from './budget-limits';
export { screenStructure } from './screen';

/** Largest file accepted (checked before anything is read): the budget's `file-bytes` limit. */
export const MAX_IMPORT_BYTES = IMPORT_LIMITS['file-bytes'].value;

export interface ImportOptions {
  /** The file's name: a hint for detection only. */
  readonly fileName?: string | undefined;
  /** Read the file as this format instead of detecting it. */
  readonly format?: ImportFormatId | undefined;
  /** The file's own password (not the vault's), for encrypted exports. */
  readonly password?: string | undefined;
  /**
   * The work this import may cost (budget-limits.ts). Default: a fresh budget with the default
   * limits. Pass one to lower limits (tests) or to read what was spent (benchmarks); use a budget
   * for one import only.
   */
  readonly budget?: WorkBudget | undefined;
}

/**
 * Reads a foreign export file into entries to review. Checks the size first, then the structure a
 * parser would build (JSON nesting and values, XML elements; screen.ts), then detects the format
 * from the content (unless `format` is given), then parses, charging the budget as it goes.
 * @throws ImportError `too-large` (a BudgetExceededError naming the limit), `unknown-format`,
 *   `password-required`, `wrong-password`, `corrupt` or `unsupported`, with a message for the user.
 */
export async function importFile(bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportResult> {
  const budget = options.budget ?? new WorkBudget();
  budget.atMost('file-bytes', bytes.length);
  if (bytes.length === 0) throw new ImportError('corrupt', 'The file is empty.');
  screenStructure(bytes, budget);
  const id = options.format ?? detectFormat(bytes, options.fileName)?.format;
  if (id === undefined) {
    throw new ImportError(
      'unknown-format',
      `Tessera does not recognise this file as an export of an app it supports. If you know which app made it, choose that app’s format. Supported apps: ${supportedAppNames().join(', ')}.`,
    );
  }
  return importFormat(id).parse(bytes, options.password, budget);
}

/** Why an imported entry is a duplicate: it matches an entry of the vault, or an earlier entry of the same import. */
export type Duplicate =
  { readonly of: 'vault'; readonly id: EntryId } | { readonly of: 'import'; readonly index: number };

type Comparable = Pick<ImportedEntry, 'type' | 'algorithm' | 'digits' | 'period' | 'secret'>;

/** Everything that determines the codes except the HOTP counter (which moves on with use). */
function codeKey(e: Comparable): string {
  const period = e.type === 'hotp' ? '' : String(e.period);
  return `${e.type}|${e.algorithm}|${e.digits}|${period}|${Buffer.from(e.secret).toString('base64')}`;
}

/**
 * Flags duplicates, one result per imported entry (null: not a duplicate).
 *
 * Rule: an imported entry is a duplicate when it would produce the same codes as an entry already
 * in the vault — same type, same secret bytes, same algorithm, digits and (TOTP, Steam) period —
 * whatever its names, since the user may have renamed the entry since. The HOTP counter is not
 * compared (it moves on with use). An entry that repeats an earlier entry of the same import is
 * also flagged, so a file listing one account twice adds it once. Linear time (one map lookup per entry).
 */
export function findDuplicates(
  imported: readonly ImportedEntry[],
  existing: readonly VaultEntry[],
): (Duplicate | null)[] {
  const known = new Map<string, Duplicate>();
  for (const e of existing) {
    const key = codeKey(e);
    if (!known.has(key)) known.set(key, { of: 'vault', id: e.id });
  }
  return imported.map((e, index) => {
    const key = codeKey(e);
    const found = known.get(key);
    if (found !== undefined) return found;
    known.set(key, { of: 'import', index });
    return null;
  });
}

/** An account from any source (an import, a backup, a vault): OTP parameters plus its names. */
export type EntryLike = OtpParameters & {
  readonly issuer: string;
  readonly account: string;
  readonly tags?: readonly string[] | undefined;
  readonly notes?: string | undefined;
  readonly favourite?: boolean | undefined;
  readonly iconImage?: IconImageInput | undefined;
};

/**
 * The vault's input shape for an imported (or restored) entry, with a copy of the secret: the
 * caller wipes both after `add`.
 */
export function toNewVaultEntry(e: EntryLike): NewVaultEntry {
  return {
    type: e.type,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
    secret: Uint8Array.from(e.secret),
    issuer: e.issuer,
    account: e.account,
    tags: [...(e.tags ?? [])],
    notes: e.notes ?? '',
    favourite: e.favourite ?? false,
    ...(e.iconImage !== undefined
      ? { iconImage: { mime: e.iconImage.mime, bytes: Uint8Array.from(e.iconImage.bytes) } }
      : {}),
  };
}
