// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where a worker's built entry file is. Every worker body is a module of its own named
 * `<name>-worker-entry.ts`, beside the code it runs, and electron-vite builds each to
 * `out/main/<name>-worker.js`, side by side with the main bundle and the CLI
 * (electron.vite.config.ts: out/main/index.js, out/main/cli.js, out/main/kdf-worker.js, ...). So the
 * file sits beside the running bundle, or one folder up when this code landed in a shared chunk
 * (out/main/chunks/). In the packaged app that is inside app.asar, which Electron's worker threads
 * read.
 *
 * Run from the TypeScript sources instead (vitest, the Chromium tier's services), the build's copy
 * in out/main is used: there is no JavaScript file beside a .ts module, so tests and scripts need
 * `npm run build` first (`npm test` runs it). An ES module bundle of the sources (scripts/run-ts.mjs
 * for benchmarks, the hostile-input suite's CLI) has no `__dirname`: it runs in the repository,
 * so the build's copy under the working directory is used. The app and the CLI are CommonJS
 * bundles and never look there.
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
export function workerScriptCandidates(
  fileName: string,
  here = hereDir(),
  sources = fromSources(),
  cwd = process.cwd(),
): string[] {
  if (here === null) return [path.join(cwd, 'out', 'main', fileName)];
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
  throw new Error(
    `The worker file ${fileName} is missing (looked at ${candidates.join(', ')}): run \`npm run build\`.`,
  );
}
