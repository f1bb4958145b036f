// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reading the vault file for a save or a reload, patiently. A sync tool (Syncthing, for one)
 * replaces the vault by deleting it and renaming the new file in, so for a moment there is no file
 * (docs/dev/sync-testing.md). A missing file then means "being replaced", never "deleted": the read
 * is tried again for a short, bounded time before it fails with the usual `io` error (reason `absent`).
 */
import path from 'node:path';
import { VaultError } from './errors';
import { readVaultBytes } from './storage';

/** The waiting a patient read may do; injected so tests run it on a fake clock. */
export interface PatientReadDeps {
  /** How long to keep trying a missing file, in milliseconds. */
  readonly waitMs: number;
  /** Monotonic milliseconds. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Default: storage.ts's `readVaultBytes`. */
  readonly read?: (file: string) => Promise<Uint8Array>;
}

/** The first pause between tries; each next one doubles, up to MAX_PAUSE_MS. */
const FIRST_PAUSE_MS = 25;
const MAX_PAUSE_MS = 400;

function isAbsent(error: unknown): boolean {
  return error instanceof VaultError && error.kind === 'io' && error.reason === 'absent';
}

/** What an attempt answers to be tried again after a pause. */
const AGAIN = Symbol('again');

/**
 * Runs `attempt` until it answers something other than AGAIN, pausing 25 ms, 50 ms, … (at most
 * 400 ms) in between, never past `deps.waitMs`; `outOfTime()` tells the attempt it is the last.
 */
async function patiently<T>(
  deps: Pick<PatientReadDeps, 'waitMs' | 'now' | 'sleep'>,
  attempt: (outOfTime: () => boolean) => Promise<T | typeof AGAIN>,
): Promise<T> {
  const started = deps.now();
  const waited = (): number => deps.now() - started;
  let pause = FIRST_PAUSE_MS;
  for (;;) {
    const answer = await attempt(() => waited() >= deps.waitMs);
    if (answer !== AGAIN) return answer;
    await deps.sleep(Math.min(pause, deps.waitMs - waited()));
    pause = Math.min(pause * 2, MAX_PAUSE_MS);
  }
}

/** `readVaultBytes`, trying a missing file again until `deps.waitMs` have passed. */
export function readVaultBytesPatiently(file: string, deps: PatientReadDeps): Promise<Uint8Array> {
  const read = deps.read ?? readVaultBytes;
  return patiently(deps, async (outOfTime) => {
    try {
      return await read(file);
    } catch (error) {
      if (!isAbsent(error) || outOfTime()) throw error;
      return AGAIN;
    }
  });
}

/**
 * The temp file names a sync tool writes a new version of `vaultFileName` to before it replaces the
 * vault: Syncthing's `.syncthing.<name>.tmp` (`~syncthing~<name>.tmp` on Windows). While one exists,
 * a missing vault is being replaced, not gone (docs/dev/sync-testing.md).
 */
export function syncReplacementTemps(vaultFileName: string): readonly string[] {
  return [`.syncthing.${vaultFileName}.tmp`, `~syncthing~${vaultFileName}.tmp`];
}

/**
 * Whether the vault file exists, waiting (up to `deps.waitMs`) while it is missing and a sync tool's
 * replacement is in flight beside it. A vault that is simply not there is answered at once.
 */
export function vaultFilePresentPatiently(
  file: string,
  deps: Omit<PatientReadDeps, 'read'> & {
    readonly exists: (file: string) => Promise<boolean>;
  },
): Promise<boolean> {
  const folder = path.dirname(file);
  const temps = syncReplacementTemps(path.basename(file)).map((name) => path.join(folder, name));
  return patiently(deps, async (outOfTime) => {
    if (await deps.exists(file)) return true;
    const replacing = (await Promise.all(temps.map((t) => deps.exists(t)))).some(Boolean);
    return replacing && !outOfTime() ? AGAIN : false;
  });
}
