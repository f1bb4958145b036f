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
import { describe, it } from 'vitest';
import { corpusSkipReason } from './corpus-path';

export { corpusDir, corpusFile, corpusJson, corpusSkipReason } from './corpus-path';

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
