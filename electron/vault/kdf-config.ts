// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * This computer's Argon2id parameters: calibrated when its first vault is created, to keep unlock
 * near 1 s, raised when a later unlock shows the computer is faster, and stored in this computer's
 * app data folder, so the desktop app and the CLI wrap with the same parameters (if they differed,
 * each unlock by one would re-wrap the key and make the other re-lock). Never beside a vault that
 * may be synchronised: a slower or faster computer has its own.
 *
 * The file holds no secret. It is not authenticated: anyone who can write it can also replace the
 * app, and whatever it says is clamped by the floor, so it can never weaken a vault below
 * ops 2 / 64 MiB. Out-of-bounds or malformed content is ignored (the defaults apply).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  calibrateKdfParams,
  KDF_DEFAULT,
  kdfParamsInBounds,
  raisedKdfParams,
  type Kdf,
  type KdfMeasurement,
  type KdfParams,
} from './kdf';
import { sharedDefaultKdf } from './kdf-default';
import { writePrivateFile } from './private-file';

export const KDF_CONFIG_FILE_NAME = 'kdf-params.json';

/** Where this computer's parameters are kept: `<app data folder>/kdf-params.json`. */
export function kdfConfigPath(dataFolder: string): string {
  return path.join(dataFolder, KDF_CONFIG_FILE_NAME);
}

/** The stored parameters, or null when there are none usable. Synchronous: a tiny file read at start-up. */
export function readMachineKdfParams(dataFolder: string): KdfParams | null {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(kdfConfigPath(dataFolder), 'utf8'));
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
export async function writeMachineKdfParams(dataFolder: string, params: KdfParams): Promise<void> {
  const text = `${JSON.stringify({ opslimit: params.opslimit, memlimit: params.memlimit })}\n`;
  await writePrivateFile(kdfConfigPath(dataFolder), text, { createFolder: true });
}

/**
 * The parameters to create a vault with: the stored ones, or a fresh calibration (the fastest of a
 * few timed derivations with the KDF that unlocks use), which is then stored.
 */
export async function machineKdfParams(
  dataFolder: string,
  options: { kdf?: Kdf; calibrate?: (kdf: Kdf) => Promise<KdfParams> } = {},
): Promise<KdfParams> {
  const stored = readMachineKdfParams(dataFolder);
  if (stored) return stored;
  const params = await (options.calibrate ?? calibrateKdfParams)(options.kdf ?? sharedDefaultKdf());
  await writeMachineKdfParams(dataFolder, params);
  return params;
}

/**
 * `VaultOptions.raiseKdfParams` for this computer: when an unlock's derivation shows the computer
 * can afford the next rung above its stored parameters (or the default when none are stored), stores
 * that rung and returns it, so the unlock re-wraps the key slot with it. Never lowers them.
 */
export function machineKdfRaiser(
  dataFolder: string,
  targetMs?: number,
): (measured: KdfMeasurement) => Promise<KdfParams | null> {
  return async (measured) => {
    const next = raisedKdfParams(measured, readMachineKdfParams(dataFolder) ?? KDF_DEFAULT, targetMs);
    if (next === null) return null;
    await writeMachineKdfParams(dataFolder, next);
    return next;
  };
}
