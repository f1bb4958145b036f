// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera import FILE`: reads another authenticator's export (electron/import), flags duplicates
 * of what the vault holds, and adds the rest in one all-or-nothing save. `--dry-run` only reviews.
 * Zero entries to add is never reported as success (exit 4).
 *
 * The file is read before any password is asked: a file that is not an export, is damaged or goes
 * over a limit of the import's work budget is refused at once. An encrypted one is read up to the
 * point where its password is needed (its header and key-derivation cost are checked), then again
 * with the password.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  BudgetExceededError,
  findDuplicates,
  IMPORT_FORMATS,
  ImportError,
  importFile,
  importFormat,
  isImportFormatId,
  supportedAppNames,
  toNewVaultEntry,
  WorkBudget,
  type Duplicate,
  type ImportedEntry,
  type ImportFormatId,
  type ImportResult,
  type SkippedEntry,
} from '../../../import';
import { unlockVault } from '../../../vault';
import { checkShowSecrets, flag, stringOption, type CommandArgs } from '../../command';
import { absorbForCommand } from '../../conflict-copies';
import { requireVaultFile, vaultOptions, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError, type ExitCode } from '../../errors';
import { importedEntryJson } from '../../entry-json';
import { formatTable, printable, toJsonLine, type CliOutput } from '../../io';

/** Runs `tessera import` (the spec, options and help are in ../import.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const file = path.resolve(ctx.io.cwd, args.positionals[0] ?? '');
  const format = formatOption(args);
  checkShowSecrets(args);
  try {
    const bytes = await readImportFile(file);
    const fileName = path.basename(file);
    const plain = await readWithout(bytes, format, fileName);
    try {
      await requireVaultFile(ctx);
      const vaultPassword = await ctx.passwords.read('vault');
      const result =
        plain ??
        (await importFile(bytes, { format, password: await ctx.passwords.read('import-file'), fileName }).catch(
          (e: unknown) => {
            throw importFailure(e);
          },
        ));
      try {
        await review(ctx, args, result, vaultPassword, fileName);
      } finally {
        for (const e of result.entries) e.secret.fill(0);
      }
    } finally {
      for (const e of plain?.entries ?? []) e.secret.fill(0); // also when the vault or a password is missing
    }
  } catch (error) {
    if (flag(args, 'json')) writeLimitJson(ctx, error);
    throw error;
  }
}

/**
 * The file read without its password: its accounts, or null when it is encrypted (its password is
 * needed). Every other failure — not an export, damaged, a limit of the work budget — is thrown
 * here, before any password is asked.
 */
async function readWithout(
  bytes: Uint8Array,
  format: ImportFormatId | undefined,
  fileName: string,
): Promise<ImportResult | null> {
  try {
    return await importFile(bytes, { format, fileName });
  } catch (error) {
    if (error instanceof ImportError && error.kind === 'password-required') return null;
    if (error instanceof ImportError && error.kind === 'unknown-format') {
      throw importFailure(new ImportError('unknown-format', unknownFormatMessage()));
    }
    throw importFailure(error);
  }
}

/**
 * With `--json`, a file refused by a limit of the work budget is also described on standard output
 * (`{"error": {...}}`, docs/cli.md), so a script can read which limit and its value.
 */
function writeLimitJson(ctx: CommandContext, error: unknown): void {
  const refusal = error instanceof CliError ? error.cause : error;
  if (!(refusal instanceof BudgetExceededError)) return;
  ctx.io.stdout.write(
    toJsonLine({
      error: {
        kind: refusal.kind,
        limit: { name: refusal.limit.name, value: refusal.limit.value },
        message: refusal.message,
        details: refusal.details,
      },
    }),
  );
}

function formatOption(args: CommandArgs): ImportFormatId | undefined {
  const value = stringOption(args, 'format')?.trim().toLowerCase();
  if (value === undefined) return undefined;
  if (!isImportFormatId(value)) {
    throw new UsageError(
      `Unknown --format '${value.slice(0, 30)}'. Formats: ${IMPORT_FORMATS.map((f) => f.id).join(', ')}.`,
    );
  }
  return value;
}

function unknownFormatMessage(): string {
  return (
    `Tessera does not recognise this file as an export of an app it supports (${supportedAppNames().join(', ')}). ` +
    'If you know the app, give --format NAME (tessera import --help lists the names).'
  );
}

async function readImportFile(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(EXIT.usage, `${file} is not a file.`);
    try {
      new WorkBudget().atMost('file-bytes', info.size); // before a byte is read
    } catch (error) {
      throw importFailure(error);
    }
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') throw new CliError(EXIT.notFound, `No file at ${file}.`, { cause });
    throw new CliError(EXIT.io, `Cannot read ${file} (${code}).`, { cause });
  }
}

const EXIT_FOR: Readonly<Record<ImportError['kind'], ExitCode>> = {
  'unknown-format': EXIT.corruptOrUnsupported,
  corrupt: EXIT.corruptOrUnsupported,
  unsupported: EXIT.corruptOrUnsupported,
  'wrong-password': EXIT.wrongPasswordOrTampered,
  'password-required': EXIT.usage,
  'too-large': EXIT.usage,
};

function importFailure(error: unknown): unknown {
  if (!(error instanceof ImportError)) return error;
  const hint = error.kind === 'password-required' ? ' Give it with --file-password-file FILE.' : '';
  const details = error.details ? `\nDetails: ${error.details}` : '';
  return new CliError(EXIT_FOR[error.kind], `${error.message}${hint}${details}`, { cause: error });
}

/** Unlocks the vault, flags duplicates, then prints (dry run) or adds the new entries. */
async function review(
  ctx: CommandContext,
  args: CommandArgs,
  result: ImportResult,
  vaultPassword: string,
  fileName: string,
): Promise<void> {
  const vault = await unlockVault(vaultOptions(ctx), vaultPassword);
  let added = 0;
  let duplicates: (Duplicate | null)[];
  try {
    // A dry run changes nothing, conflict copies included.
    if (!flag(args, 'dry-run')) await absorbForCommand(ctx, vault, vaultPassword);
    duplicates = findDuplicates(result.entries, vault.entries());
    const fresh = result.entries.filter((_, i) => !duplicates[i]);
    if (!flag(args, 'dry-run') && fresh.length > 0) {
      const input = fresh.map(toNewVaultEntry);
      try {
        await vault.add(input);
      } finally {
        for (const e of input) e.secret.fill(0);
      }
      added = fresh.length;
    }
  } finally {
    vault.lock();
  }
  const dryRun = flag(args, 'dry-run');
  // A failed command writes nothing to stdout: the review goes to stderr with the reason.
  const failure =
    result.entries.length === 0
      ? `No account could be imported from ${printable(fileName)}${result.skipped.length > 0 ? ' (see above)' : ''}.`
      : !dryRun && added === 0
        ? 'Nothing was imported: every account in the file is already in the vault.'
        : null;
  const skipped = notAdded(result, duplicates);
  if (failure !== null) {
    printReport(ctx.io.stderr, result, duplicates, skipped, 'failed', fileName, 0);
    throw new CliError(EXIT.notFound, failure);
  }
  if (flag(args, 'json')) {
    const entries = result.entries.map((e, i) =>
      importedEntryJson(e, { showSecret: flag(args, 'show-secrets'), duplicate: (duplicates[i] ?? null) !== null }),
    );
    ctx.io.stdout.write(
      toJsonLine({
        format: result.format,
        formatName: importFormat(result.format).name,
        variant: result.variant,
        ...(dryRun ? {} : { added }),
        entries,
        skipped,
        notices: noticesJson(result),
      }),
    );
  } else {
    printReport(ctx.io.stdout, result, duplicates, skipped, dryRun ? 'dry-run' : 'imported', fileName, added);
  }
}

/**
 * Why an account of the file was not added, in `skipped[].kind`: `duplicate` (it gives the same
 * codes as an account in the vault, or as an earlier one of the file), `unsupported` (a kind of
 * account Tessera does not support), `malformed` (its data is damaged or out of range), `other`
 * (the importer gave only the reason, e.g. a line of a link list that is no link).
 */
type SkipKind = 'duplicate' | NonNullable<SkippedEntry['kind']> | 'other';

/** One account not added, as `--json` prints it (docs/cli.md): fields copied one by one. */
interface SkippedJson {
  /** Its position in the file, when the format has an order (from the importer). */
  readonly index?: number;
  /** A duplicate's position in `entries`. */
  readonly entry?: number;
  readonly label: string;
  readonly kind: SkipKind;
  readonly reason: string;
  readonly details?: string;
}

/** The reason of a duplicate of an account in the vault: a script may match it. */
const IN_VAULT = 'already in the vault';
const LISTED_TWICE = 'listed twice in the file';

/** Every account of the file that is not added: the duplicates (in `entries` order), then those the importer skipped. */
function notAdded(result: ImportResult, duplicates: readonly (Duplicate | null)[]): SkippedJson[] {
  const repeated: SkippedJson[] = [];
  result.entries.forEach((e, i) => {
    const d = duplicates[i];
    if (!d) return;
    repeated.push({
      entry: i,
      label: entryLabel(e),
      kind: 'duplicate',
      reason: d.of === 'vault' ? IN_VAULT : LISTED_TWICE,
    });
  });
  const skipped = result.skipped.map((s): SkippedJson => ({
    ...(s.index === undefined ? {} : { index: s.index }),
    label: s.label,
    kind: s.kind ?? 'other',
    reason: s.reason,
    ...(s.details === undefined ? {} : { details: s.details }),
  }));
  return [...repeated, ...skipped];
}

/** An account imported with something left out (its icon), as `--json` prints it (docs/cli.md). */
interface NoticeJson {
  readonly index?: number;
  readonly label: string;
  readonly reason: string;
  readonly details?: string;
}

function noticesJson(result: ImportResult): NoticeJson[] {
  return (result.notices ?? []).map((n) => ({
    ...(n.index === undefined ? {} : { index: n.index }),
    label: n.label,
    reason: n.reason,
    ...(n.details === undefined ? {} : { details: n.details }),
  }));
}

/** "Issuer (account)", or whichever of the two there is. */
function entryLabel(e: Pick<ImportedEntry, 'issuer' | 'account'>): string {
  if (e.issuer !== '' && e.account !== '') return `${e.issuer} (${e.account})`;
  return e.issuer || e.account;
}

/** "Aegis, encrypted backup (Argon2id)": the app and the variant read. */
function formatText(result: ImportResult): string {
  return `${importFormat(result.format).name}, ${result.variant}`;
}

/**
 * The heading of the skipped list: "Skipped 30 that cannot be imported:", "Skipped 2 already in the
 * vault:", or for several kinds "Skipped 3 (2 already in the vault, 1 that cannot be imported):".
 */
function skippedHeading(skipped: readonly SkippedJson[]): string {
  const inVault = skipped.filter((s) => s.kind === 'duplicate' && s.reason === IN_VAULT).length;
  const twice = skipped.filter((s) => s.kind === 'duplicate' && s.reason === LISTED_TWICE).length;
  const cannot = skipped.filter((s) => s.kind !== 'duplicate').length;
  const parts = [
    inVault > 0 ? `${inVault} ${IN_VAULT}` : null,
    twice > 0 ? `${twice} ${LISTED_TWICE}` : null,
    cannot > 0 ? `${cannot} that cannot be imported` : null,
  ].filter((p): p is string => p !== null);
  return parts.length === 1 ? `Skipped ${parts.join('')}:` : `Skipped ${skipped.length} (${parts.join(', ')}):`;
}

/** Skipped accounts listed one by one; the rest are counted in one line (a damaged file may skip thousands). */
const SKIPPED_SHOWN = 20;

function printReport(
  out: CliOutput,
  result: ImportResult,
  duplicates: readonly (Duplicate | null)[],
  skipped: readonly SkippedJson[],
  mode: 'dry-run' | 'imported' | 'failed',
  fileName: string,
  added: number,
): void {
  const where = `${printable(fileName)} (${printable(formatText(result))})`;
  if (result.entries.length > 0) {
    out.write(`${result.entries.length} account(s) in ${where}:\n`);
    const rows = result.entries.map((e, i) => [
      e.type,
      printable(e.issuer) || '-',
      printable(e.account) || '-',
      duplicates[i]?.of === 'vault' ? IN_VAULT : duplicates[i] ? LISTED_TWICE : mode === 'imported' ? 'added' : 'new',
    ]);
    out.write(formatTable([['TYPE', 'ISSUER', 'ACCOUNT', 'STATUS'], ...rows]));
  } else {
    out.write(`0 account(s) in ${where}.\n`);
  }
  if (skipped.length > 0) {
    out.write(`${skippedHeading(skipped)}\n`);
    for (const s of skipped.slice(0, SKIPPED_SHOWN)) {
      out.write(`  ${printable(s.label) || '-'}: ${printable(s.reason)}\n`);
      if (s.details) out.write(`    Details: ${printable(s.details)}\n`);
    }
    const more = skipped.length - SKIPPED_SHOWN;
    if (more > 0) out.write(`  …and ${more.toLocaleString('en-US')} more skipped.\n`);
  }
  const notices = mode === 'failed' ? [] : noticesJson(result);
  if (notices.length > 0) {
    out.write(`Imported without a part (${notices.length}):\n`);
    for (const n of notices.slice(0, SKIPPED_SHOWN)) {
      out.write(`  ${printable(n.label) || '-'}: ${printable(n.reason)}\n`);
      if (n.details) out.write(`    Details: ${printable(n.details)}\n`);
    }
    const more = notices.length - SKIPPED_SHOWN;
    if (more > 0) out.write(`  …and ${more.toLocaleString('en-US')} more.\n`);
  }
  if (mode === 'dry-run') out.write('Dry run: nothing was changed.\n');
  else if (mode === 'imported') out.write(`Imported ${added} new account(s).\n`);
}
