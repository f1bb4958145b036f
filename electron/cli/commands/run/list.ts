// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera list [--json]`: the entries, never their secrets. */
import { flag, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { toListedEntry } from '../../entry-json';
import { formatTable, printable, toJsonLine } from '../../io';
import { shortId } from '../../query';

/** Runs `tessera list` (the spec, options and help are in ../list.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const entries = await withVault(ctx, async (vault) => vault.entries().map(toListedEntry));
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
