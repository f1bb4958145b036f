// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one way tests reach the shared corpus (published OTP vectors, foreign export files, QR images).
 *
 * Where it is: `$TESSERA_CORPUS`, else `../shared/corpus` beside the repository root.
 * - Variable not set and folder absent (a plain clone): the corpus tests are skipped, and the reason
 *   is printed: "corpus not found at X; set TESSERA_CORPUS".
 * - Variable set (CI, or a developer who asked for it), or the folder present: a missing file is a
 *   failure, never a silent skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The corpus folder: `$TESSERA_CORPUS` or `../shared/corpus` relative to the repository root. */
export function corpusDir(): string {
  const fromEnv = process.env.TESSERA_CORPUS;
  return fromEnv ? path.resolve(fromEnv) : path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
}

/** Why corpus tests are skipped, or null when they must run. */
export function corpusSkipReason(): string | null {
  if (process.env.TESSERA_CORPUS) return null;
  const dir = corpusDir();
  return existsSync(dir) ? null : `corpus not found at ${dir}; set TESSERA_CORPUS`;
}

let warned = false;

/**
 * `describe(name, fn)` when the corpus is available; otherwise one skipped test whose title carries
 * the reason, printed once. `fn` is not even run then, so it may read corpus files while collecting.
 */
export function describeCorpus(name: string, fn: () => void): void {
  const reason = corpusSkipReason();
  if (reason === null) {
    describe(name, fn);
    return;
  }
  if (!warned) {
    warned = true;
    console.warn(`[corpus] ${reason}`);
  }
  describe(name, () => {
    it.skip(reason, () => undefined);
  });
}

/**
 * Absolute path of a file in the corpus.
 * @throws when the file is missing (which fails the test or the collection that asked for it).
 */
export function corpusFile(rel: string): string {
  const file = path.resolve(corpusDir(), rel);
  if (!existsSync(file)) {
    const how = process.env.TESSERA_CORPUS ? 'TESSERA_CORPUS is set' : 'the corpus folder exists';
    throw new Error(`corpus file missing: ${file} (${how}, so this is a failure, not a skip)`);
  }
  return file;
}

/** Reads and parses a JSON file of the corpus (see {@link corpusFile} for the failure rule). */
export function corpusJson<T>(rel: string): T {
  return JSON.parse(readFileSync(corpusFile(rel), 'utf8')) as T;
}
