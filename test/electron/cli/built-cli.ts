// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The built CLI (bin/tessera.js → out/main/cli.js) for the tests that run it as a real process:
 * rebuilt first when any source is newer than the bundle (`npm test` builds before vitest runs, so
 * this matters when a test file is run on its own).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BIN = path.join(ROOT, 'bin', 'tessera.js');
export const CLI_BUNDLE = path.join(ROOT, 'out', 'main', 'cli.js');
const SOURCES = ['electron', 'package.json'];

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...readdirSync(p).map((name) => newestMtime(path.join(p, name))));
}

/** Builds out/ when the CLI bundle is missing or older than its sources. */
export function ensureCliBuilt(): void {
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= newest) return;
  const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
}
