// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the CLI gets passwords: a no-echo prompt on a terminal, `--password-file FILE` (first
 * line), or `--password-stdin` (one password per line, in the order the command asks for them).
 * Never from the command line, where other users can read it (`ps`) and shells record it.
 */
import { readFile, stat } from 'node:fs/promises';
import { CliError, EXIT, UsageError } from './errors';
import type { CliInput, CliIo } from './io';

/** Standard input beyond this is refused: a password source, not a data stream. */
const MAX_STDIN_BYTES = 64 * 1024;

export interface PasswordFlags {
  readonly passwordFile?: string | undefined;
  readonly passwordStdin?: boolean | undefined;
  /** `passwd` only: where the new password comes from. */
  readonly newPasswordFile?: string | undefined;
}

export interface Passwords {
  /** The vault's password. */
  current(): Promise<string>;
  /**
   * A new password (init, passwd): asked twice on a terminal. For init it comes from the main
   * source; for passwd from `--new-password-file`, the next stdin line, or the terminal.
   */
  fresh(purpose: 'init' | 'passwd'): Promise<string>;
}

/** The password sources of one command run; stdin is read once, lazily, only if it is a source. */
export function createPasswords(io: CliIo, flags: PasswordFlags): Passwords {
  let lines: Promise<string[]> | null = null;
  let nextLine = 0;

  async function fromStdin(what: string): Promise<string> {
    lines ??= readAll(io.stdin, MAX_STDIN_BYTES).then((text) => text.replace(/^\ufeff/, '').split(/\r?\n/));
    const all = await lines;
    const index = nextLine++;
    const line = all[index];
    if (line === undefined || (line === '' && index === all.length - 1)) {
      throw new UsageError(`--password-stdin: expected the ${what} on line ${index + 1} of standard input.`);
    }
    return nonEmpty(line, `the ${what} on line ${index + 1} of standard input`);
  }

  async function fromTerminal(prompt: string, confirm: boolean): Promise<string> {
    const first = nonEmpty(await promptHidden(io, prompt), 'the password');
    if (!confirm) return first;
    const second = await promptHidden(io, 'Repeat it: ');
    if (second !== first) throw new UsageError('The two passwords do not match; nothing was changed.');
    return first;
  }

  function noSource(): never {
    throw new UsageError('No password source: use --password-file FILE or --password-stdin when not on a terminal.');
  }

  return {
    async current() {
      if (flags.passwordFile !== undefined) return readPasswordFile(io, flags.passwordFile);
      if (flags.passwordStdin) return fromStdin('password');
      if (io.isTTY) return fromTerminal('Vault password: ', false);
      return noSource();
    },
    async fresh(purpose) {
      const file = purpose === 'init' ? flags.passwordFile : flags.newPasswordFile;
      if (file !== undefined) return readPasswordFile(io, file);
      if (flags.passwordStdin) return fromStdin('new password');
      if (io.isTTY) return fromTerminal('New vault password: ', true);
      if (purpose === 'passwd') {
        throw new UsageError('No source for the new password: use --new-password-file FILE or --password-stdin.');
      }
      return noSource();
    },
  };
}

function nonEmpty(password: string, what: string): string {
  if (password === '') throw new UsageError(`Empty password: ${what} is empty.`);
  return password;
}

/** First line of the file (a trailing newline is not part of the password); warns if others can read it. */
async function readPasswordFile(io: CliIo, file: string): Promise<string> {
  let text: string;
  try {
    if (io.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
      io.stderr.write(`Warning: the password file ${file} can be read by other users (chmod 600 it).\n`);
    }
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.usage, `Cannot read the password file ${file} (${code}).`, { cause });
  }
  return nonEmpty(text.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '', `the first line of ${file}`);
}

/** Reads a stream to its end as UTF-8, refusing more than `maxBytes`. */
export function readAll(input: CliInput, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = (): void => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onError);
    };
    const onData = (chunk: Buffer | string): void => {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      size += buf.length;
      if (size > maxBytes) {
        cleanup();
        input.pause();
        reject(new UsageError(`Standard input is larger than ${maxBytes} bytes; it should hold only passwords.`));
        return;
      }
      chunks.push(buf);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(new CliError(EXIT.io, `Cannot read standard input: ${error.message}`, { cause: error }));
    };
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onError);
    input.resume();
  });
}

/**
 * Asks for a secret on the terminal without echoing it: raw mode, so each key arrives as typed.
 * Enter finishes, Backspace deletes, Ctrl-U clears, Ctrl-C or Ctrl-D on an empty line cancels;
 * escape sequences (arrow keys) are ignored.
 */
export function promptHidden(io: CliIo, prompt: string): Promise<string> {
  // Raw mode first: a password typed ahead of the prompt must not be echoed either.
  io.stdin.setRawMode?.(true);
  io.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    const chars: string[] = [];
    let escape: 'none' | 'esc' | 'csi' = 'none';
    const finish = (): void => {
      io.stdin.off('data', onData);
      io.stdin.setRawMode?.(false);
      io.stdin.pause();
      io.stderr.write('\n');
    };
    const onData = (chunk: Buffer | string): void => {
      for (const ch of typeof chunk === 'string' ? chunk : chunk.toString('utf8')) {
        if (escape !== 'none') {
          // ESC [ params final-byte, or ESC + one character.
          escape = escape === 'esc' && ch === '[' ? 'csi' : escape === 'csi' && !/[@-~]/.test(ch) ? 'csi' : 'none';
          continue;
        }
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(chars.join(''));
          return;
        }
        if (ch === '\u0003' || (ch === '\u0004' && chars.length === 0)) {
          finish();
          reject(new CliError(EXIT.cancelled, 'Cancelled.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') chars.pop();
        else if (ch === '\u0015') chars.length = 0;
        else if (ch === '\u001b') escape = 'esc';
        else if (ch >= ' ') chars.push(ch);
      }
    };
    io.stdin.on('data', onData);
    io.stdin.resume();
  });
}

/** Asks a question on the terminal with echo (for confirmations) and returns the answer line. */
export function promptLine(io: CliIo, prompt: string): Promise<string> {
  io.stderr.write(prompt);
  return new Promise((resolve) => {
    let text = '';
    const done = (answer: string): void => {
      io.stdin.off('data', onData);
      io.stdin.off('end', onEnd);
      io.stdin.pause();
      resolve(answer);
    };
    const onData = (chunk: Buffer | string): void => {
      text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
      const end = text.search(/\r|\n/);
      if (end >= 0) done(text.slice(0, end));
    };
    const onEnd = (): void => done(text);
    io.stdin.on('data', onData);
    io.stdin.on('end', onEnd);
    io.stdin.resume();
  });
}
