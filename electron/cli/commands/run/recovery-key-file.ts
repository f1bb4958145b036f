// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key file (docs/cli.md, "Recovery key"): how `tessera passwd --recovery-key-file FILE`
 * finds the key again, in the page `tessera recovery-key --out FILE` writes (the app's page,
 * electron/domain/recovery-key.ts) or in a file holding only the key.
 * The key is a secret: no message here ever quotes the file's text.
 */
import { readFile, stat } from 'node:fs/promises';
import { CliError, EXIT } from '../../errors';
import { printable, type CliIo } from '../../io';

/** A recovery key file is a page of text: anything larger is not one. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

/** A line that is a recovery key as written: 9 groups of 4 letters or digits joined by hyphens, any case. */
const KEY_LINE = /^[0-9a-z]{4}(?:-[0-9a-z]{4}){8}$/i;

/**
 * The recovery key in a file's text: the one line that looks like a key (a page from
 * `recovery-key --out`), else the file's only line, however it is written (parseRecoveryKey judges it).
 * @throws CliError (usage) when the file holds several keys, or no line that could be one.
 */
export function findRecoveryKey(text: string, file: string): string {
  const lines = text
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const keys = [...new Set(lines.filter((line) => KEY_LINE.test(line)).map((line) => line.toUpperCase()))];
  const [key, other] = keys;
  if (other !== undefined) {
    throw new CliError(EXIT.usage, `${printable(file)} holds more than one recovery key: keep only the one to use.`);
  }
  if (key !== undefined) return key;
  const [only, second] = lines;
  if (only !== undefined && second === undefined) return only;
  throw new CliError(
    EXIT.usage,
    `No recovery key in ${printable(file)}: expected a line like XXXX-XXXX-… (9 groups of 4 characters), ` +
      'or a file holding only the key.',
  );
}

/**
 * Reads the recovery key from `file` (as given: resolve it first), warning when other users can
 * read the file, as for password files.
 * @throws CliError (usage) when the file cannot be read, is too large, or holds no key.
 */
export async function readRecoveryKeyFile(io: CliIo, file: string): Promise<string> {
  const shown = printable(file);
  let text: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new CliError(EXIT.usage, `The recovery key file ${shown} is not a file.`);
    if (st.size > MAX_KEY_FILE_BYTES) {
      throw new CliError(EXIT.usage, `${shown} is larger than ${MAX_KEY_FILE_BYTES} bytes: not a recovery key file.`);
    }
    if (io.platform !== 'win32' && (st.mode & 0o077) !== 0) {
      io.stderr.write(
        `Warning: the recovery key file ${shown} can be read by other users (chmod 600 it, or keep the key offline).\n`,
      );
    }
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.usage, `Cannot read the recovery key file ${shown} (${code}).`, { cause });
  }
  return findRecoveryKey(text, file);
}
