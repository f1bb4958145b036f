// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The user's input at its lowest level: standard input read to its end (bounded), a secret asked on
 * the terminal without echo, and a question answered with echo. What is asked, and in which words,
 * is up to the callers (password.ts for passwords, the commands for confirmations).
 */
import { CliError, EXIT, UsageError } from './errors';
import type { CliInput, CliIo } from './io';

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
