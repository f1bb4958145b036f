// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera export --format F --out FILE|DIR`: writes the vault's accounts for another machine or
 * app (electron/export). The vault password is checked first, as for every command; encrypted
 * formats then take an export password (--export-password-file, stdin line 2, or a prompt asked
 * twice). Plaintext formats warn on stderr. Files are 0600 and never replace a file without --force.
 */
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  exportAegisEncrypted,
  exportAegisPlain,
  exportMigration,
  exportUriList,
  migrationPngName,
  qrPng,
  URI_LIST_WARNING,
  writeTesseraBackup,
  type ExportEntry,
} from '../../../export';
import { writePrivateFile } from '../../../vault';
import { EXPORT_FILE_FORMATS, missingCaseError, type ExportFileFormat } from '../../../domain';
import { flag, stringOption, type CommandArgs } from '../../command';
import { vaultOptions, withVault, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { printable } from '../../io';

/** The app's file formats, and Google Authenticator transfer codes written as PNG files. */
type ExportFormat = ExportFileFormat | 'migration-qr';
const FORMATS: readonly ExportFormat[] = [...EXPORT_FILE_FORMATS, 'migration-qr'];

const ENCRYPTED: ReadonlySet<ExportFormat> = new Set(['tessera', 'aegis']);

const PLAINTEXT_WARNING: Readonly<Record<'aegis-plain' | 'uri-list' | 'migration-qr', string>> = {
  'aegis-plain':
    'Warning: this Aegis file is NOT encrypted: anyone who reads it can generate your codes. Import it at once, then delete it.',
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
  const entries = await withVault(ctx, async (vault) => vault.entries().map(copyEntry));
  try {
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
function copyEntry(e: ExportEntry): ExportEntry {
  return { ...e, secret: Uint8Array.from(e.secret) };
}

async function refuseExisting(file: string): Promise<void> {
  const present = await stat(file).then(
    () => true,
    () => false,
  );
  if (present)
    throw new CliError(EXIT.usage, `${printable(file)} already exists; choose another --out or add --force.`);
}

/** Writes `bytes` to `file` as a private (0600) file, crash-safe. */
async function writePrivate(file: string, bytes: Uint8Array, force: boolean): Promise<void> {
  if (!force) await refuseExisting(file);
  try {
    await writePrivateFile(file, bytes);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.io, `Cannot write ${printable(file)} (${code}).`, { cause });
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
    case 'aegis':
      await writePrivate(out, await exportAegisEncrypted(entries, password ?? ''), force);
      return entries.length;
    case 'aegis-plain':
    case 'uri-list':
      ctx.io.stderr.write(`${PLAINTEXT_WARNING[format]}\n`);
      await writePrivate(out, format === 'uri-list' ? exportUriList(entries) : exportAegisPlain(entries), force);
      return entries.length;
    case 'migration-qr':
      return writeMigrationQr(ctx, entries, out, force);
    default:
      throw missingCaseError(format);
  }
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
