// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where this computer keeps the vault: a small pointer file, `vault-location.json`, in the app's
 * data folder (per computer, never in a synchronised folder), written when the vault is moved or
 * chosen in the app. The app and the CLI both decide the vault's path here, strongest first:
 * `--vault FILE`, `TESSERA_VAULT`, the pointer, the default file in the data folder.
 *
 * A pointer that cannot be read is reported in words and the default is used; a pointer naming a
 * file that is not there now (a drive not connected, a synchronised folder not yet delivered) is
 * kept and reported, never silently replaced by the default: a new vault made there would fork the
 * user's accounts.
 */
import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { VaultLocationProblem, VaultLocationSource } from '../domain';
import { isErrnoException } from '../vault/errors';
import { writePrivateFile } from '../vault';

/** The pointer's file name in the app's data folder. */
export const VAULT_LOCATION_FILE_NAME = 'vault-location.json';

/** The pointer's format version (the `version` field). */
const POINTER_VERSION = 1;

/** A path longer than this is not one Tessera wrote. */
const MAX_POINTER_PATH = 4096;

/** A larger pointer file is not one Tessera wrote. */
const MAX_POINTER_BYTES = 16 * 1024;

/** The pointer file in `dataFolder`. */
export function vaultLocationPathIn(dataFolder: string): string {
  return path.join(dataFolder, VAULT_LOCATION_FILE_NAME);
}

/** The pointer file exists but cannot be used; `message` says so in words, `details` names the file and the fault. */
export class VaultLocationError extends Error {
  constructor(
    message: string,
    readonly details: string,
  ) {
    super(message);
    this.name = 'VaultLocationError';
  }
}

function damaged(file: string, fault: string): VaultLocationError {
  return new VaultLocationError(
    `This computer's record of where the vault is (${file}) is damaged, so Tessera cannot tell where your vault ` +
      'is. Choose the vault file again (or move it in Settings), or delete that record to use the default folder.',
    `${file}: ${fault}`,
  );
}

/** Why `vaultPath` cannot be kept in the pointer, or null. Vault files are absolute `*.tessera` paths. */
export function vaultPathProblem(vaultPath: string): string | null {
  if (vaultPath.length === 0 || vaultPath.length > MAX_POINTER_PATH) return 'the path is empty or too long';
  if (vaultPath.includes('\0')) return 'the path contains a NUL character';
  if (!path.isAbsolute(vaultPath)) return 'the path is not absolute';
  if (!/\.tessera$/i.test(vaultPath) || path.basename(vaultPath).length <= '.tessera'.length) {
    return 'the file name does not end in .tessera';
  }
  return null;
}

/**
 * The vault file this computer's pointer names, or null when there is no pointer.
 * @throws VaultLocationError when the pointer exists but cannot be read or is not one Tessera wrote.
 */
export function readVaultLocation(dataFolder: string): string | null {
  const file = vaultLocationPathIn(dataFolder);
  let text: string;
  try {
    if (statSync(file).size > MAX_POINTER_BYTES) throw damaged(file, 'larger than 16 KiB');
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof VaultLocationError) throw error;
    if (isErrnoException(error) && error.code === 'ENOENT') return null;
    throw damaged(file, isErrnoException(error) ? `cannot be read (${error.code ?? error.message})` : String(error));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw damaged(file, `not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw damaged(file, 'not an object');
  const { version, vault } = parsed as Record<string, unknown>;
  if (version !== POINTER_VERSION) throw damaged(file, `unknown version ${JSON.stringify(version)}`);
  if (typeof vault !== 'string') throw damaged(file, "'vault' is not text");
  const problem = vaultPathProblem(vault);
  if (problem) throw damaged(file, problem);
  return vault;
}

/**
 * Remembers `vaultPath` as this computer's vault (0600, written atomically: a crash leaves the old
 * pointer or the new one); null forgets it, so the default file is used again.
 * @throws Error for a path that cannot be kept (vaultPathProblem); the file system's errors.
 */
export async function writeVaultLocation(dataFolder: string, vaultPath: string | null): Promise<void> {
  const file = vaultLocationPathIn(dataFolder);
  if (vaultPath === null) {
    await rm(file, { force: true });
    return;
  }
  const problem = vaultPathProblem(vaultPath);
  if (problem) throw new Error(`Tessera cannot remember ${vaultPath} as the vault: ${problem}.`);
  const text = `${JSON.stringify({ version: POINTER_VERSION, vault: vaultPath }, null, 2)}\n`;
  await writePrivateFile(file, text, { createFolder: true });
}

/** Where the vault is, how that was decided, and what is wrong with it if anything. */
export interface ResolvedVaultLocation {
  readonly path: string;
  readonly source: VaultLocationSource;
  readonly problem: VaultLocationProblem | null;
}

export interface VaultLocationInputs {
  /** `--vault FILE`; relative paths resolve against `cwd`. */
  readonly option?: string | undefined;
  /** The value of `TESSERA_VAULT`. */
  readonly environment?: string | undefined;
  /** The app's data folder on this computer (Electron's `userData`; the CLI computes the same). */
  readonly dataFolder: string;
  /** The default vault file: `<dataFolder>/vault.tessera`. */
  readonly defaultPath: string;
  readonly cwd?: string;
}

/** What happened when this computer's pointer names a file that is not there now. */
export function vaultNotThere(vaultPath: string): string {
  return (
    `Tessera's vault was at ${vaultPath}, which is not there now (a drive not connected, or a sync folder not yet ` +
    'synchronised).'
  );
}

/** The same with what to do, for the window. */
export function missingVaultMessage(vaultPath: string): string {
  return `${vaultNotThere(vaultPath)} Connect it, or choose the vault again.`;
}

/**
 * The vault's path, strongest first: the option, the environment, this computer's pointer, the
 * default. A damaged pointer gives the default with the problem in words; a pointer to a missing
 * file gives that file (never the default) with the problem in words.
 */
export function resolveVaultLocation(inputs: VaultLocationInputs): ResolvedVaultLocation {
  const cwd = inputs.cwd ?? process.cwd();
  const option = nonEmpty(inputs.option);
  if (option !== undefined) return { path: path.resolve(cwd, option), source: 'option', problem: null };
  const environment = nonEmpty(inputs.environment);
  if (environment !== undefined) return { path: path.resolve(cwd, environment), source: 'environment', problem: null };
  let pointed: string | null;
  try {
    pointed = readVaultLocation(inputs.dataFolder);
  } catch (error) {
    if (!(error instanceof VaultLocationError)) throw error;
    return {
      path: inputs.defaultPath,
      source: 'default',
      problem: { kind: 'damaged', message: error.message, details: error.details },
    };
  }
  if (pointed === null) return { path: inputs.defaultPath, source: 'default', problem: null };
  return {
    path: pointed,
    source: 'computer',
    problem: isMissing(pointed) ? { kind: 'missing', message: missingVaultMessage(pointed) } : null,
  };
}

/** True when nothing is at `file` (a file that exists but cannot be read is not "missing"). */
export function isMissing(file: string): boolean {
  try {
    statSync(file);
    return false;
  } catch (error) {
    return isErrnoException(error) && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
  }
}

/**
 * `--vault FILE` or `--vault=FILE` among the desktop app's command-line arguments (the CLI parses
 * its own); the last one wins.
 */
export function vaultOptionFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith('--vault=')) found = arg.slice('--vault='.length);
    else if (arg === '--vault' && i + 1 < argv.length) found = argv[++i];
  }
  return nonEmpty(found);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
