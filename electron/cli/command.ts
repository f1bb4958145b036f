// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The shape of a CLI command: its options (for `util.parseArgs`), how many positionals it takes,
 * its help text, and `run`. The table of commands in commands/index.ts is the only list of them.
 * A command's spec (commands/<name>.ts) stays cheap to load; its body (commands/run/<name>.ts) is
 * loaded by `lazyRun` only when it runs, so `--version` and `--help` load no vault, OTP or importer.
 */
import type { CommandContext } from './context';
import { UsageError } from './errors';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Value name in help, e.g. 'FILE'; booleans have none. */
  readonly value?: string;
  /** A string option that may be given several times (`--tag A --tag B`): its value is a list. */
  readonly multiple?: boolean;
  readonly help: string;
}

export interface CommandArgs {
  readonly values: Readonly<Record<string, string | boolean | readonly string[] | undefined>>;
  readonly positionals: readonly string[];
}

export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Usage lines after `tessera `, e.g. `code QUERY [--json] [--at UNIX_MS]`. */
  readonly usage: readonly string[];
  /** Extra paragraphs for `tessera COMMAND --help`. */
  readonly details?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly positionals: { readonly min: number; readonly max: number; readonly name: string };
  run(ctx: CommandContext, args: CommandArgs): Promise<void>;
}

/** What a command does, in commands/run/<name>.ts. */
export type CommandBody = Command['run'];

/**
 * `run` for a spec: loads the body with `load` (a dynamic `import()` of commands/run/<name>.ts)
 * when the command runs, never when the command line is parsed or help is printed.
 */
export function lazyRun(load: () => Promise<{ readonly run: CommandBody }>): CommandBody {
  return async (ctx, args) => (await load()).run(ctx, args);
}

/** `positionals` of a command that takes no arguments. */
export const NO_POSITIONALS: Command['positionals'] = Object.freeze({ min: 0, max: 0, name: '' });

/** `--show-secrets` of `import` and `restore`, whose `--json` lists a file's accounts. */
export const SHOW_SECRETS_OPTION: OptionSpec = Object.freeze({
  type: 'boolean',
  help: 'with --json: include each base32 secret (careful: it is printed)',
});

/** @throws UsageError when `--show-secrets` is given without `--json` (import, restore). */
export function checkShowSecrets(args: CommandArgs): void {
  if (flag(args, 'show-secrets') && !flag(args, 'json')) throw new UsageError('--show-secrets needs --json.');
}

/** A string option's value, if given. */
export function stringOption(args: CommandArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values (`--tag A --tag B`), in the order given; empty when absent. */
export function stringsOption(args: CommandArgs, name: string): string[] {
  const value = args.values[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? [...(value as readonly string[])] : [];
}

/** A boolean option: true when given. */
export function flag(args: CommandArgs, name: string): boolean {
  return args.values[name] === true;
}

/**
 * A whole-number option (`--digits 8`, `--at 1700000000000`): digits only, within safe integers.
 * @throws UsageError naming the option.
 */
export function integerOption(args: CommandArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,16}$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`Invalid '--${name}': expected a whole number, got '${value.slice(0, 30)}'.`);
  }
  return Number(value);
}
