// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera passwd`: changes the master password. By default it re-keys (a new data key, the
 * accounts encrypted again, every key slot renewed), so a copy of the vault from before the change
 * and the old password open nothing saved after it. `--keep-data-key` only re-wraps the existing
 * data key, for scripts that need the old behaviour; it is weaker and says so.
 *
 * `--recovery-key-file FILE` is for a forgotten password: the vault opens with its recovery key
 * (never the current password, which is not asked) and gets the new password by a re-key; the
 * recovery key keeps working.
 */
import path from 'node:path';
import {
  inspectVault,
  parseRecoveryKey,
  previousGenerationPath,
  recoverVault,
  RecoveryKeyFormatError,
  unlockVault,
} from '../../../vault';
import { flag, stringOption, type CommandArgs } from '../../command';
import { absorbForCommand } from '../../conflict-copies';
import { requireVaultFile, vaultOptions, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { printable } from '../../io';
import { checkNewPassword } from '../new-password';
import { readRecoveryKeyFile } from './recovery-key-file';

/** Runs `tessera passwd` (the spec, options and help are in ../passwd.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const keyFile = stringOption(args, 'recovery-key-file');
  if (keyFile !== undefined) {
    await recover(ctx, args, keyFile);
    return;
  }
  await requireVaultFile(ctx);
  const keepDataKey = flag(args, 'keep-data-key');
  const current = await ctx.passwords.read('vault');
  const vault = await unlockVault(vaultOptions(ctx), current);
  try {
    // Copies saved with the current password merge now; after the change they would need it typed again.
    await absorbForCommand(ctx, vault, current);
    const next = checkNewPassword(await ctx.passwords.read('new-password'));
    await vault.changePassword(current, next, { keepDataKey });
  } finally {
    vault.lock();
  }
  const prev = printable(previousGenerationPath(ctx.vaultPath));
  if (keepDataKey) {
    ctx.io.stdout.write('Password changed (data key kept).\n');
    ctx.io.stderr.write(
      'Warning: --keep-data-key kept the data key. A copy of the vault from before this change (a backup, ' +
        `${prev}) still opens it, and every later version, with the old password. Run 'tessera passwd' ` +
        'without --keep-data-key to give the vault a new data key.\n',
    );
    return;
  }
  ctx.io.stdout.write('Password changed.\n');
  ctx.io.stderr.write(
    'The vault has a new data key. Backups and the previous version (' +
      `${prev}) made before this change still open with the old password: they are snapshots of that time. ` +
      'If someone else may know the old password, replace those copies with new ones.\n',
  );
}

/**
 * `passwd --recovery-key-file FILE`: the key is read and checked (a typo is found before any
 * password is asked), then the new password, then the vault is opened with the key and re-keyed.
 */
async function recover(ctx: CommandContext, args: CommandArgs, keyFile: string): Promise<void> {
  if (flag(args, 'keep-data-key')) {
    throw new UsageError(
      '--keep-data-key does not apply with --recovery-key-file: setting a password with the recovery key always gives the vault a new data key.',
    );
  }
  if (stringOption(args, 'password-file') !== undefined) {
    throw new UsageError(
      'With --recovery-key-file no current password is asked: give the new password with --new-password-file FILE, not --password-file.',
    );
  }
  await requireVaultFile(ctx);
  const key = await readRecoveryKeyFile(ctx.io, path.resolve(ctx.io.cwd, keyFile));
  await checkKeyText(key);
  if (!(await inspectVault(ctx.vaultPath)).slotTypes.includes('recovery')) {
    // Said before the new password is asked; recoverVault checks it again (and the key itself).
    throw new CliError(
      EXIT.wrongPasswordOrTampered,
      'This vault has no recovery key, so it can only be opened with its master password (or restored from a backup).',
    );
  }
  const next = checkNewPassword(await ctx.passwords.read('new-password'));
  (await recoverVault(vaultOptions(ctx), key, next).catch(keyFormatAsUsage)).lock();
  ctx.io.stdout.write(
    'New master password set. The recovery key still works; the forgotten password opens nothing saved from now on.\n',
  );
  ctx.io.stderr.write(
    'The vault has a new data key. Backups and the previous version (' +
      `${printable(previousGenerationPath(ctx.vaultPath))}) made before this change still open with the old password.\n`,
  );
}

/** @throws CliError (usage) with the plain sentence when the key is mistyped. */
async function checkKeyText(key: string): Promise<void> {
  (await parseRecoveryKey(key).catch(keyFormatAsUsage)).fill(0);
}

/** A mistyped recovery key is a usage error (exit 1) with its plain sentence; anything else as is. */
function keyFormatAsUsage(error: unknown): never {
  if (error instanceof RecoveryKeyFormatError) throw new CliError(EXIT.usage, error.message, { cause: error });
  throw error;
}
