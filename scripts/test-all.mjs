#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm test`: finds (or installs) the Chromium the browser tier needs, the Syncthing the sync tests
 * need (test/sync) and the optional PyNaCl, builds if the bundle is stale, runs every vitest project
 * and every Playwright tier, lists every skipped test with its reason, then prints one closing line
 * `N passed, N failed, N skipped` summed from both runners' JSON reports. Exits non-zero on any
 * failure, on a runner that crashed, when no test ran at all, or when there is no Chromium (the
 * browser tier never skips silently); without Syncthing the sync tests run and fail, naming the
 * command to run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionTestTools } from './lib/test-tools.mjs';

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

/**
 * Why Playwright tests were skipped, with counts: each reason once (e.g. no Electron binary). A
 * skipped test that gave no reason is still counted, under a line that says so.
 */
export function playwrightSkipReasons(report) {
  const reasons = new Map();
  const add = (reason) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        let described = false;
        for (const a of t.annotations ?? []) {
          if (a.type === 'skip' && a.description) {
            add(a.description);
            described = true;
          }
        }
        if (!described && t.status === 'skipped') add(`no reason given (${spec.title ?? 'unnamed test'})`);
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report?.suites ?? []) walk(suite);
  return reasons;
}

/**
 * Every skipped (or todo) vitest test as `file › suite › title`: the titles of tests that skip on
 * some machines say why (e.g. "(skipped: PyNaCl not installed; ...)").
 */
export function vitestSkippedTests(report, base = root) {
  const skipped = [];
  for (const file of report?.testResults ?? []) {
    const name = file.name ? path.relative(base, file.name) || file.name : '';
    for (const a of file.assertionResults ?? []) {
      if (!['skipped', 'pending', 'todo'].includes(a.status)) continue;
      const titles = [...(a.ancestorTitles ?? []), a.title ?? a.fullName ?? ''].filter(Boolean);
      skipped.push([name, ...titles].filter(Boolean).join(' › ') + (a.status === 'todo' ? ' (todo)' : ''));
    }
  }
  return skipped;
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

  // Before the runners: a browser for the Playwright tier, Syncthing for the sync tests, and PyNaCl
  // for the optional Python check.
  const tools = provisionTestTools({ cwd: root, log: (line) => console.log(`[test] ${line}`) });
  if (tools.error) console.log(`[test] ${tools.error}`);
  if (tools.syncthingError) console.log(`[test] ${tools.syncthingError}`);
  if (tools.pythonReason) console.log(`[test] ${tools.pythonReason}`);

  const buildStatus = ensureBuilt();
  if (buildStatus !== 0) {
    console.log('0 passed, 1 failed, 0 skipped');
    return 1;
  }

  // Without Syncthing the sync tests still run, and fail with tools.syncthingError's instruction.
  const vitestStatus = run(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
    {
      ...(tools.python ? { TESSERA_PYTHON: tools.python } : {}),
      ...(tools.syncthing ? { SYNCTHING_BIN: tools.syncthing.path } : {}),
    },
  );
  // Without a browser, only the Electron tier runs, and the missing browser counts as a failure below.
  const playwrightStatus = tools.chromium
    ? run('npx', ['playwright', 'test'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
        CHROMIUM_BIN: tools.chromium.path,
      })
    : run('npx', ['playwright', 'test', '--project=electron-smoke', '--project=electron-app'], {
        PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
      });

  const vitestReport = readJson(vitestJson);
  const v = countVitest(vitestReport);
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

  // No Chromium: the browser tier did not run, which is a failure, never a silent skip.
  if (!tools.chromium) total.failed += 1;

  console.log(`\n[test] vitest: ${v ? `${v.passed} passed, ${v.failed} failed, ${v.skipped} skipped` : 'no report'}`);
  console.log(`[test] playwright: ${p ? `${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped` : 'no report'}`);
  for (const title of vitestSkippedTests(vitestReport)) console.log(`[test] skipped (vitest): ${title}`);
  for (const [reason, count] of playwrightSkipReasons(playwrightReport)) {
    console.log(`[test] skipped ${count} test(s) (playwright): ${reason}`);
  }
  if (tools.error) console.log(`[test] browser tier not run (counted as 1 failure): ${tools.error}`);
  if (tools.syncthingError) console.log(`[test] sync tests failed for want of Syncthing: ${tools.syncthingError}`);
  if (total.passed === 0) console.log('[test] no test passed: treating the run as failed');
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(main());
