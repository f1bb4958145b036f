// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Merging two copies of a vault (electron/vault/merge.ts, issue #18): for 1,000 and 10,000 accounts,
 * two copies of one base each with ~10 % of the accounts edited (names, tags, favourite, notes,
 * HOTP counters; a fifth of the notes edits on the same accounts on both, so conflict notes are
 * made), ~0.5 % deleted and ~0.5 % added. Prints the median and p95 of `mergeVaultStates(a, b)`,
 * of merging a copy with itself (the "nothing new arrived" case), and of `mergeReport`. Never asserts.
 *
 *   node scripts/run-ts.mjs scripts/bench/merge.ts [RUNS]    (or: npm run bench merge)
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { NewVaultEntry } from '../../electron/vault/entry';
import { addEntries, EMPTY_CONTENTS, removeEntries, setEntryCounter, updateEntry } from '../../electron/vault/entries';
import { mergeReport, mergeVaultStates, type VaultState } from '../../electron/vault/merge';

const RUNS = Number(process.argv[2] ?? 30);
const WARMUP = 5;
const T0 = Date.UTC(2026, 0, 1);

/** Deterministic pseudo-randomness (a 32-bit LCG), so every run measures the same states. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function uuid(minter: number, n: number): string {
  return `${minter.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

function input(n: number, minter: number): NewVaultEntry {
  const secret = new Uint8Array(createHash('sha256').update(`${minter}:${n}`).digest().subarray(0, 20));
  const hotp = n % 10 === 0;
  return {
    type: hotp ? 'hotp' : 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: hotp ? null : 30,
    counter: hotp ? 0 : null,
    secret,
    issuer: `Service ${n}`,
    account: `user${n}@example.org`,
    tags: n % 3 === 0 ? ['Work'] : [],
    notes: n % 4 === 0 ? `Recovery codes for ${n} are in the drawer.` : '',
  };
}

function add(state: VaultState, count: number, minter: number, now: number): VaultState {
  let n = 0;
  const inputs = Array.from({ length: count }, (_, i) => input(i, minter));
  return addEntries(state, inputs, { now: () => now, newId: () => uuid(minter, n++) }).contents;
}

/** One copy's edits: ~10 % of the base's accounts (the `shared` ones' notes on both copies). */
function editCopy(base: VaultState, replica: number, shared: readonly string[]): VaultState {
  const random = lcg(replica * 7919);
  const ids = base.entries.map((e) => e.id);
  const count = Math.round(ids.length * 0.1) - shared.length;
  let state = base;
  let now = T0 + 1000 * replica;
  for (const id of shared) state = updateEntry(state, id, { notes: `Edited on computer ${replica}.` }, ++now);
  for (let i = 0; i < count; i++) {
    const id = ids[Math.floor(random() * ids.length)] as string;
    const entry = state.entries.find((e) => e.id === id);
    if (entry === undefined) continue;
    const kind = i % 5;
    if (kind === 0) state = updateEntry(state, id, { issuer: `${entry.issuer} (${replica})` }, ++now);
    else if (kind === 1) state = updateEntry(state, id, { tags: ['Home', `R${replica}`] }, ++now);
    else if (kind === 2) state = updateEntry(state, id, { favourite: !entry.favourite }, ++now);
    else if (kind === 3) state = updateEntry(state, id, { notes: `Note ${i} from ${replica}.` }, ++now);
    else if (entry.type === 'hotp') state = setEntryCounter(state, id, (entry.counter ?? 0) + 1 + replica, ++now);
    else state = updateEntry(state, id, { account: `${entry.account}.${replica}` }, ++now);
  }
  const present = new Set(state.entries.map((e) => e.id));
  const doomed = [
    ...new Set(
      Array.from({ length: Math.round(ids.length * 0.005) }, () => ids[Math.floor(random() * ids.length)] as string),
    ),
  ].filter((id) => present.has(id));
  state = removeEntries(state, doomed, ++now);
  return add(state, Math.round(ids.length * 0.005), 100 + replica, now + 1);
}

interface Figures {
  readonly median: number;
  readonly p95: number;
}

function measure(fn: () => unknown): Figures {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { median: at(0.5), p95: at(0.95) };
}

console.log(`merging two copies of a vault, ${RUNS} runs after ${WARMUP} warm-up, Node ${process.versions.node}`);
console.log(
  `${'accounts'.padEnd(9)}  ${'measurement'.padEnd(26)}  ${'median ms'.padStart(10)}  ${'p95 ms'.padStart(10)}`,
);
for (const size of [1000, 10_000]) {
  const base = add(EMPTY_CONTENTS, Math.round(size * 0.99), 1, T0);
  const shared = base.entries.filter((_, i) => i % 50 === 7).map((e) => e.id);
  const a = editCopy(base, 1, shared);
  const b = editCopy(base, 2, shared);
  const merged = mergeVaultStates(a, b);
  const rows: [string, Figures][] = [
    ['mergeVaultStates(a, b)', measure(() => mergeVaultStates(a, b))],
    ['mergeVaultStates(a, a)', measure(() => mergeVaultStates(a, a))],
    ['mergeReport(a, merged)', measure(() => mergeReport(a, merged))],
  ];
  for (const [name, { median, p95 }] of rows) {
    console.log(
      `${String(size).padEnd(9)}  ${name.padEnd(26)}  ${median.toFixed(2).padStart(10)}  ${p95.toFixed(2).padStart(10)}`,
    );
  }
  const report = mergeReport(a, merged);
  const conflicted = merged.entries.filter((e) => e.conflictNotes.length > 0).length;
  console.log(
    `${''.padEnd(9)}  (a → merged: ${report.added} added, ${report.changed} changed, ${report.removed} removed, ` +
      `${report.conflictNotes} conflict notes on ${conflicted} accounts; ${merged.entries.length} accounts)`,
  );
}
