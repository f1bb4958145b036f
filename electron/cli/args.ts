// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Command-line parsing with `util.parseArgs`: global options anywhere on the line, then the
 * command's own options, strictly (an unknown option or a missing value is a usage error, exit 1).
 */
import { parseArgs } from 'node:util';
import type { Command, CommandArgs, OptionSpec } from './command';
import { COMMANDS, findCommand } from './commands';
import { UsageError } from './errors';

/** Options every command accepts. There is deliberately no option that takes a password. */
export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = Object.freeze({
  vault: { type: 'string', value: 'FILE', help: 'the vault file (default: $TESSERA_VAULT, else the desktop app’s)' },
  'password-file': { type: 'string', value: 'FILE', help: 'read the password from the first line of FILE' },
  'password-stdin': { type: 'boolean', help: 'read the password(s) from standard input, one per line' },
  help: { type: 'boolean', short: 'h', help: 'show help' },
});

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly command: Command | undefined }
  | { readonly kind: 'version' }
  | {
      readonly kind: 'run';
      readonly command: Command;
      readonly args: CommandArgs;
      readonly vault: string | undefined;
    };

type ParseOptions = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

function toParseOptions(specs: Readonly<Record<string, OptionSpec>>): ParseOptions {
  const out: ParseOptions = {};
  for (const [name, spec] of Object.entries(specs)) {
    out[name] = {
      type: spec.type,
      ...(spec.short === undefined ? {} : { short: spec.short }),
      ...(spec.multiple === true ? { multiple: true } : {}),
    };
  }
  return out;
}

/** Every option of every command, so a first, lenient pass can find the command name. */
function allOptions(): ParseOptions {
  const merged: Record<string, OptionSpec> = { ...GLOBAL_OPTIONS, version: { type: 'boolean', help: '' } };
  for (const command of COMMANDS) Object.assign(merged, command.options);
  return toParseOptions(merged);
}

/**
 * Splits `argv` (without `node` and the script) into a command and its arguments.
 * @throws UsageError for an unknown command or option, a missing value or a wrong number of arguments.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  const first = parseArgs({ args: [...argv], options: allOptions(), allowPositionals: true, strict: false });
  const name = first.positionals[0];
  if (name === undefined || name === 'help') {
    if (first.values.version === true && name === undefined) return { kind: 'version' };
    if (name === undefined && first.values.help !== true) throw new UsageError('Missing command.');
    const topic = name === 'help' ? first.positionals[1] : undefined;
    return { kind: 'help', command: topic === undefined ? undefined : knownCommand(topic) };
  }
  const command = knownCommand(name);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: toParseOptions({ ...GLOBAL_OPTIONS, ...command.options }),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (argv.some((a) => /^--password(=|$)/.test(a))) {
      throw new UsageError(
        'Passwords are never taken from the command line: use --password-file FILE or --password-stdin.',
      );
    }
    throw new UsageError(`${command.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed.values.help === true) return { kind: 'help', command };
  const positionals = parsed.positionals.slice(1);
  const { min, max, name: what } = command.positionals;
  if (positionals.length < min) throw new UsageError(`${command.name}: missing ${what}.`);
  if (positionals.length > max) {
    throw new UsageError(`${command.name}: unexpected argument '${positionals[max]?.slice(0, 40)}'.`);
  }
  if (parsed.values['password-file'] !== undefined && parsed.values['password-stdin'] === true) {
    throw new UsageError('Give either --password-file or --password-stdin, not both.');
  }
  const vault = parsed.values.vault;
  return {
    kind: 'run',
    command,
    // The global options too: the password sources read theirs from here (password.ts).
    args: { values: parsed.values as CommandArgs['values'], positionals },
    vault: typeof vault === 'string' ? vault : undefined,
  };
}

function knownCommand(name: string): Command {
  const command = findCommand(name);
  if (!command) {
    const shown = name.replace(/[^\x20-\x7e]/g, '?').slice(0, 40);
    throw new UsageError(`Unknown command '${shown}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`);
  }
  return command;
}
