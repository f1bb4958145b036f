// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The desktop app's usage counts on this computer (usage.json in its data folder, the app's own
 * store: electron/services/usage-store.ts), as the CLI reads and adds to them: `tessera code` counts
 * the codes it shows, `tessera list` sorts by them and prints them. Whatever `--vault` says, the file
 * is this computer's, and the vault's id keeps each vault's counts apart. The CLI never creates the
 * data folder for it, and a file it cannot read or write only means no counts: never an error.
 * Imported by command bodies only.
 */
import path from 'node:path';
import type { UsageMap } from '../domain';
import { createUsageStore, USAGE_FILE_NAME, type UsageStore } from '../services/usage-store';
import type { UnlockedVault } from '../vault';
import type { CommandContext } from './context';
import { appDataFolder, type PathContext } from './paths';

/** `<app data folder>/usage.json`, as the desktop app finds it. */
export function appUsagePath(ctx: PathContext): string {
  const join = ctx.platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataFolder(ctx), USAGE_FILE_NAME);
}

function store(ctx: CommandContext): UsageStore {
  return createUsageStore({ path: appUsagePath(ctx.io), now: ctx.io.now, createFolder: false });
}

const liveIds = (vault: UnlockedVault): string[] => vault.entries().map((e) => e.id);

/** How often and how lately each account of the open vault was copied or shown on this computer. */
export async function readUsage(ctx: CommandContext, vault: UnlockedVault): Promise<UsageMap> {
  return store(ctx).read(vault.vaultId, liveIds(vault));
}

/** Counts one use of each of `entryIds` (codes shown); never fails the command. */
export async function recordUses(
  ctx: CommandContext,
  vault: UnlockedVault,
  entryIds: readonly string[],
): Promise<void> {
  await store(ctx).record(vault.vaultId, entryIds, liveIds(vault));
}
