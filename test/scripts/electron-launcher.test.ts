// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Electron launcher (scripts/electron.mjs) behind `npm start`, `npm run dev` and `npm run dist`: finding the
 * executable without downloading, the Node.js gate from the electron package's `engines`, the one-paragraph
 * messages for each way Electron's installer fails, and end-to-end runs against stand-ins (an electron package
 * whose installer succeeds, fails offline or answers 404, and a recording "Electron"). Nothing touches the network.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(root, 'scripts', 'electron.mjs');

type Env = Record<string, string | undefined>;
type Kind = 'network' | 'mirror' | 'checksum' | 'node' | 'timeout' | 'other';
interface Resolved {
  source: 'ELECTRON_EXEC_PATH' | 'ELECTRON_OVERRIDE_DIST_PATH' | 'package';
  executable: string | undefined;
  exists: boolean;
}
interface FailureInput {
  output: string;
  timedOut?: boolean;
  status?: number | null;
  env?: Env;
  electronVersion: string;
  nodeVersion?: string;
  enginesNode?: string;
  command?: string;
  timeoutMs?: number;
  packageLabel?: string;
}
/** The pure exports of scripts/electron.mjs (a plain ESM script without type declarations). */
interface Launcher {
  INSTALL_TIMEOUT_MS: number;
  npmCommand(command: string): string;
  platformExecutable(platform: string): string;
  resolveElectron(options: {
    env: Env;
    packageDir: string;
    platform?: string;
    exists?: (file: string) => boolean;
    readText?: (file: string) => string | undefined;
  }): Resolved;
  electronDistDir(executable: string): string;
  parseMinimumNode(range: string | undefined): { major: number; minor: number; patch: number } | undefined;
  nodeTooOldMessage(options: {
    enginesNode: string | undefined;
    nodeVersion: string;
    electronVersion: string;
    command: string;
  }): string | undefined;
  wrap(text: string, width?: number): string;
  classifyInstallFailure(options: { output: string; timedOut?: boolean }): Kind;
  pickDetails(output: string, kind: Kind): string | undefined;
  installFailureMessage(options: FailureInput): { kind: Kind; text: string };
  runInstaller(
    packageDir: string,
    options?: { env?: Env; timeoutMs?: number; cwd?: string },
  ): { ok: boolean; status: number | null; timedOut: boolean; output: string };
  needsOtherElectron(args: string[], platform?: string, arch?: string): boolean;
  steps(command: string, args: string[], distDir?: string, platform?: string, arch?: string): [string, string[]][];
}

let launcher: Launcher;
let tmp: string;
beforeAll(async () => {
  launcher = (await import(pathToFileURL(script).href)) as Launcher;
  tmp = mkdtempSync(path.join(tmpdir(), 'tessera-electron-launcher-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

// What Electron 45's installer prints on Node 20.20 with no network (captured on this machine), preceded by
// index.js's line and followed by the electron-vite error the launcher exists to avoid.
const OFFLINE = [
  'Downloading Electron binary...',
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14976:13',
  '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
  '    at async FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:46:30)',
  '    at async downloadArtifact (file:///x/node_modules/@electron/get/dist/index.js:154:12)',
  'Error: Electron uninstall',
].join('\n');
const NOT_FOUND = [
  'HTTPError: Response code 404 (Not Found) for https://mirror.example/v45.5.0/electron-v45.5.0-linux-x64.zip',
  '    at FetchDownloader.download (file:///x/node_modules/@electron/get/dist/FetchDownloader.js:48:23)',
].join('\n');
const CHECKSUM = [
  'Error: Generated checksum for "electron-v45.5.0-linux-x64.zip" did not match expected checksum.',
  '    at ReadStream.<anonymous> (/x/node_modules/sumchecker/index.js:133:20)',
].join('\n');
const REQUIRE_ESM = [
  '/x/node_modules/electron/install.js:3',
  "const { downloadArtifact } = require('@electron/get');",
  '                             ^',
  '',
  'Error [ERR_REQUIRE_ESM]: require() of ES Module /x/node_modules/@electron/get/dist/index.js not supported.',
  '    at Object.<anonymous> (/x/node_modules/electron/install.js:3:30) {',
  "  code: 'ERR_REQUIRE_ESM'",
  '}',
  '',
  'Node.js v20.10.0',
].join('\n');
const ENOTFOUND = [
  'TypeError: fetch failed',
  '    at node:internal/deps/undici/undici:14976:13',
  '  [cause]: Error: getaddrinfo ENOTFOUND github.com',
  '      at GetAddrInfoReqWrap.onlookup [as oncomplete] (node:dns:120:26) {',
  "    code: 'ENOTFOUND',",
].join('\n');

/** A wrapped message as one line, so that phrases can be matched across line breaks. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const noStack = (text: string) => {
  expect(text).not.toMatch(/^\s+at /m);
  expect(text).not.toContain('Electron uninstall');
};
/** The paragraph's lines stay within 100 columns except for a single unbreakable word. */
const wrapped = (paragraph: string) => {
  for (const line of paragraph.split('\n')) expect(line.length <= 100 || !line.includes(' ')).toBe(true);
};
const message = (output: string, over: Partial<FailureInput> = {}) =>
  launcher.installFailureMessage({ output, electronVersion: '45.5.0', enginesNode: '>= 22.12.0', ...over });
/** Splits a message into its paragraph and its `Details:` line, checking there is exactly one of each. */
const parts = (text: string) => {
  const lines = text.split('\n');
  const last = lines.at(-1) ?? '';
  expect(last.startsWith('Details: ')).toBe(true);
  expect(lines.filter((l) => l.startsWith('Details:'))).toHaveLength(1);
  return { paragraph: lines.slice(0, -1).join('\n'), details: last.slice('Details: '.length) };
};

describe('finding Electron without downloading it', () => {
  const pkg = path.join(path.sep, 'p', 'node_modules', 'electron');
  const files = (present: Record<string, string>) => ({
    exists: (f: string) => f in present,
    readText: (f: string) => present[f],
  });

  it('takes ELECTRON_EXEC_PATH as it is and says whether it exists', () => {
    const exe = path.join(path.sep, 'opt', 'electron', 'electron');
    expect(
      launcher.resolveElectron({ env: { ELECTRON_EXEC_PATH: exe }, packageDir: pkg, ...files({ [exe]: '' }) }),
    ).toEqual({
      source: 'ELECTRON_EXEC_PATH',
      executable: exe,
      exists: true,
    });
    const missing = launcher.resolveElectron({ env: { ELECTRON_EXEC_PATH: exe }, packageDir: pkg, ...files({}) });
    expect(missing).toMatchObject({ source: 'ELECTRON_EXEC_PATH', exists: false });
  });

  it('joins ELECTRON_OVERRIDE_DIST_PATH with path.txt, or with the platform executable name', () => {
    const over = path.join(path.sep, 'opt', 'e45');
    const pathTxt = path.join(pkg, 'path.txt');
    const withTxt = launcher.resolveElectron({
      env: { ELECTRON_OVERRIDE_DIST_PATH: over },
      packageDir: pkg,
      ...files({ [pathTxt]: 'electron', [path.join(over, 'electron')]: '' }),
    });
    expect(withTxt).toEqual({
      source: 'ELECTRON_OVERRIDE_DIST_PATH',
      executable: path.join(over, 'electron'),
      exists: true,
    });
    const mac = launcher.resolveElectron({
      env: { ELECTRON_OVERRIDE_DIST_PATH: over },
      packageDir: pkg,
      platform: 'darwin',
      ...files({}),
    });
    expect(mac.executable).toBe(path.join(over, 'Electron.app/Contents/MacOS/Electron'));
    expect(mac.exists).toBe(false);
    expect(launcher.platformExecutable('win32')).toBe('electron.exe');
    expect(launcher.platformExecutable('linux')).toBe('electron');
  });

  it('reads node_modules/electron/path.txt, and reports a missing path.txt or dist as missing', () => {
    const pathTxt = path.join(pkg, 'path.txt');
    const exe = path.join(pkg, 'dist', 'electron');
    expect(
      launcher.resolveElectron({ env: {}, packageDir: pkg, ...files({ [pathTxt]: 'electron', [exe]: '' }) }),
    ).toEqual({
      source: 'package',
      executable: exe,
      exists: true,
    });
    expect(launcher.resolveElectron({ env: {}, packageDir: pkg, ...files({ [pathTxt]: 'electron' }) })).toEqual({
      source: 'package',
      executable: exe,
      exists: false,
    });
    expect(launcher.resolveElectron({ env: {}, packageDir: pkg, ...files({}) })).toEqual({
      source: 'package',
      executable: undefined,
      exists: false,
    });
  });

  it('hands electron-builder the folder holding the executable (on macOS, the one holding Electron.app)', () => {
    expect(launcher.electronDistDir('/p/node_modules/electron/dist/electron')).toBe(
      path.join('/p/node_modules/electron/dist'),
    );
    expect(launcher.electronDistDir('/p/node_modules/electron/dist/Electron.app/Contents/MacOS/Electron')).toBe(
      ['', 'p', 'node_modules', 'electron', 'dist'].join(path.sep),
    );
  });
});

describe('the commands', () => {
  it('maps start, dev, dist and dist:dir to electron-vite and electron-builder, passing arguments through', () => {
    const dist = '/p/node_modules/electron/dist';
    expect(launcher.steps('start', ['--skipBuild'], dist)).toEqual([['electron-vite', ['preview', '--skipBuild']]]);
    expect(launcher.steps('dev', [], dist)).toEqual([['electron-vite', ['dev']]]);
    expect(launcher.steps('dist', ['--publish', 'never'], dist, 'linux', 'x64')).toEqual([
      ['electron-vite', ['build']],
      ['electron-builder', [`-c.electronDist=${dist}`, '--publish', 'never']],
    ]);
    expect(launcher.steps('dist:dir', [], dist, 'linux', 'x64')).toEqual([
      ['electron-vite', ['build']],
      ['electron-builder', [`-c.electronDist=${dist}`, '--dir']],
    ]);
    expect(launcher.npmCommand('start')).toBe('npm start');
    expect(launcher.npmCommand('dist:dir')).toBe('npm run dist:dir');
  });

  it("lets electron-builder fetch Electron itself for another platform or architecture, or the caller's own dist", () => {
    const dist = '/d';
    expect(launcher.steps('dist', ['--win'], dist, 'linux', 'x64')[1]).toEqual(['electron-builder', ['--win']]);
    expect(launcher.steps('dist', ['--arm64'], dist, 'linux', 'x64')[1]).toEqual(['electron-builder', ['--arm64']]);
    expect(launcher.steps('dist', ['--linux', '--x64'], dist, 'linux', 'x64')[1]?.[1][0]).toBe('-c.electronDist=/d');
    expect(launcher.needsOtherElectron(['--mac', '--universal'], 'darwin', 'arm64')).toBe(true);
    expect(launcher.needsOtherElectron(['-c.electronDist=/mine'], 'linux', 'x64')).toBe(true);
    expect(launcher.needsOtherElectron(['--mac'], 'darwin', 'arm64')).toBe(false);
  });
});

describe('the Node.js gate', () => {
  const gate = (nodeVersion: string, enginesNode: string | undefined = '>= 22.12.0') =>
    launcher.nodeTooOldMessage({ enginesNode, nodeVersion, electronVersion: '45.5.0', command: 'start' });

  it('reads `>= X.Y.Z` from engines.node', () => {
    expect(launcher.parseMinimumNode('>= 22.12.0')).toEqual({ major: 22, minor: 12, patch: 0 });
    expect(launcher.parseMinimumNode('>=20')).toEqual({ major: 20, minor: 0, patch: 0 });
    expect(launcher.parseMinimumNode('^22.12.0 || >=24')).toBeUndefined();
    expect(launcher.parseMinimumNode(undefined)).toBeUndefined();
  });

  it('prints one line naming both versions and what to do when Node is older', () => {
    expect(gate('v20.20.2')).toBe(
      'Tessera needs Node.js 22.12 or newer to download Electron 45 (this is Node.js v20.20.2). Install Node.js 22 LTS ' +
        'or newer from https://nodejs.org (or with nvm), then run npm start again.',
    );
    expect(gate('v22.11.9')).toContain('22.12 or newer');
    expect(gate('v20.20.2', '>= 23.1.4')).toContain('Node.js 23.1.4 or newer');
    expect(gate('v20.20.2', '>= 23.1.4')).toContain('Install Node.js 23 or newer'); // odd majors are never LTS
    expect(gate('v20.20.2')).not.toContain('\n');
  });

  it('passes Node versions that meet the range, and ranges it cannot read', () => {
    expect(gate('v22.12.0')).toBeUndefined();
    expect(gate('v24.1.0')).toBeUndefined();
    expect(gate('v20.20.2', '^22.12.0')).toBeUndefined();
    const noEngines = { enginesNode: undefined, nodeVersion: 'v0.10.0', electronVersion: '45.5.0', command: 'start' };
    expect(launcher.nodeTooOldMessage(noEngines)).toBeUndefined();
  });
});

describe("explaining a failure of Electron's installer", () => {
  it('no network: connect once, or a mirror, or Electron installed by hand', () => {
    const { kind, text } = message(OFFLINE);
    expect(kind).toBe('network');
    const { paragraph, details } = parts(text);
    expect(paragraph).toMatch(/^Tessera could not download Electron 45\.5\.0/);
    expect(flat(paragraph)).toContain('could not reach github.com');
    expect(flat(paragraph)).toContain('Connect to the internet once and run npm start again');
    expect(flat(paragraph)).toContain('ELECTRON_MIRROR');
    expect(flat(paragraph)).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(details).toBe('TypeError: fetch failed');
    noStack(text);
    wrapped(paragraph);
  });

  it('names the socket error when the output has one, and each connection error counts as offline', () => {
    expect(parts(message(ENOTFOUND).text).details).toBe('Error: getaddrinfo ENOTFOUND github.com');
    for (const code of [
      'EAI_AGAIN',
      'ECONNREFUSED',
      'ECONNRESET',
      'ETIMEDOUT',
      'ENETUNREACH',
      'UND_ERR_CONNECT_TIMEOUT',
    ]) {
      expect(launcher.classifyInstallFailure({ output: `Error: connect ${code} 140.82.121.3:443` })).toBe('network');
    }
  });

  it('names the mirror that could not be reached', () => {
    const { text } = message(OFFLINE, { env: { ELECTRON_MIRROR: 'https://mirror.example/electron/' } });
    expect(flat(text)).toContain('the mirror https://mirror.example/electron/ (ELECTRON_MIRROR)');
    expect(flat(text)).toContain('fix or unset ELECTRON_MIRROR');
  });

  it('an HTTP error: the mirror (named when set) answered without the file', () => {
    const withMirror = message(NOT_FOUND, { env: { ELECTRON_MIRROR: 'https://mirror.example/' } });
    expect(withMirror.kind).toBe('mirror');
    const { paragraph, details } = parts(withMirror.text);
    expect(flat(paragraph)).toContain('https://mirror.example/ (ELECTRON_MIRROR) answered with an error');
    expect(flat(paragraph)).toContain('unset ELECTRON_MIRROR');
    expect(details).toMatch(/^HTTPError: Response code 404 \(Not Found\) for https:\/\/mirror\.example\//);
    noStack(withMirror.text);
    wrapped(paragraph);
    const github = message('Error: HTTP status 503 Service Unavailable');
    expect(github.kind).toBe('mirror');
    expect(flat(github.text)).toContain('set ELECTRON_MIRROR to a mirror you can reach');
  });

  it('a checksum mismatch or a damaged zip: download again', () => {
    const { kind, text } = message(CHECKSUM);
    expect(kind).toBe('checksum');
    expect(flat(text)).toContain('damaged or did not match the checksum');
    expect(parts(text).details).toBe(
      'Error: Generated checksum for "electron-v45.5.0-linux-x64.zip" did not match expected checksum.',
    );
    noStack(text);
    expect(
      launcher.classifyInstallFailure({ output: 'Error: end of central directory record signature not found' }),
    ).toBe('checksum');
  });

  it('a Node.js too old for the installer: install a newer Node', () => {
    const { kind, text } = message(REQUIRE_ESM, { nodeVersion: 'v20.10.0' });
    expect(kind).toBe('node');
    const { paragraph, details } = parts(text);
    expect(flat(paragraph)).toContain('cannot run on Node.js v20.10.0: it needs Node.js 22.12 or newer');
    expect(flat(paragraph)).toContain('Install Node.js 22 LTS or newer from https://nodejs.org');
    expect(details).toMatch(/^Error \[ERR_REQUIRE_ESM\]: require\(\) of ES Module/);
    noStack(text);
    expect(
      launcher.classifyInstallFailure({ output: 'SyntaxError: Cannot use import statement outside a module' }),
    ).toBe('node');
  });

  it('a timeout: the download was stopped', () => {
    const { kind, text } = message('', { timedOut: true });
    expect(kind).toBe('timeout');
    expect(flat(text)).toContain('did not finish within 10 minutes, so Tessera stopped it');
    expect(parts(text).details).toBe('the installer was still running when it was stopped');
  });

  it('anything else: the paragraph and the last error line, never a stack frame', () => {
    const out = "Error: EACCES: permission denied, mkdir '/x/dist'\n    at Object.mkdirSync (node:fs:1372:26)\n";
    const { kind, text } = message(out);
    expect(kind).toBe('other');
    expect(parts(text).details).toBe("Error: EACCES: permission denied, mkdir '/x/dist'");
    noStack(text);
    expect(parts(message('', { status: 3 }).text).details).toBe('the installer exited with code 3 and printed nothing');
  });

  it('wraps a paragraph at 100 columns and keeps a long word whole', () => {
    const long = `${'word '.repeat(60)}${'x'.repeat(130)} end`;
    const out = launcher.wrap(long);
    wrapped(out);
    expect(out.split('\n')).toContain('x'.repeat(130));
    expect(out.replace(/\n/g, ' ')).toBe(long.trim());
  });
});

// ---- Stand-ins on disk, and spawned runs ----

/** A stand-in "Electron": records its arguments and working directory to $TESSERA_TEST_RECORD. */
const RECORDER = `#!/usr/bin/env node
require('node:fs').writeFileSync(process.env.TESSERA_TEST_RECORD, JSON.stringify({ argv: process.argv, cwd: process.cwd() }));
`;
const MARK = `if (process.env.TESSERA_TEST_MARKER) require('node:fs').writeFileSync(process.env.TESSERA_TEST_MARKER, 'ran');\n`;
const INSTALLERS = {
  offline:
    MARK +
    `console.log('Downloading Electron binary...');
console.error(${JSON.stringify(OFFLINE.split('\n').slice(1, -1).join('\n'))});
process.exit(1);
`,
  notFound: MARK + `console.error(${JSON.stringify(NOT_FOUND)});\nprocess.exit(1);\n`,
  succeeds:
    MARK +
    `const fs = require('node:fs');
const path = require('node:path');
fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
fs.copyFileSync(process.env.TESSERA_TEST_RECORDER, path.join(__dirname, 'dist', 'electron'));
fs.chmodSync(path.join(__dirname, 'dist', 'electron'), 0o755);
fs.writeFileSync(path.join(__dirname, 'path.txt'), 'electron');
`,
  hangs: MARK + 'setInterval(() => {}, 1000);\n',
  writesNothing: MARK + 'console.log("done");\n',
};

let count = 0;
/** A stand-in electron package folder: package.json with version and engines, and one of the installers. */
function standInPackage(installer: keyof typeof INSTALLERS, enginesNode = '>= 18.0.0'): string {
  const dir = path.join(tmp, `pkg-${installer}-${++count}`, 'electron');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0', engines: { node: enginesNode } }),
  );
  writeFileSync(path.join(dir, 'install.js'), INSTALLERS[installer]);
  return dir;
}

let recorder: string;
beforeAll(() => {
  recorder = path.join(tmp, 'electron-recorder');
  writeFileSync(recorder, RECORDER);
  chmodSync(recorder, 0o755);
});

/** This environment without any Electron setting of the machine running the tests, plus the given ones. */
function cleanEnv(extra: Env): Env {
  const env: Env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(ELECTRON_|TESSERA_|npm_config_electron|electron_)/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function run(args: string[], env: Env): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

interface Recording {
  argv: string[];
  cwd: string;
}
const readRecord = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Recording;

describe.skipIf(process.platform === 'win32')('spawned runs against stand-ins', () => {
  it('start --skipBuild with ELECTRON_EXEC_PATH launches that Electron on the built app from the repository root', async () => {
    const record = path.join(tmp, 'record-exec.json');
    const { code, out } = await run(
      ['start', '--skipBuild'],
      cleanEnv({ ELECTRON_EXEC_PATH: recorder, TESSERA_TEST_RECORD: record }),
    );
    expect(out).not.toContain('Downloading');
    expect(code).toBe(0);
    const rec = readRecord(record);
    expect(rec.argv.slice(1)).toEqual([recorder, '.']);
    expect(path.resolve(rec.cwd)).toBe(path.resolve(root));
    const main = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(main).toBe('out/main/index.js');
    expect(existsSync(path.join(root, main))).toBe(true);
  });

  it('an installer that fails offline: exit 1, one paragraph about the network and a Details line, no stack', async () => {
    const pkg = standInPackage('offline');
    const marker = path.join(tmp, 'marker-offline');
    const { code, out } = await run(
      ['start', '--skipBuild'],
      cleanEnv({ TESSERA_ELECTRON_PACKAGE_DIR: pkg, TESSERA_TEST_MARKER: marker }),
    );
    expect(code).toBe(1);
    expect(existsSync(marker)).toBe(true);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('Downloading Electron 45.5.0 (once; about 100 MB)…');
    expect(lines[1]).toMatch(/^Tessera could not download Electron 45\.5\.0/);
    expect(flat(out)).toContain('could not reach github.com');
    expect(lines.at(-1)).toBe('Details: TypeError: fetch failed');
    expect(lines.filter((l) => l.trim() === '')).toHaveLength(0); // one paragraph
    noStack(out);
  });

  it('an installer answering 404 from ELECTRON_MIRROR: the paragraph names the mirror', async () => {
    const pkg = standInPackage('notFound');
    const { code, out } = await run(
      ['start'],
      cleanEnv({ TESSERA_ELECTRON_PACKAGE_DIR: pkg, ELECTRON_MIRROR: 'https://mirror.example/' }),
    );
    expect(code).toBe(1);
    expect(flat(out)).toContain('ELECTRON_MIRROR');
    expect(out).toMatch(/^Details: HTTPError: Response code 404/m);
    noStack(out);
  });

  it('a Node.js older than the package engines: the one Node line first, and the installer never runs', async () => {
    const next = Number(process.versions.node.split('.')[0]) + 1;
    const pkg = standInPackage('succeeds', `>= ${next}.0.0`);
    const marker = path.join(tmp, 'marker-old-node');
    const { code, out } = await run(
      ['start', '--skipBuild'],
      cleanEnv({ TESSERA_ELECTRON_PACKAGE_DIR: pkg, TESSERA_TEST_MARKER: marker }),
    );
    expect(code).toBe(1);
    expect(out.trim()).toBe(
      `Tessera needs Node.js ${next}.0 or newer to download Electron 45 (this is Node.js ${process.version}). ` +
        `Install Node.js ${next}${next % 2 === 0 ? ' LTS' : ''} or newer from https://nodejs.org (or with nvm), then run npm start again.`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(path.join(pkg, 'path.txt'))).toBe(false);
  });

  it('an installer that succeeds: the Electron it wrote is the one launched', async () => {
    const pkg = standInPackage('succeeds');
    const record = path.join(tmp, 'record-installed.json');
    const { code, out } = await run(
      ['start', '--skipBuild'],
      cleanEnv({ TESSERA_ELECTRON_PACKAGE_DIR: pkg, TESSERA_TEST_RECORDER: recorder, TESSERA_TEST_RECORD: record }),
    );
    expect(flat(out)).toContain('Downloading Electron 45.5.0 (once; about 100 MB)…');
    expect(code).toBe(0);
    expect(readRecord(record).argv.slice(1)).toEqual([path.join(pkg, 'dist', 'electron'), '.']);
  });

  it('an installer that exits 0 without writing Electron: a paragraph saying so, exit 1', async () => {
    const pkg = standInPackage('writesNothing');
    const { code, out } = await run(['dist'], cleanEnv({ TESSERA_ELECTRON_PACKAGE_DIR: pkg }));
    expect(code).toBe(1);
    expect(flat(out)).toContain("Electron's installer finished, but there is still no Electron executable");
    expect(flat(out)).toContain('run npm run dist again');
    expect(out).toMatch(/^Details: done$/m);
    noStack(out);
  });

  it('ELECTRON_EXEC_PATH naming no file: says so and downloads nothing', async () => {
    const pkg = standInPackage('succeeds');
    const marker = path.join(tmp, 'marker-exec-missing');
    const missing = path.join(tmp, 'no-such-electron');
    const { code, out } = await run(
      ['start'],
      cleanEnv({ ELECTRON_EXEC_PATH: missing, TESSERA_ELECTRON_PACKAGE_DIR: pkg, TESSERA_TEST_MARKER: marker }),
    );
    expect(code).toBe(1);
    expect(flat(out)).toContain(`ELECTRON_EXEC_PATH is set, but there is no Electron executable at ${missing}`);
    expect(existsSync(marker)).toBe(false);
  });

  it('stops an installer that runs past the timeout and reports it as a timeout', () => {
    const pkg = standInPackage('hangs');
    const res = launcher.runInstaller(pkg, { env: cleanEnv({}), timeoutMs: 300 });
    expect(res.ok).toBe(false);
    expect(res.timedOut).toBe(true);
    expect(launcher.classifyInstallFailure(res)).toBe('timeout');
  });

  it('a stand-in installer writes what the real one writes', () => {
    const pkg = standInPackage('succeeds');
    const res = launcher.runInstaller(pkg, { env: cleanEnv({ TESSERA_TEST_RECORDER: recorder }) });
    expect(res.ok).toBe(true);
    expect(readFileSync(path.join(pkg, 'path.txt'), 'utf8')).toBe('electron');
    const found = launcher.resolveElectron({ env: {}, packageDir: pkg });
    expect(found).toEqual({ source: 'package', executable: path.join(pkg, 'dist', 'electron'), exists: true });
  });
});
