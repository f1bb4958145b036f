// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every import fixture (test/fixtures/import/<format>/, each variant of each app), timed from bytes
 * to entries: detection alone, then detection + decryption + parsing with the file's password. Also
 * detection over 1,000 files that are no export (random bytes, text), the cost every unrecognised
 * file pays. Prints medians; never asserts.
 *
 *   node scripts/run-ts.mjs scripts/bench/formats.ts [RUNS]    (or: npm run bench formats)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { detectFormat, importFile, type ImportFormatId } from '../../electron/import';

const RUNS = Number(process.argv[2] ?? 5);
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/import');

interface Spec {
  readonly variant: string;
  readonly password?: string | null;
  readonly detection?: 'content' | 'name';
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function timed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

console.log(`Import fixtures, bytes → entries (Node ${process.version}; median of ${RUNS} after 1 warm-up)`);
console.log(`${'fixture'.padEnd(58)} ${'detect'.padStart(9)} ${'import'.padStart(10)}  variant`);
for (const format of readdirSync(DIR).sort()) {
  const folder = path.join(DIR, format);
  if (!statSync(folder).isDirectory()) continue;
  const specs = JSON.parse(readFileSync(path.join(folder, 'expected.json'), 'utf8')) as {
    files: Record<string, Spec>;
  };
  for (const [file, spec] of Object.entries(specs.files)) {
    const bytes = new Uint8Array(readFileSync(path.join(folder, file)));
    const options = { fileName: file, format: format as ImportFormatId, password: spec.password ?? undefined };
    const detect: number[] = [];
    const read: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const d = await timed(() => detectFormat(bytes, spec.detection === 'name' ? file : undefined));
      const r = await timed(async () => {
        const result = await importFile(bytes, options);
        for (const e of result.entries) e.secret.fill(0);
      });
      if (i > 0) {
        detect.push(d);
        read.push(r);
      }
    }
    console.log(
      `${`${format}/${file}`.slice(0, 58).padEnd(58)} ${median(detect).toFixed(2).padStart(6)} ms ${median(read)
        .toFixed(1)
        .padStart(7)} ms  ${spec.variant}`,
    );
  }
}

// Files that are no export: what "not recognised" costs.
let seed = 1;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const words = ['milk', 'eggs', 'bread', 'apples', 'the', 'meeting', 'notes', 'call', 'tomorrow', '42'];
const junk = Array.from({ length: 1000 }, (_, i) =>
  i % 2 === 0
    ? Uint8Array.from({ length: 64 + Math.floor(rnd() * 8192) }, () => Math.floor(rnd() * 256))
    : new TextEncoder().encode(
        Array.from({ length: 20 + Math.floor(rnd() * 400) }, () => words[Math.floor(rnd() * words.length)]).join(' '),
      ),
);
let claimed = 0;
const start = performance.now();
for (const bytes of junk) if (detectFormat(bytes) !== null) claimed++;
const ms = performance.now() - start;
console.log(
  `Detection over 1,000 files that are no export: ${ms.toFixed(0)} ms in all (${(ms / 1000).toFixed(2)} ms each), ${claimed} claimed by a format`,
);
