// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera add URI` or `tessera add --secret B32 ...`: adds one entry. An exact duplicate — an
 * account with the same name that gives the same codes (the rule `import` and `scan --add` skip
 * duplicates with) — is not added again unless `--allow-duplicate` says so: the command says so and
 * fails. The same codes under another name are added (it may be on purpose), with a warning.
 */
import { findDuplicates } from '../../../import';
import type { NewEntryInput, OtpAlgorithm, OtpType } from '../../../domain';
import { parseOtpauthUri, validateEntryInput, validateTags, type ValidationWarning } from '../../../otp';
import type { NewVaultEntry, VaultEntry } from '../../../vault';
import { flag, integerOption, stringOption, stringsOption, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { otpFields } from '../../entry-json';
import { CliError, EXIT, UsageError } from '../../errors';
import { entryLabel } from '../../io';

const ENTRY_FLAGS = ['issuer', 'account', 'secret', 'type', 'algorithm', 'digits', 'period', 'counter'] as const;

/** Runs `tessera add` (the spec, options and help are in ../add.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const { entry, warnings } = entryFromArgs(args);
  for (const w of warnings) ctx.io.stderr.write(`Warning: ${w.message}\n`);
  try {
    await withVault(ctx, async (vault) => {
      const existing = duplicateOf(entry, vault.entries());
      const exact = existing !== null && existing.issuer === entry.issuer && existing.account === entry.account;
      if (exact && !flag(args, 'allow-duplicate')) {
        throw new CliError(
          EXIT.notFound,
          `Nothing was added: ${entryLabel(entry) || 'this account'} is already in the vault, with the same codes. ` +
            'To add a second copy anyway, use --allow-duplicate.',
        );
      }
      if (existing !== null && !exact) {
        const other = entryLabel(existing) || 'an unnamed account';
        ctx.io.stderr.write(`Warning: ${other}, already in the vault, gives the same codes as this account.\n`);
      }
      await vault.add([entry]);
    });
  } finally {
    entry.secret.fill(0);
  }
  const p = entry;
  const shape = p.type === 'hotp' ? `counter ${p.counter}` : `${p.period} s`;
  const kind =
    p.type === 'steam' ? 'Steam Guard' : `${p.type.toUpperCase()} ${p.algorithm}, ${p.digits} digits, ${shape}`;
  ctx.io.stdout.write(`Added ${entryLabel(entry)} (${kind}).\n`);
}

/** The vault's entry that gives the same codes as `entry` (findDuplicates' rule), or null. */
function duplicateOf(entry: NewVaultEntry, existing: readonly VaultEntry[]): VaultEntry | null {
  const found = findDuplicates([otpFields(entry)], existing)[0];
  return found?.of === 'vault' ? (existing.find((e) => e.id === found.id) ?? null) : null;
}

/** Checks the whole entry before any password is asked, so a typo costs no unlock. */
function entryFromArgs(args: CommandArgs): { entry: NewVaultEntry; warnings: readonly ValidationWarning[] } {
  const uri = args.positionals[0];
  const given = ENTRY_FLAGS.filter((name) => args.values[name] !== undefined);
  const tagged = stringsOption(args, 'tag');
  if (uri !== undefined) {
    if (given.length > 0) throw new UsageError(`Give either a URI or --${given[0]} and the other parts, not both.`);
    const tags = validateTags(tagged);
    if (!tags.ok) throw new UsageError(`${tags.message}\nDetails: ${tags.details.replace("'tags'", "'--tag'")}`);
    const parsed = parseOtpauthUri(uri);
    return {
      entry: { ...parsed.params, issuer: parsed.issuer, account: parsed.account, tags: tags.value },
      warnings: [],
    };
  }
  const secret = stringOption(args, 'secret');
  if (secret === undefined) throw new UsageError("'add' needs an otpauth:// URI or --secret.");
  const digits = integerOption(args, 'digits');
  const period = integerOption(args, 'period');
  const counter = integerOption(args, 'counter');
  const algorithm = stringOption(args, 'algorithm');
  const input: NewEntryInput = {
    type: (stringOption(args, 'type') ?? 'totp').toLowerCase() as OtpType,
    issuer: stringOption(args, 'issuer') ?? '',
    account: stringOption(args, 'account') ?? '',
    secret,
    ...(algorithm !== undefined ? { algorithm: algorithm.toUpperCase().replace('-', '') as OtpAlgorithm } : {}),
    ...(digits !== undefined ? { digits } : {}),
    ...(period !== undefined ? { period } : {}),
    ...(counter !== undefined ? { counter } : {}),
    ...(tagged.length > 0 ? { tags: tagged } : {}),
  };
  const checked = validateEntryInput(input);
  if (!checked.ok) {
    // Every problem in plain words, each with its technical detail naming the flag.
    const lines = checked.problems.map(
      (p) =>
        `${p.message}\nDetails: ${p.details.replace(`'${p.field}'`, `'--${p.field === 'tags' ? 'tag' : p.field}'`)}`,
    );
    throw new UsageError(lines.join('\n'));
  }
  const { params, issuer, account, tags } = checked.value;
  return { entry: { ...params, issuer, account, tags }, warnings: checked.warnings };
}
