// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera restore BACKUP`: brings back the accounts of a Tessera backup (`export --format tessera`
 * or an automatic backup) with the desktop app's rules (electron/export/restore.ts): review, then
 * merge (add what the vault lacks, in one all-or-nothing save) or `--replace` (add the backup's
 * accounts, then remove the previous ones in one more save, so a failure never leaves the vault
 * emptier). Replacing accounts that the backup does not hold is confirmed first. `--dry-run` only
 * reviews. The backup's secrets are copies owned here and wiped before returning.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RestoreMode } from '../../../domain';
import { applyIconChoices, planRestore, type RestorePlan } from '../../../export';
import { checkBackupBytes, isTesseraBackup, readBackupBytes } from '../../../export/tessera-backup';
import { detectFormat, importFormat, toNewVaultEntry, type ImportedEntry } from '../../../import';
import { unlockVault, VaultError, type UnlockedVault, type VaultErrorKind } from '../../../vault';
import { checkShowSecrets, flag, type CommandArgs } from '../../command';
import { absorbForCommand } from '../../conflict-copies';
import { requireVaultFile, vaultOptions, type CommandContext } from '../../context';
import { CliError, describeFailure, EXIT, type ExitCode } from '../../errors';
import { promptLine } from '../../input';
import { printable, toJsonLine } from '../../io';
import { accounts, reviewOf, textReport, writeLost, type Review } from './restore-review';

/** The vault format's own size limit (its parser refuses more): checked before the file is read. */
const MAX_BACKUP_BYTES = 64 * 1024 * 1024;

/** Runs `tessera restore` (the spec, options and help are in ../restore.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  checkShowSecrets(args);
  const file = path.resolve(ctx.io.cwd, args.positionals[0] ?? '');
  const bytes = await readBackupFile(file);
  checkIsBackup(bytes, file);
  await requireVaultFile(ctx);
  const vaultPassword = await ctx.passwords.read('vault');
  const backupPassword = await ctx.passwords.read('backup'); // null: the vault's (Enter at the prompt)
  // The vault first: a wrong vault password is reported as such, not as the backup's.
  const vault = await unlockVault(vaultOptions(ctx), vaultPassword);
  try {
    // A dry run changes nothing, conflict copies included.
    if (!flag(args, 'dry-run')) await absorbForCommand(ctx, vault, vaultPassword);
    const backup = await readBackupBytes(bytes, backupPassword ?? vaultPassword, { kdf: ctx.kdf() }).catch(
      (e: unknown) => {
        throw backupFailure(e, file, backupPassword === null);
      },
    );
    try {
      await restore(ctx, args, vault, backup, path.basename(file));
    } finally {
      for (const e of backup) e.secret.fill(0);
    }
  } finally {
    vault.lock();
  }
}

async function readBackupFile(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new CliError(EXIT.usage, `${printable(file)} is not a file.`);
    if (info.size > MAX_BACKUP_BYTES) {
      throw new CliError(EXIT.corruptOrUnsupported, `${printable(file)} is larger than 64 MiB: not a Tessera backup.`);
    }
    return new Uint8Array(await readFile(file));
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') throw new CliError(EXIT.notFound, `No file at ${printable(file)}.`, { cause });
    throw new CliError(EXIT.io, `Cannot read ${printable(file)} (${code}).`, { cause });
  }
}

/**
 * Refuses, before any password is asked, a file that is not a Tessera backup (pointing to
 * `tessera import` when another app's export is recognised), a damaged one, or one from a newer Tessera.
 */
function checkIsBackup(bytes: Uint8Array, file: string): void {
  const name = printable(file);
  if (bytes.length === 0) throw new CliError(EXIT.corruptOrUnsupported, `${name} is empty: not a Tessera backup.`);
  if (!isTesseraBackup(bytes)) {
    const detected = detectFormat(bytes, path.basename(file));
    const hint = detected
      ? `It looks like an export of ${importFormat(detected.format).name}: add its accounts with 'tessera import ${name}'.`
      : "To add the accounts of another app's export, use 'tessera import FILE'.";
    throw new CliError(EXIT.corruptOrUnsupported, `${name} is not a Tessera backup. ${hint}`);
  }
  try {
    checkBackupBytes(bytes);
  } catch (error) {
    throw backupFailure(error, file, false);
  }
}

interface BackupFailure {
  readonly exit: ExitCode;
  readonly message: (name: string) => string;
}

/** How the vault layer's failures read for a backup (not "the vault"); `io` is reported as for the vault. */
const BACKUP_FAILURES: Readonly<Partial<Record<VaultErrorKind, BackupFailure>>> = {
  'wrong-password-or-tampered': {
    exit: EXIT.wrongPasswordOrTampered,
    message: () => "The backup's password is wrong (or the file was modified).",
  },
  // The password opened it, so the file itself is damaged (a cut payload cannot be told from an edited one).
  'payload-tampered': {
    exit: EXIT.corruptOrUnsupported,
    message: (name) => `${name} is damaged or truncated (its password is right); it cannot be restored.`,
  },
  corrupt: {
    exit: EXIT.corruptOrUnsupported,
    message: (name) => `${name} is damaged or truncated; it cannot be restored. Try another backup.`,
  },
  'unsupported-version': {
    exit: EXIT.corruptOrUnsupported,
    message: (name) => `${name} was written by a newer version of Tessera; update Tessera to restore it.`,
  },
};

/** A backup whose header asks for more Argon2id work than Tessera writes: refused before any derivation. */
const TOO_MUCH_WORK: BackupFailure = {
  exit: EXIT.corruptOrUnsupported,
  message: (name) =>
    `${name} asks for more password work than Tessera ever writes: it is damaged or was made to slow Tessera ` +
    'down. It cannot be restored; try another backup.',
};

/** `error` as a CliError worded for the backup, when it is a vault-layer failure of reading it. */
function backupFailure(error: unknown, file: string, sameAsVault: boolean): unknown {
  const failure =
    error instanceof VaultError
      ? error.reason === 'kdf-work-exceeded'
        ? TOO_MUCH_WORK
        : BACKUP_FAILURES[error.kind]
      : undefined;
  if (failure === undefined) return error;
  const hint =
    sameAsVault && failure.exit === EXIT.wrongPasswordOrTampered
      ? " It is not the vault's password: type the password the backup was made with."
      : '';
  return new CliError(failure.exit, failure.message(printable(path.basename(file))) + hint, { cause: error });
}

/** Plans, confirms, applies and reports. Nothing is printed on stdout unless it succeeded. */
async function restore(
  ctx: CommandContext,
  args: CommandArgs,
  vault: UnlockedVault,
  backup: readonly ImportedEntry[],
  fileName: string,
): Promise<void> {
  if (backup.length === 0) {
    throw new CliError(EXIT.notFound, `The backup ${printable(fileName)} holds no accounts; nothing was changed.`);
  }
  const mode: RestoreMode = flag(args, 'replace') ? 'replace' : 'merge';
  const plan = planRestore(backup, vault.entries(), mode);
  const review = reviewOf(plan, backup, vault.entries(), mode, fileName, flag(args, 'show-secrets'));
  const dryRun = flag(args, 'dry-run');
  if (!dryRun) {
    if (plan.add.length === 0) {
      ctx.io.stderr.write(textReport(review, 'failed'));
      throw new CliError(EXIT.notFound, 'Nothing was restored: every account in the backup is already in the vault.');
    }
    if (review.lost.length > 0) await confirmReplace(ctx, args, review);
    await apply(vault, plan);
  }
  if (flag(args, 'json')) {
    const counts = dryRun ? {} : { added: review.add.length, removed: review.remove.length };
    const { add, remove, duplicates } = review;
    ctx.io.stdout.write(toJsonLine({ mode, ...counts, add, remove, duplicates, lost: review.lost.length }));
  } else {
    ctx.io.stdout.write(textReport(review, dryRun ? 'dry-run' : 'done'));
  }
}

/** `--replace` losing accounts: --yes, else a question on a terminal, else a refusal. */
async function confirmReplace(ctx: CommandContext, args: CommandArgs, review: Review): Promise<void> {
  if (flag(args, 'yes')) return;
  const lost = review.lost.length;
  const which = `${accounts(lost)} that ${lost === 1 ? 'is' : 'are'} not in the backup`;
  if (!ctx.io.isTTY) {
    throw new CliError(
      EXIT.usage,
      `--replace would remove ${which} (see --dry-run); add --yes to confirm. Nothing was changed.`,
    );
  }
  writeLost(ctx.io.stderr, review, 'would be removed');
  const question = `Replace ${accounts(review.remove.length)} with ${review.add.length} from the backup? [y/N] `;
  const answer = await promptLine(ctx.io, question);
  if (!/^\s*y(es)?\s*$/i.test(answer)) throw new CliError(EXIT.cancelled, 'Cancelled; nothing was changed.');
}

/** Adds first (one all-or-nothing save), then removes the previous accounts (one more save). */
async function apply(vault: UnlockedVault, plan: RestorePlan): Promise<void> {
  const input = plan.add.map(toNewVaultEntry);
  try {
    await applyIconChoices(vault, await vault.add(input), plan.add);
  } finally {
    for (const e of input) e.secret.fill(0);
  }
  if (plan.remove.length === 0) return;
  try {
    await vault.removeMany(plan.remove);
  } catch (error) {
    const { exitCode, message } = describeFailure(error);
    throw new CliError(
      exitCode,
      `The backup's accounts were added, but the previous ones could not be removed: ${message}\n` +
        'No account was lost; run the same command again to finish replacing.',
      { cause: error },
    );
  }
}
