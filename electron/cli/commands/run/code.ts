// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera code QUERY [--json] [--at UNIX_MS | --offset SECONDS]`: the current codes of the
 * matching entries. "Current" is this computer's clock plus the correction chosen in the desktop
 * app (read from its settings on this computer), or plus `--offset`; nothing is asked of the network.
 * Each code shown now (not `--at`) counts as one use on this computer (usage.json, never the vault),
 * as a copy in the app does, for `list --sort usage|recent` and the app's orders.
 */
import { codeSnapshot } from '../../../otp';
import { clockInWords, SETTINGS_LIMITS, type OtpType } from '../../../domain';
import { readAppSettings } from '../../app-settings';
import type { UnlockedVault } from '../../../vault';
import type { VaultEntry } from '../../../vault/entry';
import { flag, integerOption, stringOption, type CommandArgs } from '../../command';
import { type CommandContext, withVault } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { entryLabel, formatTable, printable, toJsonLine } from '../../io';
import { findEntries } from '../../query';
import { recordUses } from '../../usage';

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

/** Runs `tessera code` (the spec, options and help are in ../code.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const query = args.positionals[0] ?? '';
  const at = integerOption(args, 'at');
  if (at !== undefined && stringOption(args, 'offset') !== undefined) {
    throw new UsageError('Give either --at or --offset, not both: --at is an exact instant.');
  }
  const now = at ?? ctx.io.now() + correctionMs(ctx, args);
  const lines = await withVault(ctx, async (vault) => {
    const matches = findEntries(vault.entries(), query);
    if (matches.length === 0) throw new CliError(EXIT.notFound, `No account matches '${printable(query)}'.`);
    const out: CodeLine[] = [];
    for (const entry of matches) out.push(await codeLine(vault, entry, now));
    // A code for another instant is a look, not a use.
    if (at === undefined)
      await recordUses(
        ctx,
        vault,
        out.map((l) => l.id),
      );
    return out;
  });
  if (flag(args, 'json')) {
    ctx.io.stdout.write(toJsonLine({ codes: lines }));
    return;
  }
  const rows = lines.map((l) => [l.code, entryLabel(l), l.secondsLeft === null ? 'hotp' : `${l.secondsLeft}s`]);
  ctx.io.stdout.write(formatTable(rows));
}

/**
 * Milliseconds to add to this computer's clock: `--offset`, else the correction the desktop app
 * keeps in this computer's settings (said on stderr, so a surprising code has its reason), else 0.
 */
function correctionMs(ctx: CommandContext, args: CommandArgs): number {
  const given = stringOption(args, 'offset');
  if (given !== undefined) {
    const ms = /^[+-]?\d{1,13}(\.\d{1,3})?$/.test(given) ? Math.round(Number(given) * 1000) : NaN;
    if (!(Math.abs(ms) <= SETTINGS_LIMITS.clockCorrectionMsMax)) {
      throw new UsageError(`Invalid '--offset': expected seconds such as 42 or -1.5, got '${given.slice(0, 30)}'.`);
    }
    return ms;
  }
  const correction = readAppSettings(ctx.io).clockCorrection;
  if (correction === null) return 0;
  ctx.io.stderr.write(
    `Using the corrected time chosen in Tessera: this computer’s clock was ${clockInWords(correction.offsetMs)} ` +
      `when last checked. Pass --offset=0 to use the computer’s clock.\n`,
  );
  return correction.offsetMs;
}

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
