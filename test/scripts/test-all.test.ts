// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm test` (scripts/test-all.mjs) and what it needs from outside npm (scripts/lib/test-tools.mjs,
 * also reached as scripts/lib/chromium.mjs): the order in which a Chromium is found, the install
 * fallbacks with injected command results (so nothing is installed here), the single apt-get run for
 * Chromium and PyNaCl, and the closing list of skipped tests. Syncthing's part is in test-tools.test.ts;
 * here it is already on the PATH unless a test says otherwise.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_CHROMIUM,
  NO_PYNACL,
  SOURCE_ENV,
  SOURCE_PATH,
  SOURCE_PLAYWRIGHT,
  findChromium,
  findPythonWithNacl,
  lastMessageLine,
  provisionChromium,
  provisionTestTools,
  type ProvisionOptions,
  type Spawn,
  type SpawnResult,
} from '../../scripts/lib/test-tools.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The pure exports of scripts/test-all.mjs (a plain ESM script without type declarations). */
interface TestAll {
  countVitest(report: unknown): { passed: number; failed: number; skipped: number; runFailed: boolean } | null;
  vitestSkippedTests(report: unknown, base?: string): string[];
  playwrightSkipReasons(report: unknown): Map<string, number>;
}
let testAll: TestAll;
beforeAll(async () => {
  testAll = (await import(pathToFileURL(path.join(root, 'scripts', 'test-all.mjs')).href)) as TestAll;
});

const CACHE = '/root/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';

/** A machine described by what is on it; `install` puts more on it, as a successful command would. */
function machine(start: { files?: string[]; path?: Record<string, string> } = {}) {
  const files = new Set(start.files ?? []);
  const onPath = new Map(Object.entries(start.path ?? {}));
  return {
    files,
    onPath,
    which: (name: string) => onPath.get(name) ?? null,
    exists: (file: string) => files.has(file),
  };
}

const ok: SpawnResult = { status: 0, stdout: '', stderr: '', error: null };
const fail = (stderr: string): SpawnResult => ({ status: 1, stdout: '', stderr, error: null });

/**
 * A spawn that records each command and answers from `answer`; PyNaCl checks (`-c import ...`) are
 * answered from `pythonOk`, so the tests follow the real findPythonWithNacl.
 */
function recorder(answer: (cmd: string) => SpawnResult, pythonOk: (candidate: string) => boolean = () => false) {
  const calls: { cmd: string; env: NodeJS.ProcessEnv | undefined }[] = [];
  const spawn: Spawn = (command, args, options) => {
    if (args[0] === '-c') return pythonOk(command) ? { ...ok, stdout: `/usr/bin/${command}\n` } : fail('No module');
    const cmd = [command, ...args].join(' ');
    calls.push({ cmd, env: options.env });
    return answer(cmd);
  };
  return { calls, spawn, commands: () => calls.map((c) => c.cmd) };
}

const PLAYWRIGHT_INSTALL = 'npx --no -- playwright install chromium';
const APT_UPDATE = 'apt-get update -qq';
const aptInstall = (...packages: string[]) => `apt-get install -y -qq -o DPkg::Lock::Timeout=120 ${packages.join(' ')}`;

const SYNCTHING = { path: '/usr/bin/syncthing', source: SOURCE_PATH };

/** Root on Debian with apt-get and Syncthing, and nothing else, unless `over` says otherwise. */
function provision(m: ReturnType<typeof machine>, spawn: Spawn, over: Partial<ProvisionOptions> = {}) {
  m.files.add('/etc/debian_version');
  if (!m.onPath.has('apt-get')) m.onPath.set('apt-get', '/usr/bin/apt-get');
  if (!m.onPath.has('syncthing')) m.onPath.set('syncthing', SYNCTHING.path);
  const log: string[] = [];
  const result = provisionTestTools({
    env: {},
    which: m.which,
    exists: m.exists,
    isBrowser: () => true,
    isSyncthing: () => true,
    playwrightCachePath: CACHE,
    spawn,
    getuid: () => 0,
    log: (line) => log.push(line),
    now: () => 0,
    ...over,
  });
  return { result, log };
}

describe('findChromium: where the browser comes from', () => {
  const everywhere = () =>
    machine({
      files: ['/opt/chrome/chrome', CACHE],
      path: { chromium: '/usr/bin/chromium', 'google-chrome': '/usr/bin/google-chrome' },
    });

  it('takes CHROMIUM_BIN over the PATH and the Playwright cache', () => {
    const m = everywhere();
    const found = findChromium({
      env: { CHROMIUM_BIN: '/opt/chrome/chrome' },
      which: m.which,
      exists: m.exists,
      isBrowser: () => true,
      playwrightCachePath: CACHE,
    });
    expect(found).toEqual({ path: '/opt/chrome/chrome', source: SOURCE_ENV });
  });

  it('reports a CHROMIUM_BIN that points nowhere instead of quietly using another browser', () => {
    const m = everywhere();
    const found = findChromium({
      env: { CHROMIUM_BIN: '/nowhere/chrome' },
      which: m.which,
      exists: m.exists,
      isBrowser: () => true,
      playwrightCachePath: CACHE,
    });
    expect(found).toMatchObject({ path: null, source: SOURCE_ENV });
    expect(found && 'error' in found ? found.error : '').toMatch(
      /CHROMIUM_BIN is set to '\/nowhere\/chrome'.*unset it/,
    );
  });

  it('takes a system browser on the PATH over the Playwright cache, Chromium before Chrome', () => {
    const m = everywhere();
    const opts = { env: {}, which: m.which, exists: m.exists, isBrowser: () => true, playwrightCachePath: CACHE };
    expect(findChromium(opts)).toEqual({ path: '/usr/bin/chromium', source: SOURCE_PATH });
    m.onPath.delete('chromium');
    expect(findChromium(opts)).toEqual({ path: '/usr/bin/google-chrome', source: SOURCE_PATH });
  });

  it('passes over a PATH entry that does not run as a browser (the snap stub)', () => {
    const m = machine({ files: [CACHE], path: { 'chromium-browser': '/usr/bin/chromium-browser' } });
    const found = findChromium({
      env: {},
      which: m.which,
      exists: m.exists,
      isBrowser: (file) => file !== '/usr/bin/chromium-browser',
      playwrightCachePath: () => CACHE,
    });
    expect(found).toEqual({ path: CACHE, source: SOURCE_PLAYWRIGHT });
  });

  it('uses the Playwright cache only when its browser is really there', () => {
    const m = machine();
    const opts = { env: {}, which: m.which, exists: m.exists, isBrowser: () => true, playwrightCachePath: CACHE };
    expect(findChromium(opts)).toBeNull();
    expect(findChromium({ ...opts, playwrightCachePath: null })).toBeNull();
    m.files.add(CACHE);
    expect(findChromium(opts)).toEqual({ path: CACHE, source: SOURCE_PLAYWRIGHT });
  });

  describe.skipIf(process.platform === 'win32')('with real files on a PATH', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('skips a file that is not executable and a stub that does not start, and finds the real one', () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tessera-chromium-'));
      const script = (name: string, body: string, mode: number) => {
        writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
        chmodSync(path.join(dir, name), mode);
      };
      script('chromium', 'echo "Chromium 130.0.0.0"', 0o644);
      script(
        'chromium-browser',
        `echo "Command '/usr/bin/chromium-browser' requires the chromium snap to be installed." >&2\nexit 1`,
        0o755,
      );
      script('google-chrome-stable', 'echo "Google Chrome 131.0.6778.85"', 0o755);
      expect(findChromium({ env: { PATH: dir }, playwrightCachePath: null })).toEqual({
        path: path.join(dir, 'google-chrome-stable'),
        source: SOURCE_PATH,
      });
    });
  });
});

describe('provisionTestTools: installing what is missing', () => {
  it('installs nothing when both are already there', () => {
    const m = machine({ path: { chromium: '/usr/bin/chromium' } });
    const r = recorder(
      () => ok,
      () => true,
    );
    const { result, log } = provision(m, r.spawn);
    expect(r.commands()).toEqual([]);
    expect(result).toEqual({
      chromium: { path: '/usr/bin/chromium', source: SOURCE_PATH },
      error: null,
      python: '/usr/bin/python3',
      pythonReason: null,
      syncthing: SYNCTHING,
      syncthingError: null,
    });
    expect(log).toEqual([
      'Chromium: /usr/bin/chromium (system PATH)',
      'PyNaCl: /usr/bin/python3',
      'Syncthing: /usr/bin/syncthing (system PATH)',
    ]);
  });

  it('uses the browser `npx playwright install chromium` downloaded, without apt', () => {
    const m = machine();
    const r = recorder((cmd) => {
      if (cmd === PLAYWRIGHT_INSTALL) m.files.add(CACHE);
      return ok;
    });
    const { result } = provision(m, r.spawn, { python: false });
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL]);
    expect(result.chromium).toEqual({ path: CACHE, source: SOURCE_PLAYWRIGHT });
  });

  it('falls back to apt-get when the Playwright download fails, as root on Debian', () => {
    const m = machine();
    const r = recorder((cmd) => {
      if (cmd === PLAYWRIGHT_INSTALL) return fail('Error: Download failure, code=1\n    at ChildProcess.emit');
      if (cmd === aptInstall('chromium')) m.onPath.set('chromium', '/usr/bin/chromium');
      return ok;
    });
    const { result, log } = provision(m, r.spawn, { python: false });
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL, APT_UPDATE, aptInstall('chromium')]);
    expect(r.calls[2]?.env?.['DEBIAN_FRONTEND']).toBe('noninteractive');
    expect(result).toMatchObject({ chromium: { path: '/usr/bin/chromium', source: SOURCE_PATH }, error: null });
    expect(log).toEqual([
      "Chromium: none on this machine; trying 'npx playwright install chromium'",
      "Chromium: 'npx playwright install chromium' did not provide one (Error: Download failure, code=1)",
      'apt-get: installing chromium',
      'apt-get: installed chromium in 0 s',
      'Chromium: /usr/bin/chromium (system PATH)',
      'Syncthing: /usr/bin/syncthing (system PATH)',
    ]);
  });

  it('installs Chromium and PyNaCl with one apt-get update and one apt-get install', () => {
    const m = machine();
    let naclInstalled = false;
    const r = recorder(
      (cmd) => {
        if (cmd === PLAYWRIGHT_INSTALL) return fail('Error: Download failure, code=1');
        if (cmd === aptInstall('chromium', 'python3-nacl')) {
          m.onPath.set('chromium', '/usr/bin/chromium');
          naclInstalled = true;
        }
        return ok;
      },
      () => naclInstalled,
    );
    const { result } = provision(m, r.spawn);
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL, APT_UPDATE, aptInstall('chromium', 'python3-nacl')]);
    expect(result).toEqual({
      chromium: { path: '/usr/bin/chromium', source: SOURCE_PATH },
      error: null,
      python: '/usr/bin/python3',
      pythonReason: null,
      syncthing: SYNCTHING,
      syncthingError: null,
    });
  });

  it('installs only PyNaCl when the browser is there, and says why the check skips if that fails', () => {
    const m = machine({ path: { chromium: '/usr/bin/chromium' } });
    const r = recorder((cmd) => (cmd.startsWith('apt-get install') ? fail('E: Unable to locate package') : ok));
    const { result, log } = provision(m, r.spawn);
    expect(r.commands()).toEqual([APT_UPDATE, aptInstall('python3-nacl')]);
    expect(result).toMatchObject({ chromium: { path: '/usr/bin/chromium' }, python: null, pythonReason: NO_PYNACL });
    expect(log).toContain('apt-get: install of python3-nacl failed after 0 s (E: Unable to locate package)');
  });

  it.each([
    ['not root', { getuid: () => 1000 }],
    ['not Debian', { exists: () => false }],
    ['without apt-get', { which: () => null }],
  ] as const)('gives the one-line instruction when %s, without trying apt-get', (_, over) => {
    const m = machine();
    const r = recorder((cmd) => (cmd === PLAYWRIGHT_INSTALL ? fail('Error: Download failure, code=1') : ok));
    const { result } = provision(m, r.spawn, over);
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL]);
    expect(result).toMatchObject({ chromium: null, error: NO_CHROMIUM, python: null, pythonReason: NO_PYNACL });
    expect(NO_CHROMIUM).not.toContain('\n');
    expect(NO_CHROMIUM).toMatch(/sudo apt-get install chromium.*npx playwright install chromium.*CHROMIUM_BIN/);
  });

  it('gives the instruction when apt-get fails too', () => {
    const m = machine();
    const r = recorder((cmd) => (cmd === APT_UPDATE ? ok : fail('E: failed to fetch')));
    const { result, log } = provision(m, r.spawn, { python: false });
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL, APT_UPDATE, aptInstall('chromium')]);
    expect(result.error).toBe(NO_CHROMIUM);
    expect(log).toContain('apt-get: install of chromium failed after 0 s (E: failed to fetch)');
  });

  it('installs nothing over a CHROMIUM_BIN that points nowhere, and reports it', () => {
    const m = machine();
    const r = recorder(
      () => ok,
      () => true,
    );
    const { result } = provision(m, r.spawn, { env: { CHROMIUM_BIN: '/nowhere/chrome' } });
    expect(r.commands()).toEqual([]);
    expect(result.chromium).toBeNull();
    expect(result.error).toMatch(/CHROMIUM_BIN is set to '\/nowhere\/chrome'/);
  });

  it('provisionChromium leaves PyNaCl alone', () => {
    const m = machine({ files: ['/etc/debian_version'], path: { 'apt-get': '/usr/bin/apt-get' } });
    const r = recorder((cmd) => {
      if (cmd === aptInstall('chromium')) m.onPath.set('chromium', '/usr/bin/chromium');
      return cmd === PLAYWRIGHT_INSTALL ? fail('offline') : ok;
    });
    const result = provisionChromium({
      env: {},
      which: m.which,
      exists: m.exists,
      isBrowser: () => true,
      playwrightCachePath: null,
      spawn: r.spawn,
      getuid: () => 0,
    });
    expect(r.commands()).toEqual([PLAYWRIGHT_INSTALL, APT_UPDATE, aptInstall('chromium')]);
    expect(result).toEqual({ chromium: { path: '/usr/bin/chromium', source: SOURCE_PATH }, error: null });
  });
});

describe('findPythonWithNacl', () => {
  const tried: string[] = [];
  const spawnFor =
    (good: string[]): Spawn =>
    (command) => {
      tried.push(command);
      return good.includes(command) ? { ...ok, stdout: `/real/${command}\n` } : fail('ModuleNotFoundError');
    };
  afterEach(() => {
    tried.length = 0;
  });

  it('tries TESSERA_PYTHON, then python3, then the system python3, and returns the interpreter path', () => {
    expect(findPythonWithNacl({ env: { TESSERA_PYTHON: 'py-nacl' }, spawn: spawnFor(['py-nacl', 'python3']) })).toBe(
      '/real/py-nacl',
    );
    expect(findPythonWithNacl({ env: {}, spawn: spawnFor(['/usr/bin/python3']) })).toBe('/real//usr/bin/python3');
    expect(tried).toEqual(['py-nacl', 'python3', '/usr/bin/python3']);
    expect(findPythonWithNacl({ env: {}, spawn: spawnFor([]) })).toBeNull();
  });
});

describe('lastMessageLine', () => {
  it('keeps the message of a failed command, not its stack', () => {
    const stderr = [
      'Error: Failed to download Chrome for Testing 159.0.8154.6 (playwright chromium v1255), caused by',
      'Error: Download failure, code=1',
      '    at ChildProcess.<anonymous> (/work/main/node_modules/playwright-core/lib/coreBundle.js:34127:32)',
      '    at ChildProcess.emit (node:events:524:28)',
      '',
    ].join('\n');
    expect(lastMessageLine(stderr)).toBe('Error: Download failure, code=1');
    // What the Playwright download writes to stderr here, without internet: an error and a dumped object.
    const offline = [
      'Error: getaddrinfo ENOTFOUND cdn.playwright.dev',
      '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:internal/dns/promises:99:17) {',
      '  errno: -3008,',
      "  code: 'ENOTFOUND',",
      '}',
    ].join('\n');
    expect(lastMessageLine(offline)).toBe('Error: getaddrinfo ENOTFOUND cdn.playwright.dev');
    expect(lastMessageLine('Reading package lists...\nE: Unable to locate package chromium\n')).toBe(
      'E: Unable to locate package chromium',
    );
    expect(lastMessageLine('something odd happened\n}\n')).toBe('something odd happened');
    expect(lastMessageLine('x'.repeat(300))).toHaveLength(160);
  });
});

describe('closing summary: skipped tests and their reasons', () => {
  /** The shape of vitest's JSON reporter (test-results/vitest.json), trimmed. */
  const vitestReport = {
    numPassedTests: 3,
    numFailedTests: 0,
    numPendingTests: 2,
    numTodoTests: 1,
    success: true,
    testResults: [
      {
        name: path.join(root, 'test/electron/vault/reference.test.ts'),
        assertionResults: [
          { ancestorTitles: ['test vector'], title: 'is the committed file, byte for byte', status: 'passed' },
          {
            ancestorTitles: ['reference decryptor (Python, PyNaCl)'],
            fullName:
              'reference decryptor (Python, PyNaCl) decrypts the test vector to the same contents (skipped: PyNaCl not installed; apt-get install python3-nacl)',
            title:
              'decrypts the test vector to the same contents (skipped: PyNaCl not installed; apt-get install python3-nacl)',
            status: 'skipped',
          },
        ],
      },
      {
        name: path.join(root, 'test/electron/import/corpus.test.ts'),
        assertionResults: [
          { ancestorTitles: [], title: 'TESSERA_CORPUS is not set: corpus tests skipped', status: 'pending' },
          { ancestorTitles: ['a', 'b'], title: 'later', status: 'todo' },
          { ancestorTitles: [], title: 'runs', status: 'passed' },
          { ancestorTitles: [], title: 'fails', status: 'failed' },
        ],
      },
    ],
  };

  it('lists every skipped vitest test by file and full title', () => {
    expect(testAll.vitestSkippedTests(vitestReport, root)).toEqual([
      'test/electron/vault/reference.test.ts › reference decryptor (Python, PyNaCl) › decrypts the test vector to the same contents (skipped: PyNaCl not installed; apt-get install python3-nacl)',
      'test/electron/import/corpus.test.ts › TESSERA_CORPUS is not set: corpus tests skipped',
      'test/electron/import/corpus.test.ts › a › b › later (todo)',
    ]);
    expect(testAll.vitestSkippedTests(null)).toEqual([]);
    expect(testAll.countVitest(vitestReport)).toEqual({ passed: 3, failed: 0, skipped: 3, runFailed: false });
  });

  it('counts Playwright skips by reason, and those that gave none', () => {
    const report = {
      suites: [
        {
          specs: [
            {
              title: 'opens the window',
              tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'No Electron binary.' }] }],
            },
          ],
          suites: [
            {
              specs: [
                {
                  title: 'shows the tray',
                  tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'No Electron binary.' }] }],
                },
                { title: 'quietly skipped', tests: [{ status: 'skipped', annotations: [] }] },
                { title: 'ran', tests: [{ status: 'expected', annotations: [] }] },
              ],
            },
          ],
        },
      ],
    };
    expect([...testAll.playwrightSkipReasons(report)]).toEqual([
      ['No Electron binary.', 2],
      ['no reason given (quietly skipped)', 1],
    ]);
  });
});
