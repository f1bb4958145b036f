// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Finds (and, for `npm test`, installs) what the tests need from outside npm: a Chromium for the
 * Playwright browser tier, Syncthing for the sync tests (test/sync, issue #18), and optionally a
 * Python with PyNaCl for the reference-decryptor check.
 *
 * Why: the browser tier used to assume `/usr/bin/chromium`, which only CI installed, so on a fresh
 * machine every browser test failed with "executable doesn't exist". `npm test` now finds a browser
 * (CHROMIUM_BIN, then the PATH, then Playwright's own cache) and Syncthing (SYNCTHING_BIN, then the
 * PATH), and installs what is missing. playwright.config.ts uses the same browser search (find only,
 * never install) by running scripts/lib/chromium.mjs, which re-exports this module; the sync tests
 * call findSyncthing (find only) when `npm test` did not pass SYNCTHING_BIN.
 *
 * Everything that touches the machine (spawning, PATH lookup, file checks, the user id) is passed in
 * with production defaults, so the order and the fallbacks are unit-tested without installing anything.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** Executable names of a system Chromium or Chrome, most likely first. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];

export const SOURCE_ENV = 'CHROMIUM_BIN';
export const SOURCE_PATH = 'system PATH';
export const SOURCE_PLAYWRIGHT = "Playwright's browser cache";
export const SYNCTHING_ENV = 'SYNCTHING_BIN';

export const NO_CHROMIUM =
  "No Chromium for the browser tests: run 'sudo apt-get install chromium' (Debian/Ubuntu) or " +
  "'npx playwright install chromium', or set CHROMIUM_BIN to a Chromium or Chrome executable.";
export const NO_SYNCTHING =
  "No Syncthing for the sync tests: run 'sudo apt-get install syncthing' (Debian/Ubuntu) or 'brew install " +
  "syncthing' (macOS), or set SYNCTHING_BIN to a syncthing executable.";
export const NO_PYNACL =
  "PyNaCl not installed, so the Python reference-decryptor check is skipped: run 'sudo apt-get install " +
  "python3-nacl' (Debian/Ubuntu) or 'pip install pynacl' to include it.";

const PLAYWRIGHT_INSTALL = ['npx', ['--no', '--', 'playwright', 'install', 'chromium']];
const MINUTE = 60_000;

/** The first executable file called `name` on `envPath` (like `which`), or null. */
export function whichOnPath(name, envPath = process.env['PATH'] ?? '') {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (!statSync(candidate).isFile()) continue;
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Missing or not executable: keep looking.
    }
  }
  return null;
}

/**
 * Whether `file` really starts as a browser: `--version` must succeed and name Chromium or Chrome.
 * Being on the PATH is not enough: Ubuntu's `chromium-browser` is a stub that only says to install
 * the snap, and a Playwright download can lack the system libraries it links against.
 */
export function runsAsBrowser(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0 && /\b(chromium|chrome)\b/i.test(r.stdout ?? '');
}

/** Where Playwright keeps (or would download) its own Chromium, whether or not it is there. */
export function playwrightChromiumPath() {
  const require = createRequire(import.meta.url);
  for (const id of ['playwright-core', '@playwright/test']) {
    try {
      return require(id).chromium.executablePath() || null;
    } catch {
      // Not installed, or no browser registered for this platform: try the next package.
    }
  }
  return null;
}

/**
 * Finds a Chromium without installing anything. Order: CHROMIUM_BIN (set but missing is an error,
 * not a reason to look elsewhere: someone chose that path), a system Chromium or Chrome on the PATH
 * that really runs, then Playwright's browser cache.
 * @returns {{ path: string, source: string } | { path: null, source: string, error: string } | null}
 */
export function findChromium({
  env = process.env,
  which = (name) => whichOnPath(name, env['PATH'] ?? ''),
  exists = existsSync,
  isBrowser = runsAsBrowser,
  playwrightCachePath = playwrightChromiumPath,
} = {}) {
  const chosen = env[SOURCE_ENV];
  if (chosen) {
    if (exists(chosen)) return { path: chosen, source: SOURCE_ENV };
    return {
      path: null,
      source: SOURCE_ENV,
      error: `CHROMIUM_BIN is set to '${chosen}', which does not exist: point it at a Chromium or Chrome executable, or unset it.`,
    };
  }
  for (const name of BROWSER_NAMES) {
    const file = which(name);
    if (file && isBrowser(file)) return { path: file, source: SOURCE_PATH };
  }
  const cached = typeof playwrightCachePath === 'function' ? playwrightCachePath() : playwrightCachePath;
  if (cached && exists(cached) && isBrowser(cached)) return { path: cached, source: SOURCE_PLAYWRIGHT };
  return null;
}

/** spawnSync with captured output, a timeout, and no exception for a missing command. */
export function spawnCaptured(command, args, { env = process.env, cwd, timeoutMs = 5 * MINUTE } = {}) {
  const r = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timedOut = r.error?.code === 'ETIMEDOUT';
  return {
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: timedOut ? `timed out after ${Math.round(timeoutMs / 1000)} s` : (r.error?.message ?? null),
  };
}

/**
 * The line of a command's output that says what went wrong, shortened: the last error line (`Error:
 * ...`, apt's `E: ...`) if any, else the last line; never a stack frame or a dumped object's brace.
 */
export function lastMessageLine(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at\s/.test(l));
  const errors = lines.filter((l) => /^(\w*Error\b|E:|error\b|fatal\b)/i.test(l));
  const last = errors.at(-1) ?? lines.filter((l) => /\w/.test(l)).at(-1) ?? '';
  return last.length > 160 ? `${last.slice(0, 157)}...` : last;
}

function describeFailure(r) {
  return r.error ?? (lastMessageLine(r.stderr) || lastMessageLine(r.stdout) || `exit code ${r.status}`);
}

/**
 * A Python 3 that can import PyNaCl (Debian's python3-nacl or pip's pynacl), as an absolute path,
 * or null. TESSERA_PYTHON first, so a caller's choice wins; then `python3`, then the system one
 * (apt installs python3-nacl for /usr/bin/python3, which pyenv or a venv may hide on the PATH).
 */
export function findPythonWithNacl({ env = process.env, spawn = spawnCaptured } = {}) {
  const candidates = [env['TESSERA_PYTHON'], 'python3', '/usr/bin/python3'].filter(Boolean);
  for (const candidate of new Set(candidates)) {
    const r = spawn(candidate, ['-c', 'import sys, nacl.bindings, nacl.pwhash; print(sys.executable)'], {
      env,
      timeoutMs: 30_000,
    });
    if (r.status === 0) return r.stdout.trim() || candidate;
  }
  return null;
}

/**
 * Whether `file` really is Syncthing: `--version` must succeed and say `syncthing v<digits>` (Debian's
 * 1.19 says `syncthing v1.19.2-ds1 "Fermium Flea" (go1.19.8 linux-amd64) debian@debian ...`).
 */
export function runsAsSyncthing(file) {
  const r = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return r.status === 0 && /^syncthing v\d/i.test((r.stdout ?? '').trim());
}

/**
 * Finds Syncthing without installing anything. Order: SYNCTHING_BIN (set but missing is an error, not
 * a reason to look elsewhere), then `syncthing` on the PATH if it really runs.
 * @returns {{ path: string, source: string } | { path: null, source: string, error: string } | null}
 */
export function findSyncthing({
  env = process.env,
  which = (name) => whichOnPath(name, env['PATH'] ?? ''),
  exists = existsSync,
  isSyncthing = runsAsSyncthing,
} = {}) {
  const chosen = env[SYNCTHING_ENV];
  if (chosen) {
    if (exists(chosen)) return { path: chosen, source: SYNCTHING_ENV };
    return {
      path: null,
      source: SYNCTHING_ENV,
      error: `SYNCTHING_BIN is set to '${chosen}', which does not exist: point it at a syncthing executable, or unset it.`,
    };
  }
  const file = which('syncthing');
  if (file && isSyncthing(file)) return { path: file, source: SOURCE_PATH };
  return null;
}

/**
 * Finds the tools, installing what is missing: Chromium first with `npx playwright install
 * chromium`, then (root on Debian/Ubuntu only) with apt-get, where a missing PyNaCl and a missing
 * Syncthing join the same `apt-get update` and `apt-get install`. Logs one short line per step
 * through `log`.
 * @returns {{ chromium: { path: string, source: string } | null, error: string | null,
 *   python: string | null, pythonReason: string | null,
 *   syncthing: { path: string, source: string } | null, syncthingError: string | null }}
 */
export function provisionTestTools({
  env = process.env,
  cwd = process.cwd(),
  which = (name) => whichOnPath(name, env['PATH'] ?? ''),
  exists = existsSync,
  isBrowser = runsAsBrowser,
  isSyncthing = runsAsSyncthing,
  playwrightCachePath = playwrightChromiumPath,
  spawn = spawnCaptured,
  getuid = () => (process.getuid ? process.getuid() : -1),
  findPython = () => findPythonWithNacl({ env, spawn }),
  python: wantPython = true,
  syncthing: wantSyncthing = true,
  log = () => {},
  now = () => Date.now(),
} = {}) {
  const find = () => findChromium({ env, which, exists, isBrowser, playwrightCachePath });
  const findSync = () => findSyncthing({ env, which, exists, isSyncthing });
  let chromium = find();
  if (chromium?.error) {
    // An explicit CHROMIUM_BIN that is wrong is not replaced behind the user's back.
    chromium = { error: chromium.error };
  } else if (!chromium) {
    log("Chromium: none on this machine; trying 'npx playwright install chromium'");
    const [command, args] = PLAYWRIGHT_INSTALL;
    const r = spawn(command, args, { env, cwd, timeoutMs: 10 * MINUTE });
    chromium = find();
    if (!chromium) log(`Chromium: 'npx playwright install chromium' did not provide one (${describeFailure(r)})`);
  }

  let python = wantPython ? findPython() : null;
  // Like CHROMIUM_BIN, a wrong SYNCTHING_BIN is reported, never replaced by an installed one.
  let syncthing = wantSyncthing ? findSync() : null;

  const packages = [];
  if (!chromium) packages.push('chromium');
  if (wantPython && !python) packages.push('python3-nacl');
  if (wantSyncthing && !syncthing) packages.push('syncthing');
  const canApt = getuid() === 0 && which('apt-get') !== null && exists('/etc/debian_version');
  if (packages.length > 0 && canApt) {
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const started = now();
    log(`apt-get: installing ${packages.join(' ')}`);
    const update = spawn('apt-get', ['update', '-qq'], { env: aptEnv, cwd, timeoutMs: 5 * MINUTE });
    // Stale package lists may still be enough, so a failed update does not stop the install.
    if (update.status !== 0) log(`apt-get: update failed (${describeFailure(update)}); trying the install anyway`);
    const install = spawn('apt-get', ['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=120', ...packages], {
      env: aptEnv,
      cwd,
      timeoutMs: 15 * MINUTE,
    });
    const seconds = Math.round((now() - started) / 1000);
    if (install.status === 0) log(`apt-get: installed ${packages.join(' ')} in ${seconds} s`);
    else log(`apt-get: install of ${packages.join(' ')} failed after ${seconds} s (${describeFailure(install)})`);
    if (!chromium) chromium = find();
    if (wantPython && !python) python = findPython();
    if (wantSyncthing && !syncthing) syncthing = findSync();
  }

  const found = chromium && !chromium.error ? chromium : null;
  const error = found ? null : (chromium?.error ?? NO_CHROMIUM);
  const syncFound = syncthing && !syncthing.error ? syncthing : null;
  if (found) log(`Chromium: ${found.path} (${found.source})`);
  if (wantPython && python) log(`PyNaCl: ${python}`);
  if (syncFound) log(`Syncthing: ${syncFound.path} (${syncFound.source})`);
  return {
    chromium: found ? { path: found.path, source: found.source } : null,
    error,
    python: python ?? null,
    pythonReason: wantPython && !python ? NO_PYNACL : null,
    syncthing: syncFound ? { path: syncFound.path, source: syncFound.source } : null,
    syncthingError: wantSyncthing && !syncFound ? (syncthing?.error ?? NO_SYNCTHING) : null,
  };
}

/** Chromium alone: {@link provisionTestTools} without the PyNaCl and Syncthing parts. */
export function provisionChromium(options = {}) {
  const { chromium, error } = provisionTestTools({ ...options, python: false, syncthing: false });
  return { chromium, error };
}
