// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera`: the command-line front end over the same vault, OTP engine and vault file as the
 * desktop app. `main(argv, io)` does everything and returns the exit code, so tests run it
 * in-process with fake ports; the bottom of this file runs it when this module is the program
 * (electron-vite bundles it to out/main/cli.js, which bin/tessera.js requires).
 *
 * @see docs/cli.md for commands, password input, exit codes and the JSON shapes.
 */
import { version } from '../../package.json';
import { createDefaultKdf, type ClosableKdf } from '../vault';
import { parseCommandLine } from './args';
import type { CommandContext } from './context';
import { describeFailure, EXIT } from './errors';
import { commandHelp, generalHelp } from './help';
import { nodeIo, type CliIo } from './io';
import { createPasswords } from './password';
import { resolveCliVaultLocation } from './paths';

export type { CliIo } from './io';
export { EXIT } from './errors';

/**
 * Runs one CLI invocation. `argv` excludes `node` and the script. Output goes to `io.stdout`
 * (results) and `io.stderr` (prompts, warnings, errors). Never throws: failures become exit codes.
 */
export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const owned: { kdf?: ClosableKdf } = {};
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'version') {
      io.stdout.write(`tessera ${version}\n`);
      return EXIT.ok;
    }
    if (parsed.kind === 'help') {
      io.stdout.write(parsed.command ? commandHelp(parsed.command) : generalHelp());
      return EXIT.ok;
    }
    const location = resolveCliVaultLocation(parsed.vault, io, io.cwd);
    // A damaged record of where the vault is: said once, then the default is used.
    if (location.problem?.kind === 'damaged') {
      io.stderr.write(`tessera: warning: ${location.problem.message} This run uses ${location.path}.\n`);
    }
    const ctx: CommandContext = {
      io,
      vaultPath: location.path,
      location,
      passwords: createPasswords(io, parsed.args.values),
      kdf: () => io.kdf ?? (owned.kdf ??= createDefaultKdf()),
    };
    await parsed.command.run(ctx, parsed.args);
    return EXIT.ok;
  } catch (error) {
    const { exitCode, message } = describeFailure(error);
    io.stderr.write(`tessera: ${message}\n`);
    return exitCode;
  } finally {
    await owned.kdf?.close();
  }
}

/** Runs `main` on the real process; sets the exit code instead of exiting, so output is flushed. */
export async function run(): Promise<void> {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // `tessera list | head -1`: the reader went away; that is not a failure.
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(process.argv.slice(2), nodeIo());
}

/**
 * True when this module is the program: `node out/main/cli.js`, or required by bin/tessera.js
 * (also through npm's bin symlink). False under vitest, which loads the sources as ES modules.
 */
function isProgram(): boolean {
  if (typeof require === 'undefined' || typeof module === 'undefined') return false;
  const entry = require.main;
  return entry !== undefined && (entry === module || /[\\/]bin[\\/]tessera(\.js)?$/.test(entry.filename));
}

if (isProgram()) void run();
