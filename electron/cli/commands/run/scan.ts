// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera scan IMAGE... [--json [--show-secrets]] [--raw] [--add]`: the accounts in QR codes of
 * image files (PNG, JPEG, WebP, BMP, GIF). Needs no vault unless `--add`, which adds them with the
 * app's rules: everything is decoded and checked before the password is asked, duplicates of the
 * vault's entries are skipped, and any unreadable image or unusable account link adds nothing.
 */
import path from 'node:path';
import { findDuplicates, toNewVaultEntry, type ImportedEntry } from '../../../import';
import { checkCodeCount } from '../../../import/qr/code-count';
import { collectQrCodes, type QrCollection, type QrScan } from '../../../import/qr/collect';
import { decodeQr, preloadQrDecoder } from '../../../import/qr/decoder';
import { QrError } from '../../../import/qr/errors';
import { readImageFile } from '../../../import/qr/image';
import { flag, type CommandArgs } from '../../command';
import type { CommandContext } from '../../context';
import { withVault } from '../../context';
import { CliError, EXIT, UsageError, type ExitCode } from '../../errors';
import { importedEntryJson } from '../../entry-json';
import { entryLabel, formatTable, printable, toJsonLine } from '../../io';

const NO_CODE_HINT = 'If the QR code is on a screen, zoom in so that it is larger and take the screenshot again.';

/** Runs `tessera scan` (the spec, options and help are in ../scan.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const mode = modeOf(args);
  void preloadQrDecoder(); // compiles while the first image loads
  const scans = await scanFiles(ctx, args.positionals, mode === 'json');
  for (const s of scans) {
    if (s.codes.length === 0) ctx.io.stderr.write(`${printable(s.source)}: ${nothingRead(s.seen)}\n`);
  }
  if (scans.every((s) => s.codes.length === 0)) {
    const what = scans.some((s) => s.seen > 0) ? 'No QR code could be read' : 'No QR code found';
    throw new CliError(EXIT.notFound, `${what}. ${NO_CODE_HINT}`);
  }
  if (mode === 'raw') {
    for (const s of scans) for (const c of s.codes) ctx.io.stdout.write(`${printable(c.text)}\n`);
    return;
  }
  const found = collectQrCodes(scans);
  const entries = found.entries.map((f) => f.entry);
  try {
    reportProblems(ctx, found);
    if (mode === 'add') {
      await addToVault(ctx, entries);
    } else if (mode === 'json') {
      const showSecrets = flag(args, 'show-secrets');
      const skipped = found.skipped.map((k) => ({ image: k.source, label: k.label, reason: k.reason }));
      ctx.io.stdout.write(
        toJsonLine({ entries: entries.map((e) => importedEntryJson(e, { showSecret: showSecrets })), skipped }),
      );
    } else {
      ctx.io.stdout.write(listing(found));
    }
  } finally {
    for (const e of entries) e.secret.fill(0);
  }
}

type Mode = 'list' | 'json' | 'raw' | 'add';

/** @throws UsageError for options that do not go together. */
function modeOf(args: CommandArgs): Mode {
  const [json, raw, add, secrets] = ['json', 'raw', 'add', 'show-secrets'].map((n) => flag(args, n));
  if (raw && (json || add || secrets)) {
    throw new UsageError(
      "'--raw' prints every QR code's text as it is; it does not go with --json, --add or --show-secrets.",
    );
  }
  if (secrets && !json) throw new UsageError("'--show-secrets' goes with '--json'.");
  if (add && json) throw new UsageError("'--add' does not go with '--json': list first with --json, then add.");
  return raw ? 'raw' : json ? 'json' : add ? 'add' : 'list';
}

/** "no QR code found.", or, when the image shows codes the decoder could not read, how many. */
function nothingRead(seen: number): string {
  if (seen === 0) return 'no QR code found.';
  const what = seen === 1 ? 'what looks like a QR code' : `what look like ${seen} QR codes`;
  return `no QR code could be read, though Tessera saw ${what}.`;
}

/**
 * Reads and decodes every file; reports every unreadable one, then fails with the first one's exit
 * code. An image of more QR codes than the `qr-codes` limit is unreadable (with `--json`, the limit
 * is also written on standard output).
 */
async function scanFiles(
  ctx: CommandContext,
  files: readonly string[],
  json: boolean,
): Promise<(QrScan & { readonly seen: number })[]> {
  const scans: (QrScan & { readonly seen: number })[] = [];
  const failures: string[] = [];
  let exitCode: ExitCode | null = null;
  let limit: QrError | null = null;
  for (const file of files) {
    try {
      const image = await readImageFile(path.resolve(ctx.io.cwd, file));
      try {
        const codes = await decodeQr(image);
        scans.push({ source: file, codes, seen: checkCodeCount(image, codes).seen });
      } finally {
        image.data.fill(0); // the pixels show secrets
      }
    } catch (error) {
      const failure = fileFailure(error);
      failures.push(`${printable(file)}: ${failure.message}`);
      exitCode ??= failure.exitCode;
      if (error instanceof QrError && error.limit !== undefined) limit ??= error;
    }
  }
  if (json && limit?.limit !== undefined) {
    const { kind, message } = limit;
    ctx.io.stdout.write(toJsonLine({ error: { kind, limit: limit.limit, message } }));
  }
  if (exitCode !== null) throw new CliError(exitCode, failures.join('\n'));
  return scans;
}

function fileFailure(error: unknown): { exitCode: ExitCode; message: string } {
  if (error instanceof QrError) return { exitCode: EXIT.usage, message: error.message };
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return { exitCode: EXIT.notFound, message: 'No such file.' };
  if (code === 'EISDIR') return { exitCode: EXIT.usage, message: 'This is a folder, not an image file.' };
  if (code === 'EACCES' || code === 'EPERM') return { exitCode: EXIT.io, message: 'Permission denied.' };
  if (typeof code === 'string') return { exitCode: EXIT.io, message: `Cannot read the file (${code}).` };
  throw error;
}

/**
 * Unusable account links fail the command (exit 1, nothing on stdout, nothing added); codes that
 * hold no account, accounts that cannot be imported and incomplete exports are warnings.
 */
function reportProblems(ctx: CommandContext, found: QrCollection): void {
  if (found.invalid.length > 0) {
    // The plain sentence, then the technical one (the parameter named) on a details line.
    const lines = found.invalid.map(
      (p) => `${printable(p.source)}: ${p.message}${p.details ? `\n  Details: ${p.details}` : ''}`,
    );
    throw new CliError(EXIT.usage, lines.join('\n'));
  }
  const warn = (line: string): void => void ctx.io.stderr.write(`${line}\n`);
  for (const p of found.notAccounts) warn(`${printable(p.source)}: ${p.message}`);
  for (const s of found.skipped) {
    warn(`${printable(s.source)}: ${printable(s.label)} cannot be imported: ${s.reason}.`);
    if (s.details) warn(`  Details: ${s.details}`);
  }
  for (const b of found.batches.batches) {
    if (!b.complete) {
      const [it, its] = b.missing.length === 1 ? ['it', 'its'] : ['them', 'their'];
      warn(`Warning: Google Authenticator export: ${b.summary}. ${b.missing.join('. ')}.`);
      warn(`Scan ${it} too, or ${its} accounts stay behind.`);
    }
  }
  if (found.entries.length === 0) throw new CliError(EXIT.notFound, 'No authenticator account found in the QR codes.');
}

function listing(found: QrCollection): string {
  const rows = found.entries.map(({ source, entry: e }) => [
    e.type,
    printable(e.issuer) || '-',
    printable(e.account) || '-',
    details(e),
    printable(source) + (e.batch && e.batch.size > 1 ? ` (QR ${e.batch.index + 1} of ${e.batch.size})` : ''),
  ]);
  const table = formatTable([['TYPE', 'ISSUER', 'ACCOUNT', 'CODES', 'FROM'], ...rows]);
  const complete = found.batches.batches.filter((b) => b.complete && b.size > 1);
  return table + complete.map((b) => `Google Authenticator export: ${b.summary.toLowerCase()}.\n`).join('');
}

function details(e: ImportedEntry): string {
  if (e.type === 'steam') return 'Steam Guard';
  const shape = e.type === 'hotp' ? `counter ${e.counter ?? 0}` : `${e.period ?? 30} s`;
  return `${e.algorithm}, ${e.digits} digits, ${shape}`;
}

/**
 * Adds the entries that are not duplicates (findDuplicates: the file importer's rule, same codes
 * whatever the names) in one save. Zero added is a failure (exit 4), never reported as success.
 */
async function addToVault(ctx: CommandContext, entries: readonly ImportedEntry[]): Promise<void> {
  const { added, duplicates } = await withVault(ctx, async (vault) => {
    const flags = findDuplicates(entries, vault.entries());
    const fresh = entries.filter((_, i) => flags[i] === null);
    if (fresh.length > 0) {
      const input = fresh.map(toNewVaultEntry);
      try {
        await vault.add(input);
      } finally {
        for (const e of input) e.secret.fill(0);
      }
    }
    return { added: fresh, duplicates: entries.filter((_, i) => flags[i] !== null) };
  });
  const names = (list: readonly ImportedEntry[]): string => list.map((e) => entryLabel(e) || '(unnamed)').join(', ');
  if (added.length === 0) {
    throw new CliError(
      EXIT.notFound,
      `Nothing was added: the ${count(entries.length, 'account')} found are already in the vault.`,
    );
  }
  ctx.io.stdout.write(`Added ${count(added.length, 'account')}: ${names(added)}.\n`);
  if (duplicates.length > 0) {
    ctx.io.stdout.write(`Skipped ${count(duplicates.length, 'duplicate account')}: ${names(duplicates)}.\n`);
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
