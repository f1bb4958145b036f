// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the shared corpus is, and its files: the rules every test runner follows (vitest through
 * corpus.ts, Playwright specs directly; no vitest import and no `import.meta` here, so Playwright's
 * CommonJS build can load it).
 *
 * - `$TESSERA_CORPUS`, else `../shared/corpus` beside the repository root.
 * - Variable not set and folder absent (a plain clone): corpus tests are skipped with the reason.
 * - Variable set, or the folder present: a missing file is a failure, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository root: found from this file (CommonJS) or the working folder (vitest runs there). */
function repoRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  while (!existsSync(path.join(dir, 'electron', 'preload', 'api.ts'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Run the tests from the Tessera repository.');
    dir = parent;
  }
  return dir;
}

/** The corpus folder: `$TESSERA_CORPUS` or `../shared/corpus` relative to the repository root. */
export function corpusDir(): string {
  const fromEnv = process.env['TESSERA_CORPUS'];
  return fromEnv ? path.resolve(fromEnv) : path.resolve(repoRoot(), '..', 'shared', 'corpus');
}

/** Why corpus tests are skipped, or null when they must run. */
export function corpusSkipReason(): string | null {
  if (process.env['TESSERA_CORPUS']) return null;
  const dir = corpusDir();
  return existsSync(dir) ? null : `corpus not found at ${dir}; set TESSERA_CORPUS`;
}

/**
 * Absolute path of a file in the corpus.
 * @throws when the file is missing (which fails the test or the collection that asked for it).
 */
export function corpusFile(rel: string): string {
  const file = path.resolve(corpusDir(), rel);
  if (!existsSync(file)) {
    const how = process.env['TESSERA_CORPUS'] ? 'TESSERA_CORPUS is set' : 'the corpus folder exists';
    throw new Error(`corpus file missing: ${file} (${how}, so this is a failure, not a skip)`);
  }
  return file;
}

/** Reads and parses a JSON file of the corpus (see {@link corpusFile} for the failure rule). */
export function corpusJson<T>(rel: string): T {
  return JSON.parse(readFileSync(corpusFile(rel), 'utf8')) as T;
}
