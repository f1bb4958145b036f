// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A child process for the merge-save crash test (merge-crash.test.ts), bundled to CommonJS and run
 * with plain `node`:
 *
 *   node merge-child.cjs <vault> <copy> <password>
 *
 * Unlocks the vault (fast fake KDF), says `opened`, merges the conflict copy into it
 * (`UnlockedVault.mergeCopy`, which saves), says `merged`, and exits. The parent kills it at a
 * random moment in between.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { unlockVault } from '../../../../electron/vault';
import { createFakeKdf, fastOptions } from './fakes';

async function merge(file: string, copy: string, password: string): Promise<void> {
  const vault = await unlockVault(
    { ...fastOptions(path.dirname(file)), path: file, kdf: createFakeKdf(), lockTimeoutMs: 20_000 },
    password,
  );
  process.stdout.write('opened\n');
  const outcome = await vault.mergeCopy(new Uint8Array(readFileSync(copy)));
  process.stdout.write(`merged ${outcome.added}\n`);
  vault.lock();
}

const [file, copy, password] = process.argv.slice(2);
const run =
  file && copy && password
    ? merge(file, copy, password)
    : Promise.reject(new Error('usage: <vault> <copy> <password>'));
run.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
