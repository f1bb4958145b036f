// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A child process for the crash-safety and lock-contention tests, bundled to CommonJS at test
 * start (helpers/bundle.ts) and run with plain `node`:
 *
 *   node child.cjs crash  <vault> <password>          saves step after step until killed
 *   node child.cjs writer <vault> <password> <name> <count>   adds <count> entries one by one
 *
 * It uses the fast fake KDF: Argon2id cost is irrelevant to what these tests check.
 */
import { unlockVault, type UnlockedVault } from '../../../../electron/vault';
import { createFakeKdf, fastOptions } from './fakes';
import { applyCrashStep, stepOfGeneration } from './crash-model';
import path from 'node:path';

async function open(file: string, password: string): Promise<UnlockedVault> {
  return unlockVault(
    { ...fastOptions(path.dirname(file)), path: file, kdf: createFakeKdf(), lockTimeoutMs: 20_000 },
    password,
  );
}

async function crash(file: string, password: string): Promise<void> {
  const vault = await open(file, password);
  for (let step = stepOfGeneration(vault.generation) + 1; ; step++) {
    await applyCrashStep(vault, step);
    process.stdout.write(`saved ${step}\n`);
  }
}

async function writer(file: string, password: string, name: string, count: number): Promise<void> {
  const vault = await open(file, password);
  for (let i = 0; i < count; i++) {
    await vault.add([
      {
        type: 'totp',
        issuer: `${name}-${i}`,
        account: name,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: null,
        secret: new TextEncoder().encode(`${name}-${i}`),
      },
    ]);
  }
  vault.lock();
  process.stdout.write('done\n');
}

const [mode, file, password, ...rest] = process.argv.slice(2);
const run =
  mode === 'crash' && file && password
    ? crash(file, password)
    : mode === 'writer' && file && password && rest[0] && rest[1]
      ? writer(file, password, rest[0], Number(rest[1]))
      : Promise.reject(new Error(`usage: child.cjs crash|writer <vault> <password> [name count]`));
run.catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
