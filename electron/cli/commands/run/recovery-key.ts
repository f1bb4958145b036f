// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera recovery-key --out FILE [--replace]`: makes the vault's recovery key (replacing an earlier
 * one only with --replace) and writes it, as a page to print, to FILE (0600), which must not exist.
 * The key is never printed. `--remove` takes the recovery key away.
 *
 * Order, so that a failure never leaves a key nobody was given without saying so: FILE is checked
 * (absent, its folder writable) before the password is asked; after the unlock FILE is created empty
 * and exclusively (nothing can take its place), then the key is made and the vault saved, then the
 * page is written over the empty FILE. If that last write fails, the vault has a recovery key that
 * nobody holds: the message says so and how to make another.
 */
import { constants } from 'node:fs';
import { access, lstat, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { previousGenerationPath, writePrivateFile, type UnlockedVault } from '../../../vault';
import { flag, stringOption, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { CliError, EXIT, UsageError } from '../../errors';
import { printable } from '../../io';
import { recoveryKeyPage } from '../../../domain/recovery-key';

/** Runs `tessera recovery-key` (the spec, options and help are in ../recovery-key.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const outOption = stringOption(args, 'out');
  const replace = flag(args, 'replace');
  if (flag(args, 'remove')) {
    if (outOption !== undefined || replace) throw new UsageError('--remove takes neither --out nor --replace.');
    await withVault(ctx, (vault, password) => removeKey(ctx, vault, password));
    return;
  }
  if (outOption === undefined) throw new UsageError('Give the file to write the recovery key to with --out FILE.');
  if (outOption === '-') {
    throw new UsageError('The recovery key is written only to a file, never to standard output: give --out FILE.');
  }
  const out = path.resolve(ctx.io.cwd, outOption);
  await checkOut(out);
  const prev = printable(previousGenerationPath(ctx.vaultPath));
  await withVault(ctx, async (vault, password) => {
    const hadKey = vault.hasRecoveryKey;
    if (hadKey) {
      if (!replace) {
        throw new CliError(
          EXIT.usage,
          'This vault already has a recovery key. A new one replaces it, and the old one stops working: ' +
            'add --replace to make a new one.',
        );
      }
      ctx.io.stderr.write(
        'The new recovery key replaces the vault’s earlier one, which stops working now (copies of the vault ' +
          `made before, such as backups and ${prev}, still open with it: they are snapshots).\n`,
      );
    }
    await reserve(out);
    let key: string;
    try {
      key = await vault.createRecoveryKey(password);
    } catch (error) {
      await rm(out, { force: true }).catch(() => undefined);
      throw error;
    }
    try {
      await writePrivateFile(
        out,
        recoveryKeyPage({ recoveryKey: key, vaultPath: vault.path, createdAt: ctx.io.now() }),
      );
    } catch (cause) {
      await rm(out, { force: true }).catch(() => undefined);
      const code = (cause as NodeJS.ErrnoException).code ?? 'error';
      throw new CliError(
        EXIT.io,
        `The vault now has a new recovery key, but it could not be written to ${printable(out)} (${code}), so ` +
          'nobody holds it' +
          (hadKey ? ' and the earlier one no longer works' : '') +
          ". Run 'tessera recovery-key --replace --out FILE' again with another FILE.",
        { cause },
      );
    }
  });
  ctx.io.stdout.write(`Recovery key written to ${printable(out)}.\n`);
  ctx.io.stderr.write(
    'Print it or copy it onto paper, keep it somewhere safe and offline, then delete the file: whoever has ' +
      'the key can set a new master password.\n',
  );
}

/**
 * Before any password: FILE must not exist (not even as a link), and its folder must take a new file.
 * @throws CliError: usage when FILE exists, io when the folder cannot be written.
 */
async function checkOut(out: string): Promise<void> {
  const present = await lstat(out).then(
    () => true,
    () => false,
  );
  if (present) {
    throw new CliError(
      EXIT.usage,
      `${printable(out)} already exists; choose another --out (a recovery key file is never replaced).`,
    );
  }
  const folder = path.dirname(out);
  try {
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    await access(folder, constants.W_OK | constants.X_OK);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    throw new CliError(EXIT.io, `Cannot write to the folder ${printable(folder)} (${code}); choose another --out.`, {
      cause,
    });
  }
}

/** Creates FILE empty, 0600, failing if anything is there: no other file can take its place. */
async function reserve(out: string): Promise<void> {
  try {
    await (await open(out, 'wx', 0o600)).close();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'EEXIST') {
      throw new CliError(EXIT.usage, `${printable(out)} already exists; choose another --out. Nothing was changed.`, {
        cause,
      });
    }
    throw new CliError(EXIT.io, `Cannot create ${printable(out)} (${code}); nothing was changed.`, { cause });
  }
}

async function removeKey(ctx: CommandContext, vault: UnlockedVault, password: string): Promise<void> {
  if (!vault.hasRecoveryKey) {
    ctx.io.stdout.write('This vault has no recovery key; nothing was changed.\n');
    return;
  }
  await vault.removeRecoveryKey(password);
  ctx.io.stdout.write('Recovery key removed: it no longer opens the vault.\n');
  ctx.io.stderr.write(
    'Copies of the vault made before now (backups, ' +
      `${printable(previousGenerationPath(ctx.vaultPath))}) still open with it: they are snapshots.\n`,
  );
}
