// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the CLI gets passwords: a no-echo prompt on a terminal, a file named by an option (its first
 * line), or `--password-stdin` (one password per line, in the order the command asks for them).
 * Never from the command line, where other users can read it (`ps`) and shells record it.
 *
 * Every password a command asks for has a purpose (PURPOSES: its file option, its words on standard
 * input and at the prompt, whether it is asked twice). Its source is, in this order: its file
 * option, else the next line of standard input with `--password-stdin`, else a prompt on a terminal,
 * else the purpose's refusal (exit 1).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { CommandArgs } from './command';
import { CliError, EXIT, UsageError } from './errors';
import { promptHidden, readAll } from './input';
import type { CliIo } from './io';

/** Standard input beyond this is refused: a password source, not a data stream. */
const MAX_STDIN_BYTES = 64 * 1024;

/**
 * What a password is for:
 * - `vault`: the vault's password, which every command that opens the vault asks first;
 * - `new-vault`: the password of the vault `init` creates (asked twice);
 * - `new-password`: the new password of `passwd` (asked twice);
 * - `export`: the password an encrypted `export` is written under (asked twice);
 * - `import-file`: the own password of an encrypted file `import` reads;
 * - `backup`: the own password of the backup `restore` reads (Enter at the prompt: the vault's).
 */
export type PasswordPurpose = 'vault' | 'new-vault' | 'new-password' | 'export' | 'import-file' | 'backup';

interface PurposeSpec {
  /** The option naming a file whose first line is the password. */
  readonly fileOption: string;
  /**
   * Whether the file is resolved against the working folder (and named in full in messages), as for
   * another file's password; the vault's password files (`--password-file`, `--new-password-file`)
   * are opened as given.
   */
  readonly resolveFile: boolean;
  /** What `--password-stdin` messages call it: "expected the ${stdinName} on line N…". */
  readonly stdinName: string;
  /** Said after "on line N of standard input" when the line is missing. */
  readonly stdinHint?: string;
  /** An empty line: reported as an empty password, or as the line missing. */
  readonly emptyLine: 'empty' | 'missing';
  readonly prompt: string;
  /** Asked twice ("Repeat it: "): the message when the two differ. */
  readonly mismatch?: string;
  /** Enter at the prompt: refused with this message, or null for "the vault's password" (read() gives null). */
  readonly emptyAnswer: string | null;
  /** No file option, no `--password-stdin`, no terminal. */
  readonly noSource: string;
}

const NO_SOURCE = 'No password source: use --password-file FILE or --password-stdin when not on a terminal.';

/** The vault's own passwords: the file opened as given; an empty line of standard input is an empty password. */
const VAULTS = {
  resolveFile: false,
  emptyLine: 'empty',
  emptyAnswer: 'Empty password: the password is empty.',
} as const;

/** A new password for the vault (init, passwd): asked twice. */
const NEW_VAULTS = {
  ...VAULTS,
  stdinName: 'new password',
  prompt: 'New vault password: ',
  mismatch: 'The two passwords do not match; nothing was changed.',
} as const;

/**
 * Another file's own password (export, import, backup): the command's own file option, resolved
 * against the working folder; an empty line of standard input reads as a missing one.
 */
const OTHER_FILES = { resolveFile: true, emptyLine: 'missing' } as const;

const PURPOSES: Readonly<Record<PasswordPurpose, PurposeSpec>> = {
  vault: {
    ...VAULTS,
    fileOption: 'password-file',
    stdinName: 'password',
    prompt: 'Vault password: ',
    noSource: NO_SOURCE,
  },
  'new-vault': { ...NEW_VAULTS, fileOption: 'password-file', noSource: NO_SOURCE },
  'new-password': {
    ...NEW_VAULTS,
    fileOption: 'new-password-file',
    noSource: 'No source for the new password: use --new-password-file FILE or --password-stdin.',
  },
  export: {
    ...OTHER_FILES,
    fileOption: 'export-password-file',
    stdinName: 'export password',
    prompt: 'Export password: ',
    mismatch: 'The two export passwords do not match; nothing was written.',
    emptyAnswer: 'Empty export password.',
    noSource: 'Give the export password with --export-password-file FILE.',
  },
  'import-file': {
    ...OTHER_FILES,
    fileOption: 'file-password-file',
    stdinName: "import file's password",
    prompt: 'Password of the file to import: ',
    emptyAnswer: 'Empty password for the file to import.',
    noSource: 'The file is encrypted: give its password with --file-password-file FILE.',
  },
  backup: {
    ...OTHER_FILES,
    fileOption: 'backup-password-file',
    stdinName: "backup's password",
    stdinHint: " (repeat the vault's if it is the same)",
    prompt: 'Backup password (Enter for the vault password): ',
    emptyAnswer: null,
    noSource:
      "Give the backup's password with --backup-password-file F (the same file as --password-file if it is the same).",
  },
};

export interface Passwords {
  /** The password for `purpose`, from its sources in order (see PURPOSES). */
  read(purpose: Exclude<PasswordPurpose, 'backup'>): Promise<string>;
  /** The backup's password, or null when Enter was pressed at its prompt: the vault's password. */
  read(purpose: 'backup'): Promise<string | null>;
}

/**
 * The password sources of one command run, from its command line (the global options and the
 * command's own); stdin is read once, lazily, only if it is a source.
 */
export function createPasswords(io: CliIo, options: CommandArgs['values']): Passwords {
  let lines: Promise<string[]> | null = null;
  let nextLine = 0;

  async function fromStdin(spec: PurposeSpec): Promise<string> {
    lines ??= readAll(io.stdin, MAX_STDIN_BYTES).then((text) => text.replace(/^\ufeff/, '').split(/\r?\n/));
    const all = await lines;
    const index = nextLine++;
    const line = all[index];
    const where = `the ${spec.stdinName} on line ${index + 1} of standard input`;
    // An empty last "line" is only the final line break.
    const missing = line === undefined || (line === '' && (index === all.length - 1 || spec.emptyLine === 'missing'));
    if (missing) throw new UsageError(`--password-stdin: expected ${where}${spec.stdinHint ?? ''}.`);
    return nonEmpty(line, where);
  }

  async function fromTerminal(spec: PurposeSpec): Promise<string | null> {
    const first = await promptHidden(io, spec.prompt);
    if (first === '') {
      if (spec.emptyAnswer === null) return null;
      throw new UsageError(spec.emptyAnswer);
    }
    if (spec.mismatch === undefined) return first;
    const second = await promptHidden(io, 'Repeat it: ');
    if (second !== first) throw new UsageError(spec.mismatch);
    return first;
  }

  async function read(purpose: PasswordPurpose): Promise<string | null> {
    const spec = PURPOSES[purpose];
    const file = options[spec.fileOption];
    if (typeof file === 'string') return readPasswordFile(io, spec.resolveFile ? path.resolve(io.cwd, file) : file);
    if (options['password-stdin'] === true) return fromStdin(spec);
    if (io.isTTY) return fromTerminal(spec);
    throw new UsageError(spec.noSource);
  }

  // Only `backup` can give null (its spec's emptyAnswer), as the overloads say.
  return { read: read as Passwords['read'] };
}

function nonEmpty(password: string, what: string): string {
  if (password === '') throw new UsageError(`Empty password: ${what} is empty.`);
  return password;
}

/**
 * The first line of `file` (a BOM dropped; the line break is not part of the password), warning
 * when other users can read the file.
 * @throws CliError (usage) when the file cannot be read or the line is empty.
 */
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
