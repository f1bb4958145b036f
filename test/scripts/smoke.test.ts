// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm run smoke` (scripts/smoke.mjs) without the real binary: its command line, its verdicts, and
 * whole runs against stand-in "Electron" executables that pass, fail, hang or are missing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as appSmoke from '../../electron/main/smoke';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(root, 'scripts', 'smoke.mjs');

interface Target {
  command: string;
  args: string[];
}
interface Smoke {
  SMOKE_SWITCH: string;
  SMOKE_PASSED: string;
  SMOKE_FAILED: string;
  smokeCommand(input: {
    target: Target;
    userData: string;
    platform?: string;
    env?: Record<string, string | undefined>;
    isRoot: boolean;
    hasXvfb: boolean;
  }): Target | null;
  judge(input: {
    output: string;
    code: number | null;
    signal: string | null;
    timedOut: boolean;
    timeoutS: number;
  }): string | null;
}

let smoke: Smoke;
let work = '';
beforeAll(async () => {
  smoke = (await import(pathToFileURL(script).href)) as Smoke;
  work = mkdtempSync(path.join(tmpdir(), 'tessera-smoke-test-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in "Electron": records its arguments, prints `output`, exits with `code` (or hangs). */
function standIn(name: string, body: { output?: string; code?: number; hang?: boolean }): string {
  const file = path.join(work, name);
  const record = path.join(work, `${name}.json`);
  writeFileSync(
    file,
    `#!/usr/bin/env node
require('node:fs').writeFileSync(${JSON.stringify(record)}, JSON.stringify({ argv: process.argv.slice(2), cwd: process.cwd() }));
process.stdout.write(${JSON.stringify(body.output ?? '')});
${body.hang ? 'setInterval(() => {}, 1000);' : `process.exit(${body.code ?? 0});`}
`,
  );
  chmodSync(file, 0o755);
  return file;
}

function runSmoke(env: Record<string, string>, args: string[] = []) {
  const clean = { ...process.env };
  for (const key of ['ELECTRON_BIN', 'ELECTRON_EXEC_PATH', 'ELECTRON_OVERRIDE_DIST_PATH']) delete clean[key];
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd: root,
    env: { ...clean, DISPLAY: ':0', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the pass and fail lines', () => {
  it('are the ones the app prints', () => {
    expect(smoke.SMOKE_SWITCH).toBe(appSmoke.SMOKE_SWITCH);
    expect(smoke.SMOKE_PASSED).toBe(appSmoke.SMOKE_PASSED);
    expect(smoke.SMOKE_FAILED).toBe(appSmoke.SMOKE_FAILED);
  });
});

describe('smokeCommand', () => {
  const target = { command: '/opt/electron', args: ['/src/tessera'] };
  const base = { target, userData: '/tmp/u', isRoot: false, hasXvfb: false };

  it('passes the switch and a throw-away data folder', () => {
    expect(smoke.smokeCommand({ ...base, platform: 'darwin', env: {} })).toEqual({
      command: '/opt/electron',
      args: ['/src/tessera', '--smoke-test', '--user-data-dir=/tmp/u'],
    });
  });

  it('on Linux: --no-sandbox only as root, xvfb-run only without a display', () => {
    const display = { DISPLAY: ':1' };
    expect(smoke.smokeCommand({ ...base, platform: 'linux', env: display })?.args).not.toContain('--no-sandbox');
    expect(smoke.smokeCommand({ ...base, platform: 'linux', env: display, isRoot: true })?.args).toContain(
      '--no-sandbox',
    );
    expect(smoke.smokeCommand({ ...base, platform: 'linux', env: {}, hasXvfb: true })).toMatchObject({
      command: 'xvfb-run',
      args: ['-a', '/opt/electron', '/src/tessera', '--smoke-test', '--user-data-dir=/tmp/u'],
    });
    expect(smoke.smokeCommand({ ...base, platform: 'linux', env: {} })).toBeNull();
  });
});

describe('judge', () => {
  const ok = { output: `${appSmoke.SMOKE_PASSED}\n`, code: 0, signal: null, timedOut: false, timeoutS: 60 };
  it('passes only on exit 0 with the pass line', () => {
    expect(smoke.judge(ok)).toBeNull();
    expect(smoke.judge({ ...ok, output: '' })).toMatch(/without saying its window loaded/);
    expect(smoke.judge({ ...ok, code: 3 })).toBe('Tessera exited with code 3.');
    expect(smoke.judge({ ...ok, timedOut: true, code: null, signal: 'SIGKILL' })).toBe(
      'Tessera did not start and quit within 60 s.',
    );
    expect(smoke.judge({ ...ok, output: `${appSmoke.SMOKE_FAILED} the page did not load (-6 X).\n`, code: 1 })).toBe(
      'the page did not load (-6 X).',
    );
  });
});

describe('npm run smoke against stand-ins', () => {
  it('passes when the app paints and quits, having started the built app with a fresh data folder', () => {
    const bin = standIn('passes', { output: `${appSmoke.SMOKE_PASSED}\n` });
    const r = runSmoke({ ELECTRON_BIN: bin });
    expect(r.out).toMatch(/^Smoke test passed: Tessera started, painted its window and quit/);
    expect(r.status).toBe(0);
    const { argv } = JSON.parse(readFileSync(`${bin}.json`, 'utf8')) as { argv: string[] };
    expect(argv[0]).toBe(root.replace(/\/$/, ''));
    expect(argv).toContain('--smoke-test');
    const dataDir = argv.find((a) => a.startsWith('--user-data-dir='))?.slice('--user-data-dir='.length);
    expect(dataDir).toMatch(/tessera-smoke-/);
    expect(existsSync(dataDir!)).toBe(false);
  });

  it('fails with the app’s own reason', () => {
    const bin = standIn('fails', {
      output: `${appSmoke.SMOKE_FAILED} the page did not load (-6 ERR_FILE_NOT_FOUND).\n`,
      code: 1,
    });
    const r = runSmoke({ ELECTRON_BIN: bin });
    expect(r.status).toBe(1);
    expect(r.out).toContain('Smoke test failed: the page did not load (-6 ERR_FILE_NOT_FOUND).');
  });

  it('fails, and ends the app, past the time limit', () => {
    const bin = standIn('hangs', { hang: true });
    const r = runSmoke({ ELECTRON_BIN: bin }, ['--timeout', '0.5']);
    expect(r.status).toBe(1);
    expect(r.out).toContain('Smoke test failed: Tessera did not start and quit within 0.5 s.');
  });

  it('is skipped, with the reason, where there is no Electron binary', () => {
    const r = runSmoke({ TESSERA_ELECTRON_PACKAGE_DIR: work });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^Smoke test skipped: the Electron binary is not installed/);
  });
});
