// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The `tessera` program the sync tests run as real processes (test/sync/two-computers.test.ts):
 * the CLI's own `main` on the real process's ports, with two test settings only, the same ones the
 * in-process CLI tests use (test/electron/cli/harness.ts): the same-thread KDF, and the floor KDF
 * parameters for new key wraps, so that no unlock re-wraps the key slot with stronger parameters
 * (`bin/tessera.js` would raise a floor vault to this computer's parameters on its first unlock,
 * and every run would then cost a full-strength derivation). Everything else — the vault file, the
 * lock file, saving, merging, absorbing conflict copies, the app data folder (`XDG_CONFIG_HOME`) —
 * is the real code on real files.
 *
 * One command of its own, for what the CLI cannot do yet: `sync-edit QUERY [--issuer I]
 * [--tags JSON] [--notes TEXT] [--favourite true|false]` changes one account's names, tags, notes
 * or favourite through the same path every command opens the vault by (`withVault`), and prints
 * `{"changed": {...}}`, the account's change times after the save.
 *
 * Bundled by the test with scripts/run-ts.mjs (rolldown) into .cache/run-ts/ and run with `node`.
 */
import { parseArgs } from 'node:util';
import { main } from '../../electron/cli';
import { withVault, type CommandContext } from '../../electron/cli/context';
import { describeFailure, EXIT } from '../../electron/cli/errors';
import { nodeIo, type CliIo } from '../../electron/cli/io';
import { createPasswords } from '../../electron/cli/password';
import { resolveVaultPath } from '../../electron/cli/paths';
import { findEntries } from '../../electron/cli/query';
import type { EntryPatch } from '../../electron/domain';
import { createInlineKdf, KDF_FLOOR } from '../../electron/vault';

/** The command this file adds beside the CLI's own. */
export const SYNC_EDIT = 'sync-edit';

async function syncEdit(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      vault: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      issuer: { type: 'string' },
      tags: { type: 'string' },
      notes: { type: 'string' },
      favourite: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const query = positionals[0] ?? '';
  const patch: { -readonly [K in keyof EntryPatch]: EntryPatch[K] } = {};
  if (values.issuer !== undefined) patch.issuer = values.issuer;
  if (values.tags !== undefined) patch.tags = JSON.parse(values.tags) as string[];
  if (values.notes !== undefined) patch.notes = values.notes;
  if (values.favourite !== undefined) patch.favourite = values.favourite === 'true';
  const kdf = io.kdf ?? createInlineKdf();
  const ctx: CommandContext = {
    io,
    vaultPath: resolveVaultPath(values.vault, io, io.cwd),
    passwords: createPasswords(io, { 'password-stdin': values['password-stdin'] === true }),
    kdf: () => kdf,
  };
  try {
    await withVault(ctx, async (vault) => {
      const matches = findEntries(vault.entries(), query);
      if (matches.length !== 1) {
        throw Object.assign(new Error(`No account matches '${query}' (${matches.length} found).`), {
          exitCode: EXIT.notFound,
        });
      }
      const updated = await vault.update(matches[0]!.id, patch);
      // The change times after the save say which parts this edit really changed (model.ts).
      io.stdout.write(`${JSON.stringify({ changed: updated.changed })}\n`);
    });
    return EXIT.ok;
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    if (code !== undefined) {
      io.stderr.write(`tessera: ${(error as Error).message}\n`);
      return code;
    }
    const { exitCode, message } = describeFailure(error);
    io.stderr.write(`tessera: ${message}\n`);
    return exitCode;
  }
}

async function run(): Promise<void> {
  const io: CliIo = { ...nodeIo(), kdf: createInlineKdf(), kdfParams: KDF_FLOOR };
  const argv = process.argv.slice(2);
  process.exitCode = argv[0] === SYNC_EDIT ? await syncEdit(argv.slice(1), io) : await main(argv, io);
}

void run();
