// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The machine's Argon2id parameters: calibrated once, on first run, to keep unlock near 1 s, and
 * stored beside the vault so the desktop app and the CLI wrap with the same parameters (if they
 * differed, each unlock by one would re-wrap the key and make the other re-lock).
 *
 * The file holds no secret. It is not authenticated: anyone who can write it can also replace the
 * app, and whatever it says is clamped by the floor, so it can never weaken a vault below
 * ops 2 / 64 MiB. Out-of-bounds or malformed content is ignored (the defaults apply).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { calibrateKdfParams, kdfParamsInBounds, type Kdf, type KdfParams } from './kdf';
import { sharedWorkerKdf } from './kdf-worker';
import { writePrivateFile } from './private-file';

export const KDF_CONFIG_FILE_NAME = 'kdf-params.json';

/** Where the parameters for the vault at `vaultPath` are kept. */
export function kdfConfigPath(vaultPath: string): string {
  return path.join(path.dirname(vaultPath), KDF_CONFIG_FILE_NAME);
}

/** The stored parameters, or null when there are none usable. Synchronous: a tiny file read at start-up. */
export function readMachineKdfParams(vaultPath: string): KdfParams | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(kdfConfigPath(vaultPath), 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { opslimit, memlimit } = raw as Record<string, unknown>;
  if (!Number.isSafeInteger(opslimit) || !Number.isSafeInteger(memlimit)) return null;
  const params = { opslimit: opslimit as number, memlimit: memlimit as number };
  return kdfParamsInBounds(params) ? params : null;
}

/** Writes the parameters as a private file (crash-safe, readable by the user only). */
export async function writeMachineKdfParams(vaultPath: string, params: KdfParams): Promise<void> {
  const text = `${JSON.stringify({ opslimit: params.opslimit, memlimit: params.memlimit })}\n`;
  await writePrivateFile(kdfConfigPath(vaultPath), text, { createFolder: true });
}

/**
 * The parameters to create a vault with: the stored ones, or a fresh calibration (one timed
 * derivation with the worker KDF that unlocks use), which is then stored.
 */
export async function machineKdfParams(
  vaultPath: string,
  options: { kdf?: Kdf; calibrate?: (kdf: Kdf) => Promise<KdfParams> } = {},
): Promise<KdfParams> {
  const stored = readMachineKdfParams(vaultPath);
  if (stored) return stored;
  const params = await (options.calibrate ?? calibrateKdfParams)(options.kdf ?? sharedWorkerKdf());
  await writeMachineKdfParams(vaultPath, params);
  return params;
}
