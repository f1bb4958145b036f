// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera list [--sort ORDER] [--json]`: the entries in the app's order, never their secrets. */
import { CODES_SORTS, isCodesSort, sortEntries, type CodesSort } from '../../../domain';
import { flag, stringOption, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { toListedEntry } from '../../entry-json';
import { UsageError } from '../../errors';
import { formatTable, printable, toJsonLine } from '../../io';
import { shortId } from '../../query';
import { readUsage } from '../../usage';

/** Runs `tessera list` (the spec, options and help are in ../list.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const sort = sortOption(args);
  const entries = await withVault(ctx, async (vault) => {
    const usage = await readUsage(ctx, vault);
    return sortEntries(vault.entries(), sort, usage).map((e) => toListedEntry(e, usage));
  });
  if (flag(args, 'json')) {
    ctx.io.stdout.write(toJsonLine({ entries }));
    return;
  }
  if (entries.length === 0) {
    ctx.io.stderr.write("The vault is empty. Add an account with 'tessera add'.\n");
    return;
  }
  const rows = entries.map((e) => [
    shortId(e.id),
    e.type,
    printable(e.issuer) || '-',
    printable(e.account) || '-',
    e.group === null ? '' : printable(e.group),
  ]);
  ctx.io.stdout.write(formatTable([['ID', 'TYPE', 'ISSUER', 'ACCOUNT', 'GROUP'], ...rows]));
}

/** `--sort`, checked before any password is asked; default `manual`. */
function sortOption(args: CommandArgs): CodesSort {
  const value = stringOption(args, 'sort')?.trim().toLowerCase();
  if (value === undefined) return 'manual';
  if (!isCodesSort(value)) {
    throw new UsageError(`Unknown --sort '${value.slice(0, 30)}'. Orders: ${CODES_SORTS.join(', ')}.`);
  }
  return value;
}
