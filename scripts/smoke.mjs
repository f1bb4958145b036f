#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm run smoke`: starts the real app once and checks that it comes up. The built app (out/, run by
 * the Electron binary) or a packed one (`--packed <executable>`, e.g. release/linux-unpacked/tessera)
 * is launched with `--smoke-test` and a throw-away data folder; main waits until its window has
 * loaded and painted, prints its pass line and quits (electron/main/smoke.ts). Passes only on exit
 * code 0 with that line, within the time limit; otherwise says why and exits 1.
 *
 * The Electron binary is looked for, never downloaded (ELECTRON_BIN, then what scripts/electron.mjs
 * finds: ELECTRON_EXEC_PATH, ELECTRON_OVERRIDE_DIST_PATH, node_modules/electron). Where there is
 * none, the smoke test is skipped with the reason (exit 0), like the `_electron` test tier. On Linux
 * without a display it runs under `xvfb-run` when that is installed.
 *
 * Usage: node scripts/smoke.mjs [--packed <executable>] [--timeout <seconds>]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronPackageDir, resolveElectron } from './electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Keep in step with electron/main/smoke.ts (a test checks that they agree). */
export const SMOKE_SWITCH = '--smoke-test';
export const SMOKE_PASSED = 'Tessera smoke test passed: the window loaded and painted.';
export const SMOKE_FAILED = 'Tessera smoke test failed:';
export const DEFAULT_TIMEOUT_S = 60;

/**
 * The Electron executable to smoke-test the built app with, or why there is none. Never downloads.
 * @returns {{ executable: string } | { executable: null, reason: string }}
 */
export function findElectron(env = process.env) {
  if (env.ELECTRON_BIN) {
    return existsSync(env.ELECTRON_BIN)
      ? { executable: env.ELECTRON_BIN }
      : { executable: null, reason: `ELECTRON_BIN=${env.ELECTRON_BIN} does not exist` };
  }
  let packageDir;
  try {
    packageDir = electronPackageDir(env);
  } catch {
    return { executable: null, reason: 'the electron package is not installed (run npm install)' };
  }
  const found = resolveElectron({ env, packageDir });
  if (found.executable && found.exists) return { executable: found.executable };
  return {
    executable: null,
    reason:
      'the Electron binary is not installed (Electron downloads it on first launch: run `npm start` once on a ' +
      'machine with internet access, or set ELECTRON_BIN to an Electron executable)',
  };
}

/** The command line: the target, the smoke switch, the data folder, and what Linux needs. */
export function smokeCommand({ target, userData, platform = process.platform, env = process.env, isRoot, hasXvfb }) {
  const args = [...target.args, SMOKE_SWITCH, `--user-data-dir=${userData}`];
  // Chromium refuses to run as root with its OS sandbox on; the renderer sandbox still applies.
  if (platform === 'linux' && isRoot) args.push('--no-sandbox');
  const needsDisplay = platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  if (!needsDisplay) return { command: target.command, args };
  if (!hasXvfb) return null;
  return { command: 'xvfb-run', args: ['-a', target.command, ...args] };
}

/** Why the run failed, from what the app printed and how it ended; null when it passed. */
export function judge({ output, code, signal, timedOut, timeoutS }) {
  if (timedOut) return `Tessera did not start and quit within ${timeoutS} s.`;
  const failed = output.split('\n').find((l) => l.includes(SMOKE_FAILED));
  if (failed) return failed.slice(failed.indexOf(SMOKE_FAILED) + SMOKE_FAILED.length).trim();
  if (signal) return `Tessera was stopped by ${signal}.`;
  if (code !== 0) return `Tessera exited with code ${code}.`;
  if (!output.includes(SMOKE_PASSED)) return 'Tessera quit without saying its window loaded and painted.';
  return null;
}

function parseArgs(argv) {
  const options = { packed: null, timeoutS: DEFAULT_TIMEOUT_S };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--packed') options.packed = argv[++i] ?? null;
    else if (argv[i] === '--timeout') options.timeoutS = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!(options.timeoutS > 0)) throw new Error('--timeout needs a number of seconds');
  return options;
}

function run(command, args, timeoutS) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      // The built bundle, not a dev server; and never Node mode.
      // No clock check over the network from a test run (electron/time/time-check.ts).
      env: { ...process.env, ELECTRON_RENDERER_URL: '', ELECTRON_RUN_AS_NODE: '', TESSERA_TIME_CHECK: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutS * 1000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ output: `${output}${error.message}\n`, code: 1, signal: null, timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ output, code, signal, timedOut });
    });
  });
}

export async function main(argv = process.argv.slice(2), env = process.env) {
  let options;
  try {
    options = parseArgs(argv);
  } catch (error) {
    console.error(
      `Smoke test: ${error.message}. Usage: npm run smoke -- [--packed <executable>] [--timeout <seconds>]`,
    );
    return 2;
  }
  let target;
  if (options.packed) {
    if (!existsSync(options.packed)) {
      console.error(`Smoke test failed: ${options.packed} does not exist. Build it with npm run dist:dir first.`);
      return 1;
    }
    target = { command: path.resolve(options.packed), args: [] };
  } else {
    const found = findElectron(env);
    if (!found.executable) {
      console.log(`Smoke test skipped: ${found.reason}.`);
      return 0;
    }
    if (!existsSync(path.join(root, 'out', 'main', 'index.js'))) {
      console.error('Smoke test failed: the app is not built. Run npm run build first.');
      return 1;
    }
    target = { command: found.executable, args: [root] };
  }

  const userData = mkdtempSync(path.join(tmpdir(), 'tessera-smoke-'));
  try {
    const command = smokeCommand({
      target,
      userData,
      env,
      isRoot: process.getuid?.() === 0,
      hasXvfb: spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined,
    });
    if (!command) {
      console.error(
        'Smoke test failed: there is no display to open the window on. Run it in a desktop session, or install ' +
          'Xvfb (sudo apt-get install xvfb xauth) so that it can use a virtual one.',
      );
      return 1;
    }
    const started = performance.now();
    const result = await run(command.command, command.args, options.timeoutS);
    const failure = judge({ ...result, timeoutS: options.timeoutS });
    if (failure === null) {
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`Smoke test passed: Tessera started, painted its window and quit (${seconds} s).`);
      return 0;
    }
    console.error(`Smoke test failed: ${failure}`);
    const tail = result.output.trim().split('\n').slice(-20).join('\n');
    if (tail) console.error(`Details (the app's last output):\n${tail}`);
    return 1;
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main());
}
