// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera code QUERY [--json] [--at UNIX_MS]`: the current codes of the matching entries. */
import type { OtpType } from '../../ipc/contract';
import { codeSnapshot } from '../../otp';
import type { UnlockedVault } from '../../vault';
import type { VaultEntry } from '../../vault/entry';
import { flag, integerOption, type Command } from '../command';
import { withVault } from '../context';
import { CliError, EXIT } from '../errors';
import { entryLabel, formatTable, printable, toJsonLine } from '../io';
import { findEntries } from '../query';

/** One code in `code --json`; a stable shape (docs/cli.md). */
export interface CodeLine {
  readonly issuer: string;
  readonly account: string;
  /** A string: leading zeros are part of the code. */
  readonly code: string;
  /** Whole seconds until the code changes (rounded up); null for HOTP. */
  readonly secondsLeft: number | null;
  readonly id: string;
  readonly type: OtpType;
}

export const codeCommand: Command = {
  name: 'code',
  summary: 'Show the current code of the matching accounts.',
  usage: ['code QUERY [--json] [--at UNIX_MS]'],
  details:
    'QUERY is an id (8+ hex digits, as list shows), or an issuer, account or "issuer:account", matched\n' +
    'without case: exact matches first, else every entry containing QUERY.\n' +
    'HOTP entries: each code shown uses up one counter value, saved before the code is printed.\n' +
    '--at computes the codes for that instant (Unix time in milliseconds) instead of now.',
  options: {
    json: { type: 'boolean', help: 'print {"codes": [...]} (see docs/cli.md)' },
    at: { type: 'string', value: 'UNIX_MS', help: 'compute the codes at this time instead of now' },
  },
  positionals: { min: 1, max: 1, name: 'QUERY' },
  async run(ctx, args) {
    const query = args.positionals[0] ?? '';
    const now = integerOption(args, 'at') ?? ctx.io.now();
    const lines = await withVault(ctx, async (vault) => {
      const matches = findEntries(vault.entries(), query);
      if (matches.length === 0) throw new CliError(EXIT.notFound, `No account matches '${printable(query)}'.`);
      const out: CodeLine[] = [];
      for (const entry of matches) out.push(await codeLine(vault, entry, now));
      return out;
    });
    if (flag(args, 'json')) {
      ctx.io.stdout.write(toJsonLine({ codes: lines }));
      return;
    }
    const rows = lines.map((l) => [l.code, entryLabel(l), l.secondsLeft === null ? 'hotp' : `${l.secondsLeft}s`]);
    ctx.io.stdout.write(formatTable(rows));
  },
};

/** Computes one code; for HOTP the next counter value is saved before the code is returned. */
async function codeLine(vault: UnlockedVault, entry: VaultEntry, now: number): Promise<CodeLine> {
  const line = (code: string, secondsLeft: number | null): CodeLine => ({
    issuer: entry.issuer,
    account: entry.account,
    code,
    secondsLeft,
    id: entry.id,
    type: entry.type,
  });
  if (entry.type === 'hotp') {
    const used = entry.counter ?? 0;
    const { code } = codeSnapshot({ ...entry, counter: used }, now);
    await vault.setCounter(entry.id, used + 1);
    return line(code, null);
  }
  const snapshot = codeSnapshot(entry, now);
  return line(snapshot.code, snapshot.validUntil === null ? null : Math.ceil((snapshot.validUntil - now) / 1000));
}
