// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Exit codes and the CLI's own error, plus the one mapping from every layer's errors to an exit
 * code and a message for stderr. Scripts rely on the codes, so they are stable and documented in
 * docs/cli.md.
 */
// The leaf modules, not the barrels: every run loads this file, and the barrels bring in otpauth,
// the whole vault and the rest, which `--version` and `--help` never need.
import { OtpUriError } from '../otp/uri';
import { EntryValidationError, VaultError } from '../vault/errors';

export const EXIT = Object.freeze({
  ok: 0,
  /** Bad command line, bad entry value, weak or mismatched new password, vault already exists. */
  usage: 1,
  /** Wrong password, or the file was modified (the two cannot be told apart, by design). */
  wrongPasswordOrTampered: 2,
  /** Not a vault, damaged, or written by a newer Tessera. */
  corruptOrUnsupported: 3,
  /** No vault file, or no entry matches the query. */
  notFound: 4,
  /** The file system failed, or another process (the app) is writing the vault: try again. */
  io: 5,
  /** A bug: please report it. */
  internal: 70,
  /** The user cancelled at a prompt (Ctrl-C). */
  cancelled: 130,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An expected CLI failure with its exit code; the message is printed on stderr as is. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CliError';
  }
}

/** A command-line mistake (exit 1); the usage hint is added when printed. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(EXIT.usage, message);
    this.name = 'UsageError';
  }
}

/** Exit code and stderr message for anything a command threw. */
export function describeFailure(error: unknown): { exitCode: ExitCode; message: string } {
  if (error instanceof UsageError)
    return { exitCode: error.exitCode, message: `${error.message}\nRun 'tessera --help' for usage.` };
  if (error instanceof CliError) return { exitCode: error.exitCode, message: error.message };
  if (error instanceof OtpUriError) {
    // The plain sentence, then the technical one naming the parameter.
    return { exitCode: EXIT.usage, message: `${error.message}\nDetails: ${error.details}` };
  }
  if (error instanceof EntryValidationError) return { exitCode: EXIT.usage, message: error.message };
  if (error instanceof VaultError) return { exitCode: vaultExitCode(error), message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { exitCode: EXIT.internal, message: `Internal error (please report it): ${detail}` };
}

function vaultExitCode(error: VaultError): ExitCode {
  switch (error.kind) {
    case 'wrong-password-or-tampered':
    case 'payload-tampered':
      return EXIT.wrongPasswordOrTampered;
    case 'corrupt':
    case 'unsupported-version':
      return EXIT.corruptOrUnsupported;
    case 'io':
      if (error.reason === 'absent') return EXIT.notFound;
      if (error.reason === 'exists') return EXIT.usage;
      return EXIT.io;
    default: {
      const never: never = error.kind;
      throw new TypeError(`Unhandled vault error kind: ${String(never)}`);
    }
  }
}
