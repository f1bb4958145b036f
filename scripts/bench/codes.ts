// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Codes for 1,000 entries: what main computes for each `codes:update` push (one per period, when
 * the next-code preview begins: the renderer rolls over to the pushed next code by itself).
 * Prints the median and p95 of `codesForEntries` mid-period and in the last 5 s (when every entry
 * also gets its next code), `nextPushAt` over the entries' periods (when main schedules the next
 * push), and a bare node:crypto HOTP loop over the same entries as the floor that otpauth, the
 * secret copy and the wipe are measured against. Never asserts.
 *
 *   node scripts/run-ts.mjs scripts/bench/codes.ts [ENTRIES] [RUNS]    (or: npm run bench codes)
 */
import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { OtpAlgorithm } from '../../electron/domain';
import { codesForEntries, type CodeSource } from '../../electron/otp';
import { nextPushAt } from '../../electron/services/push-schedule';

const ENTRIES = Number(process.argv[2] ?? 1000);
const RUNS = Number(process.argv[3] ?? 200);
const WARMUP = 20;

/** A realistic mix: mostly SHA1/6/30, some SHA256/8, a few SHA512/60 and Steam. */
function makeEntries(n: number): CodeSource[] {
  return Array.from({ length: n }, (_, i): CodeSource => {
    const id = `entry-${i}`;
    const secret = new Uint8Array(randomBytes(20));
    const r = i % 20;
    if (r < 16) return { id, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null, secret };
    if (r < 18) return { id, type: 'totp', algorithm: 'SHA256', digits: 8, period: 30, counter: null, secret };
    if (r < 19) return { id, type: 'totp', algorithm: 'SHA512', digits: 6, period: 60, counter: null, secret };
    return { id, type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: null, secret };
  });
}

interface Figures {
  readonly median: number;
  readonly p95: number;
  /** Median CPU time of this process per call: steadier than wall time on a busy machine. */
  readonly cpu: number;
}

function measure(fn: () => unknown): Figures {
  for (let i = 0; i < WARMUP; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  const quantile = (list: number[], q: number): number => {
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  };
  return { median: quantile(wall, 0.5), p95: quantile(wall, 0.95), cpu: quantile(cpu, 0.5) };
}

/** RFC 4226 truncation straight on node:crypto: the floor for any implementation. */
function bareHotp(secret: Uint8Array, algorithm: OtpAlgorithm, counter: number): number {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  return mac.readUInt32BE(offset) & 0x7fffffff;
}

const entries = makeEntries(ENTRIES);
const base = 1_700_000_010_000; // 10 s into a 30 s period: no next codes
const late = 1_700_000_027_000; // 3 s before the boundary: every entry also gets its next code

const rows: [string, Figures][] = [
  ['codesForEntries, mid-period', measure(() => codesForEntries(entries, base))],
  ['codesForEntries, last 5 s (+ next codes)', measure(() => codesForEntries(entries, late))],
  // As main computes it: the periods of the time-based entries (every entry here is time-based).
  [
    'nextPushAt',
    measure(() =>
      nextPushAt(
        entries.map((e) => (e.period ?? 30) * 1000),
        base,
      ),
    ),
  ],
  [
    'bare node:crypto HOTP loop (floor)',
    measure(() => entries.map((e) => bareHotp(e.secret, e.algorithm, Math.floor(base / ((e.period ?? 30) * 1000))))),
  ],
];

console.log(`codes for ${ENTRIES} entries, ${RUNS} runs after ${WARMUP} warm-up, Node ${process.versions.node}`);
const head = ['median ms', 'p95 ms', 'cpu ms', 'µs/entry'].map((h) => h.padStart(10)).join('  ');
console.log(`${'measurement'.padEnd(42)}  ${head}`);
for (const [name, { median, p95, cpu }] of rows) {
  const perEntry = name === 'nextPushAt' ? '' : ((median * 1000) / ENTRIES).toFixed(2);
  const cells = [median.toFixed(3), p95.toFixed(3), cpu.toFixed(3), perEntry].map((c) => c.padStart(10)).join('  ');
  console.log(`${name.padEnd(42)}  ${cells}`);
}
