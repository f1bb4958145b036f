// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera remove QUERY`: removes exactly one entry (asks first on a terminal unless --yes). */
import { flag, type Command } from '../command';
import { withVault } from '../context';
import { CliError, EXIT, UsageError } from '../errors';
import { entryLabel, printable } from '../io';
import { promptLine } from '../input';
import { findEntries, shortId } from '../query';

export const removeCommand: Command = {
  name: 'remove',
  summary: 'Remove one account.',
  usage: ['remove QUERY [--yes]'],
  details:
    'QUERY must select exactly one account (see "tessera code --help"); use the id from "tessera list"\n' +
    'when several match. Keep a copy of the secret elsewhere if you may need the account again: only\n' +
    "the vault's previous generation (kept beside it until the next save) still holds it.",
  options: { yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation on a terminal' } },
  positionals: { min: 1, max: 1, name: 'QUERY' },
  async run(ctx, args) {
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
  },
};
