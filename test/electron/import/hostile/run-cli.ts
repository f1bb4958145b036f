// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The `tessera` CLI run in this process, for the hostile-input suite: the real `main` on the real
 * process's ports, then one last line on standard error with the peak resident memory (KiB; see
 * peak-memory.ts for why not maxRSS alone on Linux) and the wall time, which the parent reads.
 * Bundled by harness.ts, so it runs the current sources (no build of out/ needed).
 */
import { performance } from 'node:perf_hooks';
import { main } from '../../../../electron/cli';
import { nodeIo } from '../../../../electron/cli/io';
import { peakRssKiB } from './peak-memory';

const started = performance.now();
const code = await main(process.argv.slice(2), nodeIo());
const ms = Math.round(performance.now() - started);
process.stderr.write(`\n[hostile] maxrss-kib=${peakRssKiB()} ms=${ms}\n`);
process.exitCode = code;
