#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Runs a TypeScript script of this repository under plain Node 20 (which cannot strip types):
 * bundles it with rolldown (Vite's bundler, already installed) into .cache/run-ts/, packages left
 * external, then runs it with the remaining arguments. Used by benchmarks and hand-run scripts.
 *
 *   node scripts/run-ts.mjs scripts/bench/vault.ts [args...]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Bundles `entry` (a path relative to the repo or absolute) and returns the output file. */
export async function bundleTs(entry) {
  const input = path.resolve(root, entry);
  const outDir = path.join(root, '.cache', 'run-ts');
  mkdirSync(outDir, { recursive: true });
  const outFile = path.join(outDir, `${path.relative(root, input).replace(/[\\/]/g, '__').replace(/\.ts$/, '')}.mjs`);
  await build({
    input,
    platform: 'node',
    // Bare specifiers (npm packages, node: built-ins) stay imports; only our sources are bundled.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    output: { file: outFile, format: 'esm' },
    logLevel: 'warn',
  });
  return outFile;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
    process.exit(1);
  }
  const out = await bundleTs(entry);
  const res = spawnSync(process.execPath, [out, ...args], { stdio: 'inherit' });
  process.exit(res.status ?? 1);
}
