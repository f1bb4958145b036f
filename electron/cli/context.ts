// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What every command gets: the ports, the vault path, the password sources and the KDF; plus the
 * one way a command opens the vault (absent → exit 4 before any password is asked).
 */
import {
  machineKdfRaiser,
  readMachineKdfParams,
  unlockVault,
  vaultFileState,
  vaultFilePresentPatiently,
  type Kdf,
  type UnlockedVault,
  type VaultOptions,
} from '../vault';
import type { AbsorbResult } from '../services/conflict-absorber';
import { absorbForCommand } from './conflict-copies';
import { CliError, EXIT } from './errors';
import type { CliIo } from './io';
import type { Passwords } from './password';
import { vaultNotThere, type ResolvedVaultLocation } from '../services/vault-location';
import { appDataFolder } from './paths';

export interface CommandContext {
  readonly io: CliIo;
  readonly vaultPath: string;
  /** How `vaultPath` was found (`--vault`, `TESSERA_VAULT`, this computer's setting, the default); absent: not said. */
  readonly location?: ResolvedVaultLocation;
  readonly passwords: Passwords;
  /** The KDF for this run (native Argon2id, else WebAssembly in a worker thread, unless injected). */
  readonly kdf: () => Kdf;
}

/**
 * Vault options for this run: the file, the KDF and the injected clock. Parameters: this
 * computer's, shared with the desktop app (kdf-params.json in its data folder, whatever vault is
 * opened), raised after an unlock that shows the computer is faster; else the vault's defaults.
 * Tests inject fixed parameters (`io.kdfParams`), which are never raised.
 */
export function vaultOptions(ctx: CommandContext): VaultOptions {
  const options: VaultOptions = { path: ctx.vaultPath, kdf: ctx.kdf(), now: ctx.io.now };
  if (ctx.io.kdfParams) return { ...options, kdfParams: ctx.io.kdfParams };
  const dataFolder = appDataFolder(ctx.io);
  const params = readMachineKdfParams(dataFolder);
  return { ...options, ...(params ? { kdfParams: params } : {}), raiseKdfParams: machineKdfRaiser(dataFolder) };
}

/** Exit 4 with a hint when there is no vault file yet. */
export async function requireVaultFile(ctx: CommandContext): Promise<void> {
  // A sync tool replacing the vault leaves it missing for a moment: that is waited out.
  const present = await vaultFilePresentPatiently(ctx.vaultPath, {
    waitMs: 3_000,
    now: () => performance.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    exists: async (file) => (await vaultFileState(file)) === 'present',
  });
  if (!present) {
    // This computer's setting names a file that is not there now: never a hint to make another one.
    if (ctx.location?.problem?.kind === 'missing') {
      throw new CliError(
        EXIT.notFound,
        `${vaultNotThere(ctx.vaultPath)} Connect it, or pass --vault FILE (the app can choose the vault again).`,
      );
    }
    throw new CliError(
      EXIT.notFound,
      `No vault at ${ctx.vaultPath}. Create one with 'tessera init', or pass --vault FILE.`,
    );
  }
}

/**
 * Unlocks the vault with the password from the run's source, merges the conflict copies beside it
 * (conflict-copies.ts), runs `fn` (given the password too, for a change that must check it again,
 * such as a recovery key's, and what the merge found), then locks it (wiping the data key and
 * secrets) whatever happened.
 */
export async function withVault<T>(
  ctx: CommandContext,
  fn: (vault: UnlockedVault, password: string, absorbed: AbsorbResult | null) => Promise<T>,
): Promise<T> {
  await requireVaultFile(ctx);
  const password = await ctx.passwords.read('vault');
  const vault = await unlockVault(vaultOptions(ctx), password);
  try {
    const absorbed = await absorbForCommand(ctx, vault, password);
    return await fn(vault, password, absorbed);
  } finally {
    vault.lock();
  }
}
