#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Vault benchmarks, figures printed only (never asserted): `node scripts/bench/vault.mjs`.
 *
 * - unlock at the default KDF parameters (ops 3, 256 MiB) through the production path (the native
 *   Argon2id where it loads, createDefaultKdf) and through the fallback (libsodium's WebAssembly in
 *   a worker thread), median of 5 each, beside the native Argon2id alone (@node-rs/argon2) at the
 *   same parameters, as ratios; the first (cold-worker) fallback unlock is shown apart;
 * - save with 1,000 entries (one metadata change: lock file, seal, temp, fsync, .prev, rename,
 *   read-back), median of 5, and the file size.
 *
 * The vault sources (TypeScript) and the KDF thread's body are bundled with rolldown first, as
 * the app's build does.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashRaw } from '@node-rs/argon2';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cache = path.join(root, 'node_modules', '.cache', 'tessera-bench');
mkdirSync(cache, { recursive: true });
const bundled = path.join(cache, 'vault.js');
// The KDF thread's body beside the bundle, as electron-vite writes out/main/kdf-worker.js.
const bundle = await rolldown({
  input: {
    vault: path.join(root, 'electron/vault/index.ts'),
    'kdf-worker': path.join(root, 'electron/vault/kdf-worker-entry.ts'),
  },
  platform: 'node',
  external: [/^node:/, /^@node-rs\//, 'libsodium-wrappers-sumo', ...builtinModules],
  logLevel: 'warn',
});
await bundle.write({ dir: cache, format: 'cjs', entryFileNames: '[name].js' });
await bundle.close();
const vault = createRequire(import.meta.url)(bundled);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;
async function time(fn) {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-'));
const password = 'benchmark password';
const params = vault.KDF_DEFAULT;
try {
  console.log(`vault benchmarks (node ${process.version}, ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'})`);

  // Unlock at default parameters: the production KDF, and the fallback (WebAssembly, worker thread).
  const production = vault.createDefaultKdf();
  const worker = vault.createWorkerKdf();
  const file = path.join(dir, 'unlock.tessera');
  (await vault.createVault({ path: file, kdf: production, kdfParams: params }, password)).lock();
  const unlockWith = (kdf) => async () =>
    (await vault.unlockVault({ path: file, kdf, kdfParams: params }, password)).lock();
  const cold = await time(unlockWith(worker)); // a cold worker, as the first fallback unlock after start
  // Interleaved, so a busy machine slows every side alike.
  const salt = new Uint8Array(16).fill(1);
  const nativeOptions = {
    algorithm: 2, // Argon2id
    version: 1, // 0x13
    timeCost: params.opslimit,
    memoryCost: params.memlimit / 1024,
    parallelism: 1,
    outputLen: 32,
    salt,
  };
  const unlocks = [];
  const fallbacks = [];
  const native = [];
  for (let i = 0; i < 5; i++) {
    unlocks.push(await time(unlockWith(production)));
    fallbacks.push(await time(unlockWith(worker)));
    native.push(await time(() => hashRaw(password, nativeOptions)));
  }
  const engine = await production.engine();
  await production.close();
  await worker.close();

  const u = median(unlocks);
  const f = median(fallbacks);
  const n = median(native);
  console.log(`unlock, Argon2id ops ${params.opslimit} / ${params.memlimit / 2 ** 20} MiB, median of 5:`);
  console.log(
    `  production KDF (${engine.name}${engine.fallbackReason ? `: ${engine.fallbackReason}` : ''}): ${ms(u)}`,
  );
  console.log(`  fallback, libsodium WebAssembly in a worker: ${ms(f)}   (first, cold worker: ${ms(cold)})`);
  console.log(`  @node-rs/argon2 (native) alone, same parameters: ${ms(n)}`);
  console.log(
    `  ratios to the native Argon2id alone: production ${(u / n).toFixed(2)}×, fallback ${(f / n).toFixed(2)}×`,
  );

  // Save with 1,000 entries (fast fake KDF: the KDF is not part of a save).
  const fakeKdf = { derive: async () => new Uint8Array(32).fill(3) };
  const big = { path: path.join(dir, 'big.tessera'), kdf: fakeKdf, kdfParams: vault.KDF_FLOOR };
  const v = await vault.createVault(big, password);
  const entries = Array.from({ length: 1000 }, (_, i) => ({
    type: 'totp',
    issuer: `Issuer ${i}`,
    account: `user${i}@example.com`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: null,
    secret: new Uint8Array(20).fill(i % 256),
    notes: 'a note of moderate length for realism',
  }));
  const addAll = await time(() => v.add(entries));
  const saves = [];
  for (let i = 0; i < 5; i++) saves.push(await time(() => v.update(v.entries()[i].id, { notes: `edited ${i}` })));
  v.lock();
  const reopen = await time(async () => (await vault.unlockVault(big, password)).lock());
  console.log('save with 1,000 entries:');
  console.log(
    `  one change (median of 5): ${ms(median(saves))}   file ${(statSync(big.path).size / 1024).toFixed(0)} KiB`,
  );
  console.log(`  adding 1,000 entries in one call: ${ms(addAll)}   open (without KDF): ${ms(reopen)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
}
