// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera info [--json]`: format version, KDF parameters, entry count, recovery key and file path. */
import type { KdfEngine } from '../../../domain';
import { inspectVault } from '../../../vault';
import { flag, type CommandArgs } from '../../command';
import { withVault, type CommandContext } from '../../context';
import { formatTable, toJsonLine } from '../../io';

/** `info --json`; a stable shape (docs/cli.md). */
export interface VaultInfo {
  readonly path: string;
  readonly formatVersion: number;
  readonly generation: number;
  readonly kdf: {
    readonly algorithm: 'argon2id13';
    readonly opslimit: number;
    readonly memlimitBytes: number;
    /** The implementation that derived the key in this run; null for an injected stand-in. */
    readonly engine: KdfEngine['name'] | null;
    readonly fallbackReason: string | null;
    /** How long deriving the key took on this computer, in milliseconds. */
    readonly deriveMs: number;
  };
  readonly entryCount: number;
  /** Whether the vault has a recovery key (`tessera recovery-key`). */
  readonly recoveryKey: boolean;
}

/** Runs `tessera info` (the spec, options and help are in ../info.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const info = await withVault(ctx, async (vault): Promise<VaultInfo> => {
    const header = await inspectVault(ctx.vaultPath);
    const engine = (await ctx.kdf().engine?.()) ?? null;
    return {
      path: vault.path,
      formatVersion: header.formatVersion,
      generation: vault.generation,
      kdf: {
        algorithm: 'argon2id13',
        opslimit: vault.kdf.opslimit,
        memlimitBytes: vault.kdf.memlimit,
        engine: engine?.name ?? null,
        fallbackReason: engine?.fallbackReason ?? null,
        deriveMs: Math.round(vault.deriveMs ?? 0), // a password unlock always derives
      },
      entryCount: vault.entries().length,
      recoveryKey: vault.hasRecoveryKey,
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
      ['Computed by:', engineText(info.kdf)],
      ['Entries:', String(info.entryCount)],
      ['Recovery key:', info.recoveryKey ? 'yes' : 'no'],
    ]),
  );
}

/** "native Argon2id, 486 ms on this computer", or the fallback and why. */
function engineText(kdf: VaultInfo['kdf']): string {
  const took = `${kdf.deriveMs} ms on this computer`;
  if (kdf.engine === 'native') return `native Argon2id, ${took}`;
  if (kdf.engine === 'webassembly') {
    return `libsodium's WebAssembly Argon2id${kdf.fallbackReason ? ` (${kdf.fallbackReason})` : ''}, ${took}`;
  }
  return took;
}
