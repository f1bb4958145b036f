// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera clock [--server HOST[:PORT]] [--json]`: measures this computer's clock against a time
 * server (one SNTP query) and prints the difference. Needs no vault. The server is `--server`, else
 * the desktop app's setting; with the app's check turned off, only an explicit `--server` queries.
 */
import { clockInWords, type ClockMeasurement } from '../../../domain';
import { TimeCheckError } from '../../../time/sntp-client';
import { CLOCK_WARNING_MS, createSntpTimeCheck } from '../../../time/time-check';
import { readAppSettings } from '../../app-settings';
import { flag, stringOption, type CommandArgs } from '../../command';
import type { CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { printable, toJsonLine } from '../../io';

/** `clock --json`; a stable shape (docs/cli.md). */
export interface ClockLine {
  readonly server: string;
  /** Server time − this computer's time, ms: positive when this computer's clock is behind. */
  readonly offsetMs: number;
  readonly roundTripMs: number;
}

/** Runs `tessera clock` (the spec, options and help are in ../clock.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const given = stringOption(args, 'server');
  const settings = readAppSettings(ctx.io);
  if (given === undefined && !settings.clockCheck) {
    throw new CliError(
      EXIT.usage,
      'Checking the clock is turned off in Tessera’s settings. Pass --server HOST to check anyway.',
    );
  }
  const check = ctx.io.timeCheck ?? createSntpTimeCheck({ now: ctx.io.now });
  let measured: ClockMeasurement;
  try {
    measured = await check.measure(given ?? settings.clockServer);
  } catch (error) {
    if (!(error instanceof TimeCheckError)) throw error;
    if (error.problem === 'bad-address') throw new UsageError(`Invalid '--server': ${error.message}`);
    throw new CliError(EXIT.io, error.message, { cause: error });
  }
  const line: ClockLine = {
    server: measured.server,
    offsetMs: measured.offsetMs,
    roundTripMs: measured.roundTripMs,
  };
  if (flag(args, 'json')) {
    ctx.io.stdout.write(toJsonLine(line));
    return;
  }
  ctx.io.stdout.write(`${describe(line)}\n`);
}

/** The answer in words, then the exact figures, then what to do when codes may be refused. */
function describe(line: ClockLine): string {
  const server = printable(line.server);
  const words = clockInWords(line.offsetMs);
  const figures = `(difference ${line.offsetMs > 0 ? '+' : ''}${line.offsetMs} ms, round trip ${line.roundTripMs} ms)`;
  const verdict =
    words === 'right'
      ? `This computer’s clock agrees with ${server} ${figures}.`
      : `This computer’s clock is ${words}${words.endsWith('ahead') ? ' of' : ''} ${server} ${figures}.`;
  if (Math.abs(line.offsetMs) <= CLOCK_WARNING_MS) return verdict;
  const seconds = Math.round(line.offsetMs / 1000);
  return (
    `${verdict}\nCodes may be refused. Set the computer’s clock right, or use the corrected time: ` +
    `“Use the corrected time” in the desktop app, or 'tessera code QUERY --offset=${seconds}'.`
  );
}
