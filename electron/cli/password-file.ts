// SPDX-License-Identifier: GPL-3.0-or-later
/** Reads a second password (an import file's, an export's) from the first line of a file. */
import { readFile, stat } from 'node:fs/promises';
import type { CommandContext } from './context';
import { CliError, EXIT, UsageError } from './errors';

/**
 * The first line of `file` (a BOM dropped), warning when other users can read the file.
 * @throws CliError (usage) when the file cannot be read or the line is empty.
 */
export async function readPasswordLine(ctx: CommandContext, file: string): Promise<string> {
  let text: string;
  try {
    if (ctx.io.platform !== 'win32' && ((await stat(file)).mode & 0o077) !== 0) {
      ctx.io.stderr.write(`Warning: the password file ${file} can be read by other users (chmod 600 it).\n`);
    }
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.usage, `Cannot read the password file ${file} (${code}).`, { cause });
  }
  const line = text.replace(/^\ufeff/, '').split(/\r?\n/)[0] ?? '';
  if (line === '') throw new UsageError(`Empty password: the first line of ${file} is empty.`);
  return line;
}
