// SPDX-License-Identifier: GPL-3.0-or-later
// Types for test-tools.mjs, a plain ESM module that `npm test` (Node, no build step), the sync tests
// and (through chromium.mjs) the TypeScript Playwright config use.

export interface ChromiumFound {
  path: string;
  source: string;
}
/** CHROMIUM_BIN names a file that does not exist: reported, never replaced by another browser. */
export interface ChromiumMisconfigured {
  path: null;
  source: string;
  error: string;
}
export interface SpawnResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Why the command could not run or was stopped (missing, timed out), else null. */
  error: string | null;
}
export type Spawn = (
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
) => SpawnResult;

/** A Syncthing executable and where it was found (SYNCTHING_BIN or the PATH). */
export interface SyncthingFound {
  path: string;
  source: string;
}
/** SYNCTHING_BIN names a file that does not exist: reported, never replaced by another one. */
export interface SyncthingMisconfigured {
  path: null;
  source: string;
  error: string;
}
export interface FindSyncthingOptions {
  env?: NodeJS.ProcessEnv;
  which?: (name: string) => string | null;
  exists?: (file: string) => boolean;
  isSyncthing?: (file: string) => boolean;
}
export interface FindOptions {
  env?: NodeJS.ProcessEnv;
  which?: (name: string) => string | null;
  exists?: (file: string) => boolean;
  isBrowser?: (file: string) => boolean;
  playwrightCachePath?: string | null | (() => string | null);
}
export interface ProvisionOptions extends FindOptions {
  isSyncthing?: (file: string) => boolean;
  /** Also look for (and install) Syncthing; default true. */
  syncthing?: boolean;
  cwd?: string;
  spawn?: Spawn;
  getuid?: () => number;
  findPython?: () => string | null;
  /** Also look for (and install) PyNaCl; default true. */
  python?: boolean;
  log?: (line: string) => void;
  now?: () => number;
}
export interface Provisioned {
  chromium: ChromiumFound | null;
  /** One line saying what to do, when there is no Chromium. */
  error: string | null;
  python: string | null;
  /** Why the PyNaCl check will be skipped, when there is no PyNaCl. */
  pythonReason: string | null;
  syncthing: SyncthingFound | null;
  /** One line saying what to do, when Syncthing was wanted and there is none (the sync tests fail). */
  syncthingError: string | null;
}

export const BROWSER_NAMES: readonly string[];
export const SOURCE_ENV: string;
export const SOURCE_PATH: string;
export const SOURCE_PLAYWRIGHT: string;
export const NO_CHROMIUM: string;
export const NO_PYNACL: string;
export const SYNCTHING_ENV: string;
export const NO_SYNCTHING: string;

export function whichOnPath(name: string, envPath?: string): string | null;
export function runsAsBrowser(file: string): boolean;
export function playwrightChromiumPath(): string | null;
export function findChromium(options?: FindOptions): ChromiumFound | ChromiumMisconfigured | null;
export function spawnCaptured(
  command: string,
  args: readonly string[],
  options?: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): SpawnResult;
export function lastMessageLine(text: string): string;
export function runsAsSyncthing(file: string): boolean;
export function findSyncthing(options?: FindSyncthingOptions): SyncthingFound | SyncthingMisconfigured | null;
export function findPythonWithNacl(options?: { env?: NodeJS.ProcessEnv; spawn?: Spawn }): string | null;
export function provisionTestTools(options?: ProvisionOptions): Provisioned;
export function provisionChromium(
  options?: Omit<ProvisionOptions, 'python' | 'findPython' | 'syncthing' | 'isSyncthing'>,
): {
  chromium: ChromiumFound | null;
  error: string | null;
};
