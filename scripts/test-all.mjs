#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm test`: builds if the bundle is stale, runs every vitest project and every Playwright tier,
 * then prints one closing line `N passed, N failed, N skipped` summed from both runners' JSON
 * reports. Exits non-zero on any failure, on a runner that crashed, or when no test ran at all.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
const vitestJson = path.join(results, 'vitest.json');
const playwrightJson = path.join(results, 'playwright.json');

function run(command, args, env = {}) {
  const res = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status ?? 1;
}

/** Newest modification time under the given folders (sources of the bundle). */
function newestMtime(dirs) {
  let newest = 0;
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  return newest;
}

function ensureBuilt() {
  const marker = path.join(root, 'out', 'renderer', 'index.html');
  const sources = ['electron', 'renderer', 'electron.vite.config.ts', 'package.json'].map((p) => path.join(root, p));
  if (existsSync(marker) && statSync(marker).mtimeMs >= newestMtime(sources)) return 0;
  console.log('[test] bundle missing or stale: running the build first');
  return run('npm', ['run', '--silent', 'build']);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Vitest's JSON reporter (Jest-compatible shape). */
export function countVitest(report) {
  if (!report) return null;
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
    // A file that failed to load, or an unhandled error, fails the run without failing a test.
    runFailed: report.success === false,
  };
}

/** Why Playwright tests were skipped, with counts: each reason once (e.g. no Electron binary). */
export function playwrightSkipReasons(report) {
  const reasons = new Map();
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        for (const a of t.annotations ?? []) {
          if (a.type === 'skip' && a.description) reasons.set(a.description, (reasons.get(a.description) ?? 0) + 1);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return reasons;
}

/** Playwright's JSON reporter: `stats.expected/unexpected/flaky/skipped`. */
export function countPlaywright(report) {
  if (!report?.stats) return null;
  const s = report.stats;
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    runFailed: (report.errors ?? []).length > 0,
  };
}

function main() {
  mkdirSync(results, { recursive: true });
  rmSync(vitestJson, { force: true });
  rmSync(playwrightJson, { force: true });

  const buildStatus = ensureBuilt();
  if (buildStatus !== 0) {
    console.log('0 passed, 1 failed, 0 skipped');
    return 1;
  }

  const vitestStatus = run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${vitestJson}`,
  ]);
  const playwrightStatus = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson });

  const v = countVitest(readJson(vitestJson));
  const playwrightReport = readJson(playwrightJson);
  const p = countPlaywright(playwrightReport);
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const [c, status] of [
    [v, vitestStatus],
    [p, playwrightStatus],
  ]) {
    // No report at all (the runner crashed) counts as one failure.
    if (!c) {
      total.failed += 1;
      continue;
    }
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
    // A runner that failed (exit code, load error, unhandled error) without a failed test still fails.
    if ((status !== 0 || c.runFailed) && c.failed === 0) total.failed += 1;
  }

  console.log(`\n[test] vitest: ${v ? `${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped` : 'no report'}`);
  console.log(`[test] playwright: ${p ? `${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped` : 'no report'}`);
  for (const [reason, count] of playwrightSkipReasons(playwrightReport)) {
    console.log(`[test] skipped ${count} test(s): ${reason}`);
  }
  if (total.passed === 0) console.log('[test] no test passed: treating the run as failed');
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
