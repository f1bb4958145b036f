// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where a worker's built entry file is. electron-vite writes every entry of the main build side by
 * side (electron.vite.config.ts: out/main/index.js, out/main/import-worker.js), so the file sits
 * beside the running bundle, or one folder up when this code landed in a shared chunk
 * (out/main/chunks/). In the packaged app that is inside app.asar, which Electron's worker threads
 * read. Run from the TypeScript sources instead (the Chromium tier's services, hand-run scripts),
 * the build's copy in out/main is used: there is no JavaScript file beside a .ts module.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The folder of this module as it runs: out/main (or its chunks folder) when built, electron/workers from the sources. */
function hereDir(): string | null {
  return typeof __dirname === 'string' ? __dirname : null;
}

/** Whether this module runs as TypeScript (vitest, Playwright) rather than from the build. */
function fromSources(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.ts');
}

/** The places `fileName` may be, in the order they are tried. */
export function workerScriptCandidates(fileName: string, here = hereDir(), sources = fromSources()): string[] {
  if (here === null) return [];
  const candidates = [path.join(here, fileName), path.join(here, '..', fileName)];
  // electron/workers → the repository root → out/main.
  if (sources) candidates.push(path.join(here, '..', '..', 'out', 'main', fileName));
  return candidates;
}

/**
 * The absolute path of a worker's built entry file (e.g. `import-worker.js`).
 * @throws Error naming where it looked, and the command that builds it.
 */
export function workerScriptPath(fileName: string, exists: (file: string) => boolean = existsSync): string {
  const candidates = workerScriptCandidates(fileName);
  const found = candidates.find((file) => exists(file));
  if (found) return found;
  const where = candidates.length > 0 ? candidates.join(', ') : 'beside the main bundle';
  throw new Error(`The worker file ${fileName} is missing (looked at ${where}): run \`npm run build\`.`);
}
