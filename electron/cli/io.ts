// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The CLI's ports: streams, environment, clock, platform. `main()` takes them as one object so tests
 * run every command in-process with exact input, a fixed clock and captured output.
 */
import os from 'node:os';
import type { TimeCheck } from '../time/time-check';
import type { Kdf, KdfParams } from '../vault';

/** Standard input; `setRawMode` exists only on a TTY. */
export type CliInput = NodeJS.ReadableStream & { setRawMode?: (mode: boolean) => unknown };

export interface CliOutput {
  write(chunk: string): unknown;
}

export interface CliIo {
  readonly stdin: CliInput;
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdin is an interactive terminal (password prompts are possible). */
  readonly isTTY: boolean;
  /** Unix milliseconds. */
  readonly now: () => number;
  readonly platform: NodeJS.Platform;
  readonly homedir: string;
  readonly cwd: string;
  /**
   * Where Argon2id runs. Default: a worker thread, closed before `main` returns. Tests pass the
   * same-thread KDF; the parameters still come from the vault file, so nothing is weakened.
   */
  readonly kdf?: Kdf;
  /**
   * Parameters for new key wraps (init, passwd, upgrade on unlock). Default: the vault's
   * KDF_DEFAULT. Only reachable in-process (tests use the floor to stay fast); there is no flag or
   * variable for it, and the vault refuses anything below its floor.
   */
  readonly kdfParams?: KdfParams;
  /**
   * How `tessera clock` measures the clock. Default: SNTP over UDP. Tests pass one that refuses any
   * server but a responder on 127.0.0.1, so a test cannot send a packet off the machine.
   */
  readonly timeCheck?: TimeCheck;
}

/** The real process's ports. */
export function nodeIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    isTTY: process.stdin.isTTY === true,
    now: () => Date.now(),
    platform: process.platform,
    homedir: os.homedir(),
    cwd: process.cwd(),
  };
}

/** Controls and bidi overrides in names from a vault could rewrite the terminal: replace them. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** A name made safe to print on a terminal. */
export function printable(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, '\ufffd');
}

/**
 * JSON for stdout: `JSON.stringify` escapes C0 controls but not DEL, C1 or bidi controls, which some
 * terminals act on; they are written as `\u` escapes (same JSON value).
 */
export function toJsonLine(value: unknown): string {
  return (
    JSON.stringify(value).replace(
      /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    ) + '\n'
  );
}

/** Left-aligned columns separated by two spaces; the last column is not padded. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => line + '\n')
    .join('');
}

/** "Issuer (account)", "Issuer" or "account", made printable. */
export function entryLabel(entry: { readonly issuer: string; readonly account: string }): string {
  if (entry.issuer && entry.account) return printable(`${entry.issuer} (${entry.account})`);
  return printable(entry.issuer || entry.account);
}
