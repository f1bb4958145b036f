// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera list [--json]`: the entries, never their secrets. */
import type { OtpAlgorithm, OtpType } from '../../domain';
import type { VaultEntry } from '../../vault/entry';
import { flag, type Command } from '../command';
import { withVault } from '../context';
import { formatTable, printable, toJsonLine } from '../io';
import { shortId } from '../query';

/** One entry in `list --json`; a stable shape (docs/cli.md). No secret, and no notes (they may hold recovery codes). */
export interface ListedEntry {
  readonly id: string;
  readonly type: OtpType;
  readonly issuer: string;
  readonly account: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number | null;
  readonly counter: number | null;
  readonly group: string | null;
  readonly favourite: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Copies the listed fields one by one, so a field added to entries never leaks into the output. */
export function toListedEntry(e: VaultEntry): ListedEntry {
  return {
    id: e.id,
    type: e.type,
    issuer: e.issuer,
    account: e.account,
    algorithm: e.algorithm,
    digits: e.digits,
    period: e.period,
    counter: e.counter,
    group: e.group,
    favourite: e.favourite,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export const listCommand: Command = {
  name: 'list',
  summary: 'List the accounts (never their secrets).',
  usage: ['list [--json]'],
  options: { json: { type: 'boolean', help: 'print {"entries": [...]} (see docs/cli.md)' } },
  positionals: { min: 0, max: 0, name: '' },
  async run(ctx, args) {
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
  },
};
