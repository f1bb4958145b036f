// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera export --format F --out FILE|DIR`: writes the vault's accounts for another machine or
 * app (electron/export). The vault password is checked first, as for every command; encrypted
 * formats then take an export password (--export-password-file, stdin line 2, or a prompt asked
 * twice). Plaintext formats warn on stderr, and so does every format about what it cannot carry
 * (the app's own warnings, electron/services/export-formats.ts). Files are 0600 and never replace
 * a file without --force.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  exportEntries,
  exportMigration,
  formatCarriesPictures,
  migrationPngName,
  resolvedPictures,
  qrPng,
  URI_LIST_WARNING,
  writeTesseraBackup,
  type ExportEntry,
} from '../../../export';
import { exportedCount, exportFileBytes, fileWarnings } from '../../../services/export-formats';
import { writePrivateFile } from '../../../vault';
import { EXPORT_FILE_FORMATS, missingCaseError, type ExportFileFormat } from '../../../domain';
import { flag, stringOption, type CommandArgs } from '../../command';
import { vaultOptions, withVault, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { cliIconResolver } from '../../icons';
import { printable } from '../../io';

/** The app's file formats, and Google Authenticator transfer codes written as PNG files. */
type ExportFormat = ExportFileFormat | 'migration-qr';
const FORMATS: readonly ExportFormat[] = [...EXPORT_FILE_FORMATS, 'migration-qr'];

const ENCRYPTED: ReadonlySet<ExportFormat> = new Set(['tessera', 'aegis', '2fas', 'keepass']);

type PlainFormat = 'aegis-plain' | '2fas-plain' | 'bitwarden' | 'ente' | 'uri-list';

const NOT_ENCRYPTED =
  'is NOT encrypted: anyone who reads it can generate your codes. Import it at once, then delete it.';

const PLAINTEXT_WARNING: Readonly<Record<PlainFormat | 'migration-qr', string>> = {
  'aegis-plain': `Warning: this Aegis file ${NOT_ENCRYPTED}`,
  '2fas-plain': `Warning: this 2FAS backup ${NOT_ENCRYPTED}`,
  bitwarden: `Warning: this Bitwarden file ${NOT_ENCRYPTED}`,
  ente: `Warning: this Ente Auth file ${NOT_ENCRYPTED}`,
  'uri-list': `Warning: ${URI_LIST_WARNING}`,
  'migration-qr':
    'Warning: the QR code images are NOT encrypted: anyone who sees them can copy your accounts. Scan them, then delete them.',
};

/** Runs `tessera export` (the spec, options and help are in ../export.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const format = formatOption(args);
  const outOption = stringOption(args, 'out');
  if (outOption === undefined)
    throw new UsageError('Give the file to write with --out FILE (a folder for migration-qr).');
  const out = path.resolve(ctx.io.cwd, outOption);
  const force = flag(args, 'force');
  if (format !== 'migration-qr' && !force) await refuseExisting(out);
  // Copies (secrets included), each with its icon's picture where the format carries one.
  const entries = await withVault(ctx, async (vault) =>
    exportEntries(
      vault.entries(),
      format === 'migration-qr' ? new Map() : vault.icons(),
      formatCarriesPictures(format) ? resolvedPictures(cliIconResolver(ctx.io), vault.icons()) : undefined,
    ),
  );
  try {
    if (format !== 'migration-qr' && entries.length > 0 && exportedCount(format, entries) === 0) {
      for (const w of fileWarnings(format, entries)) ctx.io.stderr.write(`${warningLine(w)}\n`);
      throw new CliError(EXIT.notFound, `No account can be exported as ${format}.`);
    }
    const password = ENCRYPTED.has(format) ? await ctx.passwords.read('export') : undefined;
    const count = await writeExport(ctx, format, entries, out, password, force);
    ctx.io.stdout.write(`Exported ${count} account(s) to ${printable(out)} (${format}).\n`);
  } finally {
    for (const e of entries) e.secret.fill(0);
  }
}

function formatOption(args: CommandArgs): ExportFormat {
  const value = stringOption(args, 'format')?.trim().toLowerCase();
  if (value === undefined) throw new UsageError(`Give --format: ${FORMATS.join(', ')}.`);
  const found = FORMATS.find((f) => f === value);
  if (found === undefined)
    throw new UsageError(`Unknown --format '${value.slice(0, 30)}'. Formats: ${FORMATS.join(', ')}.`);
  return found;
}

/** Entries outlive the locked vault here, so their secrets are copied (and wiped by `run`). */
/** One of the app's warnings as a line of standard error (names made safe for the terminal). */
function warningLine(warning: string): string {
  return `Warning: ${printable(warning)}${/[.!?]$/.test(warning) ? '' : '.'}`;
}

async function refuseExisting(file: string): Promise<void> {
  const present = await stat(file).then(
    () => true,
    () => false,
  );
  if (present)
    throw new CliError(EXIT.usage, `${printable(file)} already exists; choose another --out or add --force.`);
}

/** Writes `bytes` to `file` as a private (0600) file, crash-safe, then wipes them. */
async function writePrivate(file: string, bytes: Uint8Array, force: boolean): Promise<void> {
  try {
    if (!force) await refuseExisting(file);
    await writePrivateFile(file, bytes);
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.io, `Cannot write ${printable(file)} (${code}).`, { cause });
  } finally {
    bytes.fill(0);
  }
}

async function writeExport(
  ctx: CommandContext,
  format: ExportFormat,
  entries: readonly ExportEntry[],
  out: string,
  password: string | undefined,
  force: boolean,
): Promise<number> {
  switch (format) {
    case 'tessera': {
      const { path: _vaultPath, ...options } = vaultOptions(ctx);
      await writeTesseraBackup(entries, out, password ?? '', { ...options, overwrite: force }).catch(
        (cause: unknown) => {
          if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
          throw new CliError(EXIT.usage, `${printable(out)} already exists; choose another --out or add --force.`);
        },
      );
      return entries.length;
    }
    case 'migration-qr':
      return writeMigrationQr(ctx, entries, out, force);
    case 'aegis-plain':
    case '2fas-plain':
    case 'bitwarden':
    case 'ente':
    case 'uri-list':
      ctx.io.stderr.write(`${PLAINTEXT_WARNING[format]}\n`);
      break;
    case 'aegis':
    case '2fas':
    case 'keepass':
      break;
    default:
      throw missingCaseError(format);
  }
  for (const w of fileWarnings(format, entries)) ctx.io.stderr.write(`${warningLine(w)}\n`);
  await writePrivate(out, await exportFileBytes(format, entries, password ?? ''), force);
  return exportedCount(format, entries);
}

async function writeMigrationQr(
  ctx: CommandContext,
  entries: readonly ExportEntry[],
  dir: string,
  force: boolean,
): Promise<number> {
  const result = exportMigration(entries);
  for (const w of result.warnings) ctx.io.stderr.write(`Not exported: ${printable(w.label)}: ${w.reason}.\n`);
  if (result.uris.length === 0) throw new CliError(EXIT.notFound, 'No account can be exported as a transfer code.');
  ctx.io.stderr.write(`${PLAINTEXT_WARNING['migration-qr']}\n`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const files = result.uris.map((_, i) => path.join(dir, migrationPngName(i, result.uris.length)));
  if (!force) for (const f of files) await refuseExisting(f);
  for (const [i, uri] of result.uris.entries()) await writePrivate(files[i] ?? '', await qrPng(uri), force);
  ctx.io.stderr.write(`Wrote ${files.length} QR code(s): scan them in order in Google Authenticator.\n`);
  return result.accounts;
}
