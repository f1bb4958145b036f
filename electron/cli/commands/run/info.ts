// SPDX-License-Identifier: GPL-3.0-or-later
/** `tessera info [--json]`: format version, KDF parameters, entry count, recovery key and file path. */
import path from 'node:path';
import type { KdfEngine, VaultLocationSource } from '../../../domain';
import { vaultLocationPathIn } from '../../../services/vault-location';
import { inspectVault } from '../../../vault';
import { flag, type CommandArgs } from '../../command';
import type { AbsorbResult } from '../../../services/conflict-absorber';
import { withVault, type CommandContext } from '../../context';
import { appDataFolder } from '../../paths';
import { formatTable, printable, toJsonLine } from '../../io';

/** `info --json`; a stable shape (docs/cli.md). */
export interface VaultInfo {
  readonly path: string;
  /** The vault's folder (it may be one a sync tool shares with other computers). */
  readonly folder: string;
  /** How the path was found: `--vault`, `TESSERA_VAULT`, this computer's setting (the app's), or the default. */
  readonly locationSource: VaultLocationSource;
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
  /** The conflict copies found beside the vault in this run (merged first, as every command does); null when it could not look. */
  readonly conflictCopies: ConflictCopiesInfo | null;
}

/** `info --json`'s `conflictCopies`: file names in the vault's folder. */
export interface ConflictCopiesInfo {
  /** Merged into the vault in this run and moved to the backups folder. */
  readonly merged: readonly string[];
  /** Copies of this vault saved with another password, left where they are. */
  readonly needPassword: readonly string[];
  /** Files named like a conflict copy that hold another vault, left where they are. */
  readonly otherVaults: readonly string[];
  /** Copies that could not be merged or moved, with why. */
  readonly failed: readonly { readonly file: string; readonly message: string }[];
}

function conflictCopiesInfo(absorbed: AbsorbResult | null): ConflictCopiesInfo | null {
  if (!absorbed) return null;
  return {
    merged: absorbed.merged.map((m) => m.file),
    needPassword: [...absorbed.needPassword],
    otherVaults: [...absorbed.otherVaults],
    failed: absorbed.failed.map(({ file, message }) => ({ file, message })),
  };
}

/** "none found", or "1 merged; needs its password: a.tessera; another vault: b.tessera; 1 failed". */
function conflictCopiesText(copies: ConflictCopiesInfo | null): string {
  if (!copies) return 'could not look in the folder';
  const parts = [
    ...(copies.merged.length > 0 ? [`${copies.merged.length} merged (moved to the backups folder)`] : []),
    ...(copies.needPassword.length > 0
      ? [`need their password: ${copies.needPassword.map(printable).join(', ')}`]
      : []),
    ...(copies.otherVaults.length > 0 ? [`other vaults: ${copies.otherVaults.map(printable).join(', ')}`] : []),
    ...(copies.failed.length > 0 ? [`not merged: ${copies.failed.map((f) => printable(f.file)).join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : 'none found';
}

/** Runs `tessera info` (the spec, options and help are in ../info.ts). */
export async function run(ctx: CommandContext, args: CommandArgs): Promise<void> {
  const info = await withVault(ctx, async (vault, _password, absorbed): Promise<VaultInfo> => {
    const header = await inspectVault(ctx.vaultPath);
    const engine = (await ctx.kdf().engine?.()) ?? null;
    return {
      path: vault.path,
      folder: path.dirname(vault.path),
      locationSource: ctx.location?.source ?? 'option',
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
      conflictCopies: conflictCopiesInfo(absorbed),
    };
  });
  if (flag(args, 'json')) {
    ctx.io.stdout.write(toJsonLine(info));
    return;
  }
  ctx.io.stdout.write(
    formatTable([
      ['Vault file:', info.path],
      ['Vault folder:', info.folder],
      ['Found through:', sourceText(ctx, info.locationSource)],
      ['Format version:', String(info.formatVersion)],
      ['Generation:', String(info.generation)],
      ['Key derivation:', `Argon2id, ${info.kdf.opslimit} passes, ${info.kdf.memlimitBytes / 1024 / 1024} MiB`],
      ['Computed by:', engineText(info.kdf)],
      ['Entries:', String(info.entryCount)],
      ['Recovery key:', info.recoveryKey ? 'yes' : 'no'],
      ['Sync conflicts:', conflictCopiesText(info.conflictCopies)],
    ]),
  );
}

/** How the vault's path was found, in words. */
function sourceText(ctx: CommandContext, source: VaultLocationSource): string {
  switch (source) {
    case 'option':
      return 'the --vault option';
    case 'environment':
      return 'the TESSERA_VAULT environment variable';
    case 'computer':
      return `this computer's setting (${vaultLocationPathIn(appDataFolder(ctx.io))})`;
    case 'default':
      return "the default: the desktop app's data folder";
  }
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
