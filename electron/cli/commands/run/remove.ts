// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera remove QUERY`: removes exactly one entry (asks first on a terminal unless --yes). */
import { flag, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { entryLabel, printable } from '../../io';
import { promptLine } from '../../input';
import { findEntries, shortId } from '../../query';

/** Runs `tessera remove` (the spec, options and help are in ../remove.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const query = args.positionals[0] ?? '';
  const removed = await withVault(ctx, async (vault) => {
    const matches = findEntries(vault.entries(), query);
    if (matches.length === 0) throw new CliError(EXIT.notFound, `No account matches '${printable(query)}'.`);
    const [entry, ...others] = matches;
    if (!entry || others.length > 0) {
      const list = matches.map((e) => `  ${shortId(e.id)}  ${entryLabel(e)}`).join('\n');
      throw new UsageError(`'${printable(query)}' matches ${matches.length} accounts; give one id:\n${list}`);
    }
    const label = entryLabel(entry);
    if (ctx.io.isTTY && !flag(args, 'yes')) {
      const answer = await promptLine(ctx.io, `Remove ${label}? You will lose its codes. [y/N] `);
      if (!/^\s*y(es)?\s*$/i.test(answer)) throw new CliError(EXIT.cancelled, 'Cancelled; nothing was removed.');
    }
    await vault.remove(entry.id);
    return label;
  });
  ctx.io.stdout.write(`Removed ${removed}.\n`);
}
