// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `tessera init`: creates an empty vault (the password is asked twice on a terminal). The path is
 * checked before any password is asked: an existing vault is never overwritten, a folder is named as
 * a folder, and a symbolic link is created through (into its target), never replaced; a link into a
 * folder that does not exist is refused.
 */
import path from 'node:path';
import { assertLinkedFolderExists, createVault, isFolder, machineKdfParams, vaultFileState } from '../../../vault';
import { vaultOptions, type CommandContext } from '../../context';
import { CliError, EXIT } from '../../errors';
import { appDataFolder } from '../../paths';
import { checkNewPassword } from '../new-password';

/** Runs `tessera init` (the spec, options and help are in ../init.ts). */
export async function run(ctx: CommandContext): Promise<void> {
  if (await isFolder(ctx.vaultPath)) {
    throw new CliError(
      EXIT.usage,
      `${ctx.vaultPath} is a folder, not a vault file. Name the file to create inside it, for example ` +
        `--vault ${path.join(ctx.vaultPath, 'vault.tessera')}.`,
    );
  }
  if ((await vaultFileState(ctx.vaultPath)) === 'present') {
    throw new CliError(EXIT.usage, `A vault already exists at ${ctx.vaultPath}; it was left as it is.`);
  }
  await assertLinkedFolderExists(ctx.vaultPath);
  const password = checkNewPassword(await ctx.passwords.read('new-vault'));
  // This computer's parameters, calibrated now if it has none yet (docs/cli.md, key derivation).
  const kdfParams = ctx.io.kdfParams ?? (await machineKdfParams(appDataFolder(ctx.io), { kdf: ctx.kdf() }));
  const vault = await createVault({ ...vaultOptions(ctx), kdfParams }, password);
  const { opslimit, memlimit } = vault.kdf;
  vault.lock();
  ctx.io.stdout.write(
    `Created an empty vault at ${ctx.vaultPath} (Argon2id, ${opslimit} passes, ${memlimit / 1024 / 1024} MiB).\n`,
  );
}
