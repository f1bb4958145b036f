// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The bundled issuer icons (electron/icons/bundled.ts): what they cost the app and what each ask
 * costs main. Generates the set from the installed packages as the build does, writes it to a
 * temporary folder, and reads it back the way main and the CLI do. Prints the generated data's
 * size raw and gzipped, the generation time, the cold index load (read, parse, first match), the
 * time per match over 1,000 issuers, image() for 100 icons cold (first read of the data file) and
 * warm, and search latency. Never asserts.
 *
 *   node scripts/run-ts.mjs scripts/bench/icons.ts [RUNS]    (or: npm run bench icons)
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { createBundledIcons } from '../../electron/icons/bundled';
import { readBundledIconFiles } from '../../electron/icons/bundled-files';
import { BUNDLED_DATA_FILE, BUNDLED_INDEX_FILE } from '../../electron/icons/bundled-format';
import { generateBundledIcons, indexJson } from '../icons/generate';

const RUNS = Number(process.argv[2] ?? 20);
const root = process.cwd();

function quantile(list: number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function times(runs: number, fn: () => void): { median: number; p95: number } {
  const wall: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
  }
  return { median: quantile(wall, 0.5), p95: quantile(wall, 0.95) };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number): string => `${value.toFixed(2)} ms`;

const genStart = performance.now();
const generated = generateBundledIcons(root);
const genMs = performance.now() - genStart;
const indexText = indexJson(generated.index);
const dir = mkdtempSync(path.join(tmpdir(), 'tessera-bench-icons-'));
writeFileSync(path.join(dir, BUNDLED_INDEX_FILE), indexText);
writeFileSync(path.join(dir, BUNDLED_DATA_FILE), generated.data);

try {
  const sets = generated.index.sets.map((s) => `${s.package} ${s.version}: ${s.icons}`).join(', ');
  console.log(`icons: ${generated.index.icons.length} (${sets}); names ${Object.keys(generated.index.names).length}`);
  console.log(`generate (build step): ${ms(genMs)}`);
  const indexGz = gzipSync(indexText).length;
  const dataGz = gzipSync(generated.data).length;
  console.log(`index.json: ${kb(Buffer.byteLength(indexText))} raw, ${kb(indexGz)} gzip`);
  console.log(`data.bin:   ${kb(generated.data.length)} raw, ${kb(dataGz)} gzip`);
  const total = Buffer.byteLength(indexText) + generated.data.length;
  console.log(`together:   ${kb(total)} raw, ${kb(indexGz + dataGz)} gzip`);

  const load = times(RUNS, () => {
    createBundledIcons(readBundledIconFiles(dir)).match('GitHub', '');
  });
  console.log(`cold load (read + parse index.json + first match): median ${ms(load.median)}, p95 ${ms(load.p95)}`);

  const icons = createBundledIcons(readBundledIconFiles(dir));
  const top = JSON.parse(readFileSync(path.join(root, 'test', 'fixtures', 'icons', 'top-issuers.json'), 'utf8')) as {
    issuer: string;
    account?: string;
  }[];
  const issuers = Array.from({ length: 1000 }, (_, i) => {
    const known = top[i % top.length] ?? { issuer: '' };
    // Half as exported, half unknown or decorated names that walk every rule before giving up.
    return i % 2 === 0
      ? { issuer: known.issuer, account: known.account ?? '' }
      : { issuer: `${known.issuer} Regional Office ${i}`, account: `user${i}@example${i}.com` };
  });
  const match = times(RUNS, () => {
    for (const { issuer, account } of issuers) icons.match(issuer, account);
  });
  console.log(
    `match 1,000 issuers: median ${ms(match.median)} (${((match.median * 1000) / 1000).toFixed(1)} µs each), p95 ${ms(match.p95)}`,
  );

  const ids = generated.index.icons
    .filter((_, i) => i % 34 === 0)
    .map(([id]) => id)
    .slice(0, 100);
  const cold = times(RUNS, () => {
    const fresh = createBundledIcons(readBundledIconFiles(dir));
    for (const id of ids) fresh.image(id);
  });
  const warm = times(RUNS, () => {
    for (const id of ids) icons.image(id);
  });
  console.log(
    `image() for ${ids.length} icons: cold (incl. reading data.bin) median ${ms(cold.median)}, warm ${ms(warm.median)}`,
  );

  icons.search('warm-up', 10);
  for (const query of ['g', 'git', 'micro', 'web serv', 'Samsung Account', 'zzzz']) {
    const search = times(RUNS, () => icons.search(query, 60));
    console.log(`search "${query}" (60 hits max): median ${ms(search.median)}, p95 ${ms(search.p95)}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
