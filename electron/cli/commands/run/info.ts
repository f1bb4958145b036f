// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera info [--json]`: format version, KDF parameters, entry count and file path. */
import { inspectVault } from '../../../vault';
import { flag, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { formatTable, toJsonLine } from '../../io';

/** `info --json`; a stable shape (docs/cli.md). */
export interface VaultInfo {
  readonly path: string;
  readonly formatVersion: number;
  readonly generation: number;
  readonly kdf: { readonly algorithm: 'argon2id13'; readonly opslimit: number; readonly memlimitBytes: number };
  readonly entryCount: number;
}

/** Runs `tessera info` (the spec, options and help are in ../info.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const info = await withVault(ctx, async (vault): Promise<VaultInfo> => {
    const header = await inspectVault(ctx.vaultPath);
    return {
      path: vault.path,
      formatVersion: header.formatVersion,
      generation: vault.generation,
      kdf: { algorithm: 'argon2id13', opslimit: vault.kdf.opslimit, memlimitBytes: vault.kdf.memlimit },
      entryCount: vault.entries().length,
    };
  });
  if (flag(args, 'json')) {
    ctx.io.stdout.write(toJsonLine(info));
    return;
  }
  ctx.io.stdout.write(
    formatTable([
      ['Vault file:', info.path],
      ['Format version:', String(info.formatVersion)],
      ['Generation:', String(info.generation)],
      ['Key derivation:', `Argon2id, ${info.kdf.opslimit} passes, ${info.kdf.memlimitBytes / 1024 / 1024} MiB`],
      ['Entries:', String(info.entryCount)],
    ]),
  );
}
