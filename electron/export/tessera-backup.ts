// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tessera backup: the vault format itself (docs/vault-format.md), holding the same entries under a
 * password chosen for the export, restorable on any machine with `readBackup` (then review, then
 * merge or replace: restore.ts). Written through the vault API, so it gets the vault's KDF bounds,
 * atomic write and read-back verification; built in a private temp folder next to the target and
 * renamed into place, so a half-written backup never appears under the target name.
 */
import { accountFields } from '../domain';
import { mkdtemp, rename, rm, stat, chmod } from 'node:fs/promises';
import path from 'node:path';
import { toNewVaultEntry } from '../import';
import type { ImportedEntry } from '../import/types';
import {
  checkVaultBytes,
  createVault,
  isVaultBytes,
  readVaultContents,
  readVaultFileContents,
  type Kdf,
  type VaultEntry,
  type VaultOptions,
} from '../vault';
import type { StoredIcon } from '../vault/entry';
import { applyIconChoices } from './restore';
import type { ExportEntry } from './types';

/** Vault options for the backup file, without its path (KDF, parameters, clock, randomness). */
export type BackupVaultOptions = Omit<VaultOptions, 'path'>;

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes a new vault file at `out` holding `entries`, protected by `password`. Refuses an existing
 * `out` unless `overwrite` (then the old file is replaced atomically, by rename). Mode 0600.
 * @throws VaultError from the vault layer; Error with code EEXIST when `out` exists.
 */
export async function writeTesseraBackup(
  entries: readonly ExportEntry[],
  out: string,
  password: string,
  options: BackupVaultOptions & { readonly overwrite?: boolean } = {},
): Promise<void> {
  if (!options.overwrite && (await exists(out))) {
    throw Object.assign(new Error(`${out} already exists.`), { code: 'EEXIST' });
  }
  const work = await mkdtemp(path.join(path.dirname(out), '.tessera-export-'));
  try {
    const file = path.join(work, 'backup.tessera');
    const { overwrite: _overwrite, ...vaultOptions } = options;
    const vault = await createVault({ ...vaultOptions, path: file }, password);
    // A custom icon travels as its image; a bundled or letter choice is set after the accounts are added.
    const input = entries.map((e) => toNewVaultEntry(e.icon?.kind === 'custom' ? e : { ...e, iconImage: undefined }));
    try {
      await applyIconChoices(vault, input.length > 0 ? await vault.add(input) : [], entries);
    } finally {
      for (const e of input) e.secret.fill(0);
      vault.lock();
    }
    await chmod(file, 0o600);
    if (!options.overwrite && (await exists(out))) {
      throw Object.assign(new Error(`${out} already exists.`), { code: 'EEXIST' });
    }
    await rename(file, out);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * A backup's entry as the restore review takes it (a copy; the vault's bookkeeping dropped): its
 * tags, and its icon: a custom one as its image (from the backup's `icons`), a bundled or letter
 * choice as it is.
 */
function toImported(e: VaultEntry, icons: ReadonlyMap<string, StoredIcon>): ImportedEntry {
  const custom = e.icon?.kind === 'custom' ? icons.get(e.icon.id) : undefined;
  return {
    ...accountFields(e),
    secret: e.secret,
    ...(e.tags.length > 0 ? { tags: [...e.tags] } : {}),
    ...(custom !== undefined ? { iconImage: { mime: custom.mime, bytes: Uint8Array.from(custom.bytes) } } : {}),
    ...(e.icon !== null && e.icon.kind !== 'custom' ? { icon: e.icon } : {}),
    notes: e.notes,
    favourite: e.favourite,
  };
}

/** The backup's entries for the review, each custom icon as its image from the backup's `icons`. */
function backupEntries(contents: {
  readonly entries: readonly VaultEntry[];
  readonly icons: ReadonlyMap<string, StoredIcon>;
}): ImportedEntry[] {
  return contents.entries.map((e) => toImported(e, contents.icons));
}

/**
 * Opens a Tessera backup (a vault file) with its password and returns copies of its entries, for
 * the restore review. Never writes to the backup: the KDF parameters used are the file's own, so
 * no upgrade re-wrap happens. The caller owns (and should wipe) the returned secrets.
 * @throws VaultError `wrong-password-or-tampered`, `payload-tampered`, `corrupt`, …
 */
export async function readBackup(
  file: string,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<ImportedEntry[]> {
  return backupEntries(await readVaultFileContents(file, password, options));
}

/** Whether `bytes` start like a Tessera vault file (a backup is one). */
export const isTesseraBackup = isVaultBytes;

/**
 * Checks a backup's structure and header without its password, so a damaged file or one from a
 * newer Tessera is refused before the user types the password.
 * @throws VaultError `corrupt` or `unsupported-version`.
 */
export const checkBackupBytes = checkVaultBytes;

/**
 * {@link readBackup} for a backup already in memory (picked in the app's dialog or dropped on its
 * window). Nothing is written anywhere.
 * @throws VaultError `wrong-password-or-tampered`, `payload-tampered`, `corrupt`, `unsupported-version`.
 */
export async function readBackupBytes(
  bytes: Uint8Array,
  password: string,
  options: { readonly kdf?: Kdf } = {},
): Promise<ImportedEntry[]> {
  return backupEntries(await readVaultContents(bytes, password, options));
}
