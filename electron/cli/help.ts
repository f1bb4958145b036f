// SPDX-License-Identifier: GPL-3.0-or-later
/** Help text, generated from the command table so it cannot drift from what is parsed. */
import { GLOBAL_OPTIONS } from './args';
import type { Command, OptionSpec } from './command';
import { COMMANDS } from './commands';
import { EXIT } from './errors';

function optionLines(specs: Readonly<Record<string, OptionSpec>>): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '';
    const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
    const again = spec.multiple === true ? ' (may be repeated)' : '';
    return [`  ${short}--${name}${value}`, `${spec.help}${again}`];
  });
  const width = Math.max(0, ...rows.map(([left]) => left?.length ?? 0));
  return rows.map(([left = '', help = '']) => `${left.padEnd(width)}  ${help}`);
}

/** `tessera --help`: commands, global options, password input and exit codes. */
export function generalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: tessera COMMAND [options]',
    '',
    'Tessera keeps TOTP/HOTP/Steam secrets in an encrypted vault shared with the desktop app.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    'The password is asked on the terminal without echo, or read with --password-file or',
    '--password-stdin; never from the command line.',
    '',
    `Exit codes: ${EXIT.ok} ok, ${EXIT.usage} usage or invalid input, ${EXIT.wrongPasswordOrTampered} wrong password or tampered file,`,
    `${EXIT.corruptOrUnsupported} corrupt or unsupported file, ${EXIT.notFound} no vault or no matching account, ${EXIT.io} I/O error, vault busy`,
    `or no answer from the time server,`,
    `${EXIT.cancelled} cancelled.`,
    '',
    "Run 'tessera help COMMAND' for a command's options.",
    '',
  ].join('\n');
}

/** `tessera COMMAND --help`. */
export function commandHelp(command: Command): string {
  const options = optionLines(command.options);
  return [
    ...command.usage.map((u, i) => `${i === 0 ? 'Usage:' : '      '} tessera ${u}`),
    '',
    command.summary,
    ...(command.details ? ['', command.details] : []),
    ...(options.length > 0 ? ['', 'Options:', ...options] : []),
    '',
    'Options for every command:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
  ].join('\n');
}
