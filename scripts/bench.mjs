#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm run bench`: runs every benchmark in scripts/bench/ (or the ones named on the command line)
 * and lets each print its figures. Benchmarks measure; they never pass or fail on a timing.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './lib/chromium.mjs';
import { bundleTs } from './run-ts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'scripts', 'bench');
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => /\.(ts|mjs)$/.test(f) && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

// The renderer benchmark drives a Chromium: the one the browser tests use (find only, never install).
const chromium = process.env.CHROMIUM_BIN ? null : findChromium();
const env = chromium?.path ? { ...process.env, CHROMIUM_BIN: chromium.path } : process.env;

let failed = 0;
for (const file of files) {
  console.log(`\n### ${file}`);
  const full = path.join(dir, file);
  const target = file.endsWith('.ts') ? await bundleTs(full) : full;
  const res = spawnSync(process.execPath, ['--expose-gc', target], { stdio: 'inherit', cwd: root, env });
  if (res.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
