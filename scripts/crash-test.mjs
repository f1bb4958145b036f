#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The long crash-safety run, by hand: `node scripts/crash-test.mjs [kills=1000] [lanes=2] [seed]`.
 *
 * Bundles the vault's crash child and runner (TypeScript) with rolldown, then kills a child that
 * saves in a loop `kills` times at random moments, checking after every kill that the vault opens
 * to a complete state no older than the last acknowledged save (test/electron/vault/helpers/
 * crash-runner.ts). The unit suite runs the same check 200 times.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cache = path.join(root, 'node_modules', '.cache', 'tessera-crash-test');

/** Children get the byte-compatible libsodium stand-in (faster start); the checking parent the real one. */
async function bundle(entry, name, sodiumLite = false) {
  mkdirSync(cache, { recursive: true });
  const file = path.join(cache, `${name}.cjs`);
  const lite = path.join(root, 'test/electron/vault/helpers/sodium-lite.ts');
  const b = await rolldown({
    input: path.join(root, entry),
    platform: 'node',
    external: [/^node:/, /^@node-rs\//, ...builtinModules, ...(sodiumLite ? [] : ['libsodium-wrappers-sumo'])],
    ...(sodiumLite ? { resolve: { alias: { 'libsodium-wrappers-sumo': lite } } } : {}),
    logLevel: 'warn',
  });
  await b.write({ file, format: 'cjs', codeSplitting: false });
  await b.close();
  return file;
}

const kills = Number(process.argv[2] ?? 1000);
const lanes = Number(process.argv[3] ?? 2);
const seed = Number(process.argv[4] ?? Date.now() % 1_000_000);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(lanes) || lanes < 1) {
  console.error('usage: node scripts/crash-test.mjs [kills=1000] [lanes=2] [seed]');
  process.exit(1);
}

const childScript = await bundle('test/electron/vault/helpers/child.ts', 'child', true);
const runner = createRequire(import.meta.url)(await bundle('test/electron/vault/helpers/crash-runner.ts', 'runner'));
// On real disk by default (fsync included); TESSERA_CRASH_DIR=/dev/shm runs it on tmpfs, faster.
const dir = mkdtempSync(path.join(process.env.TESSERA_CRASH_DIR ?? os.tmpdir(), 'tessera-crash-'));
const started = performance.now();
let done = 0;
const perLane = Math.ceil(kills / lanes);
console.log(`[crash-test] ${perLane * lanes} kills in ${lanes} lanes, seed ${seed}, in ${dir}`);
try {
  const results = await Promise.all(
    Array.from({ length: lanes }, (_, lane) =>
      runner.runCrashLane({
        childScript,
        dir: path.join(dir, `lane-${lane}`),
        kills: perLane,
        seed: seed + lane,
        onProgress: () => {
          done++;
          if (done % 50 === 0)
            console.log(`[crash-test] ${done} kills, ${((performance.now() - started) / 1000).toFixed(0)} s`);
        },
      }),
    ),
  );
  const startup = results.reduce((n, r) => n + r.killedDuringStartup, 0);
  const steps = results.map((r) => r.finalStep).join(', ');
  console.log(
    `[crash-test] OK: ${done} kills (${startup} before the first save), every open found a complete state; ` +
      `final steps ${steps}; ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  rmSync(dir, { recursive: true, force: true });
} catch (error) {
  console.error(`[crash-test] FAILED (seed ${seed}; files kept in ${dir}):`, error);
  process.exitCode = 1;
} finally {
  rmSync(cache, { recursive: true, force: true });
}
