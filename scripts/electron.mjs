#!/usr/bin/env node
// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `npm start`, `npm run dev`, `npm run dist` and `npm run dist:dir`: makes sure the Electron binary is on disk,
 * then runs electron-vite (and electron-builder) with it.
 *
 * Electron 45 no longer downloads its binary at install time: `require('electron')` fetches it on first use,
 * but electron-vite reads `node_modules/electron/path.txt` directly and dies with a bare "Electron uninstall"
 * when it is missing. This launcher finds the executable the way `node_modules/electron/index.js` does, without
 * triggering a download; when it is missing it runs Electron's own installer once (which needs the Node.js that
 * the electron package's `engines.node` asks for) and turns any failure into one plain paragraph saying what to
 * do. Then it launches with `ELECTRON_EXEC_PATH` set (honoured by electron-vite), and for packaging it hands the
 * same binary to electron-builder (`-c.electronDist`) so that it does not download Electron a second time.
 *
 * Usage: node scripts/electron.mjs start|dev|dist|dist:dir [extra arguments, passed through]
 *
 * Environment: ELECTRON_EXEC_PATH (an Electron executable to use as it is), ELECTRON_OVERRIDE_DIST_PATH (a folder
 * holding Electron), and everything Electron's installer reads (ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, proxies,
 * electron_config_cache, ...). TESSERA_ELECTRON_PACKAGE_DIR: where the electron package lives; tests point it at
 * a stand-in.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const COMMANDS = ['start', 'dev', 'dist', 'dist:dir'];
export const INSTALL_TIMEOUT_MS = 10 * 60 * 1000;
const WIDTH = 100;

/** What a person types to run each command again. */
export function npmCommand(command) {
  return command === 'start' ? 'npm start' : `npm run ${command}`;
}

/** The executable's path inside an Electron distribution, as Electron's install.js names it. */
export function platformExecutable(platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * The electron package's folder: TESSERA_ELECTRON_PACKAGE_DIR, else node_modules/electron as Node
 * resolves it (resolving its package.json does not run its index.js, which would download).
 * @throws when the package is not installed.
 */
export function electronPackageDir(env = process.env) {
  return env.TESSERA_ELECTRON_PACKAGE_DIR
    ? path.resolve(env.TESSERA_ELECTRON_PACKAGE_DIR)
    : path.dirname(createRequire(path.join(root, 'package.json')).resolve('electron/package.json'));
}

/**
 * Where the Electron executable is, mirroring node_modules/electron/index.js but never downloading.
 * `source` says which setting chose it; `exists` whether the file is there.
 */
export function resolveElectron({ env, packageDir, platform = process.platform, exists = existsSync, readText }) {
  const read =
    readText ??
    ((file) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
  if (env.ELECTRON_EXEC_PATH) {
    const executable = path.resolve(env.ELECTRON_EXEC_PATH);
    return { source: 'ELECTRON_EXEC_PATH', executable, exists: exists(executable) };
  }
  const pathTxt = read(path.join(packageDir, 'path.txt'))?.trim() || undefined;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const executable = path.resolve(env.ELECTRON_OVERRIDE_DIST_PATH, pathTxt ?? platformExecutable(platform));
    return { source: 'ELECTRON_OVERRIDE_DIST_PATH', executable, exists: exists(executable) };
  }
  if (!pathTxt) return { source: 'package', executable: undefined, exists: false };
  const executable = path.join(packageDir, 'dist', pathTxt);
  return { source: 'package', executable, exists: exists(executable) };
}

/**
 * The folder electron-builder takes as `electronDist`: the one holding the executable, or on macOS the one
 * holding Electron.app (the executable itself sits in Electron.app/Contents/MacOS/).
 */
export function electronDistDir(executable) {
  const parts = executable.split(/[\\/]/);
  const app = parts.findIndex((p) => p.endsWith('.app'));
  if (app > 0 && parts[app + 1] === 'Contents' && parts[app + 2] === 'MacOS') {
    return parts.slice(0, app).join(path.sep) || path.sep;
  }
  return path.dirname(executable);
}

/** `>= X.Y.Z` (the form Electron's package uses) to numbers; undefined for any other range. */
export function parseMinimumNode(range) {
  const m = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range ?? '');
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0) };
}

function parseVersion(version) {
  const [major = 0, minor = 0, patch = 0] = String(version).replace(/^v/, '').split('.').map(Number);
  return { major, minor, patch };
}

function isOlder(a, b) {
  if (a.major !== b.major) return a.major < b.major;
  if (a.minor !== b.minor) return a.minor < b.minor;
  return a.patch < b.patch;
}

/** "22.12" for 22.12.0, "22.12.3" otherwise. */
function formatMinimum(min) {
  return min.patch ? `${min.major}.${min.minor}.${min.patch}` : `${min.major}.${min.minor}`;
}

/** "Install Node.js 22 LTS or newer": even majors become LTS releases, odd ones never do. */
function installNodeAdvice(min, command) {
  const release = min.major % 2 === 0 ? `${min.major} LTS` : `${min.major}`;
  const again = npmCommand(command);
  return `Install Node.js ${release} or newer from https://nodejs.org (or with nvm), then run ${again} again.`;
}

/**
 * The one line printed when this Node.js is older than the electron package's `engines.node` (its installer
 * would fail), or undefined when it is recent enough or the range is not a plain `>= X.Y.Z`.
 */
export function nodeTooOldMessage({ enginesNode, nodeVersion, electronVersion, command }) {
  const min = parseMinimumNode(enginesNode);
  if (!min || !isOlder(parseVersion(nodeVersion), min)) return undefined;
  const major = String(electronVersion).split('.')[0];
  return (
    `Tessera needs Node.js ${formatMinimum(min)} or newer to download Electron ${major} ` +
    `(this is Node.js ${nodeVersion}). ${installNodeAdvice(min, command)}`
  );
}

/** Greedy word wrap; a word longer than the width (a path, a URL) keeps a line of its own. */
export function wrap(text, width = WIDTH) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

const NETWORK = [
  /getaddrinfo|connect E[A-Z]+|\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH)\b/,
  /UND_ERR_CONNECT_TIMEOUT|UND_ERR_SOCKET|fetch failed|socket hang up|network is unreachable/i,
];
const PATTERNS = {
  node: [/ERR_REQUIRE_ESM|Cannot use import statement|require\(\) of ES Module/, /SyntaxError/],
  // sumchecker's mismatch, then a zip the extractor cannot read.
  checksum: [/checksum/i, /end of central directory|invalid (zip|comment length|signature)|Z_DATA_ERROR|corrupt/i],
  mirror: [
    /HTTPError|Response code \d{3}/,
    /\bHTTP(\s+status)?\s*[45]\d\d\b|status(\s+code)?:?\s*[45]\d\d\b|\b[45]\d\d (Not Found|Forbidden)/i,
  ],
  network: NETWORK,
};

/**
 * Which way Electron's installer failed, from its captured output: 'timeout', 'node' (this Node.js cannot run it),
 * 'checksum' (damaged download), 'mirror' (the server answered with an HTTP error), 'network' (no connection)
 * or 'other'.
 */
export function classifyInstallFailure({ output, timedOut = false }) {
  if (timedOut) return 'timeout';
  const lines = candidateLines(output);
  for (const kind of ['node', 'checksum', 'mirror', 'network']) {
    if (PATTERNS[kind].some((re) => lines.some((l) => re.test(l)))) return kind;
  }
  return 'other';
}

const STACK_LINE = /^at\s.*(\(.*\)|:\d+(:\d+)?|<anonymous>|native)\s*$|^at\s+async\s/;

/** The installer's output without blank lines, stack frames, colours and the lines that tell nothing. */
function candidateLines(output) {
  return String(output ?? '')
    .replace(/\x1b\[[0-9;]*m/g, '') // eslint-disable-line no-control-regex
    .split(/\r?\n/)
    .map((l) => l.trim().replace(/^\[cause\]:\s*/, ''))
    .filter((l) => l && !STACK_LINE.test(l) && !/^Downloading Electron binary/.test(l))
    .filter((l) => !/Electron uninstall|^Node\.js v\d|^[{}[\]]+,?$|^\^+$/.test(l));
}

/** The most telling single line of the installer's output for this kind of failure. */
export function pickDetails(output, kind) {
  const lines = candidateLines(output);
  let line;
  for (const re of PATTERNS[kind] ?? []) {
    const hits = lines.filter((l) => re.test(l));
    line = hits.find((l) => /Error\b/.test(l)) ?? hits[0];
    if (line) break;
  }
  line ??= lines.findLast((l) => /Error\b/.test(l)) ?? lines.at(-1);
  if (!line) return undefined;
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

/** The mirror Electron's installer will use, and the setting that names it (as @electron/get reads them). */
function mirrorOf(env) {
  for (const name of ['ELECTRON_MIRROR', 'npm_config_electron_mirror', 'NPM_CONFIG_ELECTRON_MIRROR']) {
    if (env[name]) return { url: env[name], name };
  }
  return undefined;
}

/** "Install it yourself" advice, shared by several failures. */
function selfInstallAdvice(electronVersion) {
  return (
    `or install Electron ${electronVersion} yourself and point ELECTRON_OVERRIDE_DIST_PATH at its folder ` +
    `(or ELECTRON_EXEC_PATH at its executable).`
  );
}

/**
 * The paragraph (wrapped) and the `Details:` line printed when Electron's installer failed.
 * `status` is the installer's exit code; `enginesNode` is the electron package's `engines.node`.
 */
export function installFailureMessage({
  output,
  timedOut = false,
  status,
  env = {},
  electronVersion,
  nodeVersion = process.version,
  enginesNode,
  command = 'start',
  timeoutMs = INSTALL_TIMEOUT_MS,
  packageLabel = 'node_modules/electron',
}) {
  const kind = classifyInstallFailure({ output, timedOut });
  const again = npmCommand(command);
  const mirror = mirrorOf(env);
  const v = electronVersion;
  let paragraph;
  const mirrorName = mirror ? `the mirror ${mirror.url} (${mirror.name})` : undefined;
  switch (kind) {
    case 'network':
      paragraph =
        `Tessera could not download Electron ${v}, which it needs to run: this computer could not reach ` +
        `${mirrorName ?? 'github.com'}. Connect to the internet once and run ${again} again (Electron is then kept ` +
        `in ${packageLabel}; behind a proxy, set ELECTRON_GET_USE_PROXY=true and HTTPS_PROXY). Without internet ` +
        `access, ${mirror ? `fix or unset ${mirror.name}` : 'set ELECTRON_MIRROR to a mirror you can reach'}, ` +
        selfInstallAdvice(v);
      break;
    case 'mirror':
      paragraph = mirror
        ? `Tessera could not download Electron ${v}: ${mirrorName} answered with an error instead of the file. ` +
          `Check that it serves Electron ${v} laid out like GitHub's releases ` +
          `(v${v}/electron-v${v}-<platform>-<arch>.zip), or unset ${mirror.name} to download from GitHub, then run ` +
          `${again} again, ${selfInstallAdvice(v)}`
        : `Tessera could not download Electron ${v}: the download server answered with an error instead of the ` +
          `file. GitHub may be having trouble or blocking this network: try ${again} again later, set ` +
          `ELECTRON_MIRROR to a mirror you can reach ` +
          `(see https://www.electronjs.org/docs/latest/tutorial/installation#mirror), ${selfInstallAdvice(v)}`;
      break;
    case 'checksum':
      paragraph =
        `Tessera downloaded Electron ${v}, but the file was damaged or did not match the checksum Electron ` +
        `publishes, so it was not installed. The download was probably cut short, or a proxy or mirror altered it. ` +
        `Run ${again} again to download it afresh (set force_no_cache=true to skip Electron's download cache)` +
        `${mirror ? `, check that ${mirrorName} serves genuine Electron files` : ''}, ${selfInstallAdvice(v)}`;
      break;
    case 'node': {
      const min = parseMinimumNode(enginesNode);
      paragraph = min
        ? `Electron's installer cannot run on Node.js ${nodeVersion}: it needs Node.js ${formatMinimum(min)} or ` +
          `newer. ${installNodeAdvice(min, command)}`
        : `Electron's installer cannot run on Node.js ${nodeVersion}: it needs a newer Node.js. Install the ` +
          `current Node.js LTS from https://nodejs.org (or with nvm), then run ${again} again.`;
      break;
    }
    case 'timeout': {
      const minutes = Math.round(timeoutMs / 60000);
      const seconds = Math.max(1, Math.round(timeoutMs / 1000));
      const span = minutes >= 1 ? `${minutes} minute${minutes === 1 ? '' : 's'}` : `${seconds} seconds`;
      paragraph =
        `Downloading Electron ${v} did not finish within ${span}, so Tessera stopped it. The connection is ` +
        `probably slow or stalling. Run ${again} again on a better connection, set ELECTRON_MIRROR to a mirror ` +
        `closer to you, ${selfInstallAdvice(v)}`;
      break;
    }
    default:
      paragraph =
        `Electron's installer failed, so Electron ${v} is not available. The line below is what it reported: fix ` +
        `its cause and run ${again} again, ${selfInstallAdvice(v)}`;
  }
  let details = pickDetails(output, kind);
  if (!details && kind === 'timeout') details = 'the installer was still running when it was stopped';
  if (!details) details = `the installer exited with code ${status ?? 'unknown'} and printed nothing`;
  return { kind, text: `${wrap(paragraph)}\nDetails: ${details}` };
}

/** Runs Electron's own installer with the environment unchanged, capturing what it prints. */
export function runInstaller(packageDir, { env = process.env, timeoutMs = INSTALL_TIMEOUT_MS, cwd = root } = {}) {
  const res = spawnSync(process.execPath, [path.join(packageDir, 'install.js')], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
    windowsHide: true,
  });
  const timedOut = res.error?.code === 'ETIMEDOUT';
  const output = `${res.stdout ?? ''}\n${res.stderr ?? ''}${res.error && !timedOut ? `\n${res.error.message}` : ''}`;
  return { ok: res.status === 0 && !res.error, status: res.status, signal: res.signal, timedOut, output };
}

const PLATFORM_FLAGS = {
  win32: ['-w', '--win', '--windows'],
  darwin: ['-m', '-o', '--mac', '--macos'],
  linux: ['-l', '--linux'],
};
const ARCH_FLAGS = {
  x64: ['--x64'],
  ia32: ['--ia32'],
  arm: ['--armv7l'],
  arm64: ['--arm64'],
  universal: ['--universal'],
};

/**
 * Whether electron-builder's arguments ask for another platform or architecture than this machine's (the
 * Electron found here would then be the wrong one to pack), or name their own electronDist.
 */
export function needsOtherElectron(args, platform = process.platform, arch = process.arch) {
  const other = (flags, host) =>
    Object.entries(flags).some(([key, names]) => key !== host && args.some((a) => names.includes(a)));
  return (
    other(PLATFORM_FLAGS, platform) ||
    other(ARCH_FLAGS, arch) ||
    args.some((a) => /^(-c|--config)\.electronDist\b/.test(a))
  );
}

/** The local binaries to run, in order, with their arguments, for each command. */
export function steps(command, args, distDir, platform = process.platform, arch = process.arch) {
  if (command === 'start') return [['electron-vite', ['preview', ...args]]];
  if (command === 'dev') return [['electron-vite', ['dev', ...args]]];
  const builder = [...(command === 'dist:dir' ? ['--dir'] : []), ...args];
  // Hand electron-builder the Electron already on disk so it does not download it again, unless the build
  // is for another platform or architecture (then it fetches the right one itself).
  if (distDir && !needsOtherElectron(args, platform, arch)) builder.unshift(`-c.electronDist=${distDir}`);
  return [
    ['electron-vite', ['build']],
    ['electron-builder', builder],
  ];
}

function binPath(pkg) {
  const require = createRequire(path.join(root, 'package.json'));
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const { bin } = JSON.parse(readFileSync(pkgJson, 'utf8'));
  return path.join(path.dirname(pkgJson), typeof bin === 'string' ? bin : bin[pkg]);
}

/** Runs a local package's CLI with stdio inherited; resolves to its exit code (a signal counts as 1). */
function runBin(pkg, args, env) {
  let cli;
  try {
    cli = binPath(pkg);
  } catch {
    console.error(`${pkg} is not in node_modules. Run npm install, then run this command again.`);
    return Promise.resolve(1);
  }
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: 'inherit' });
    const forward = (sig) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    };
    const signals = process.platform === 'win32' ? ['SIGINT', 'SIGTERM'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (err) => {
      console.error(`Could not run ${pkg}: ${err.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

function fail(text) {
  console.error(text);
  return 1;
}

function displayPath(p) {
  const rel = path.relative(root, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : p;
}

/** Finds (or installs) Electron, then runs the command. Resolves to the exit code. */
export async function main(argv = process.argv.slice(2), env = process.env) {
  const [command, ...args] = argv;
  if (!COMMANDS.includes(command)) {
    console.error(`Usage: node scripts/electron.mjs ${COMMANDS.join('|')} [arguments passed through]`);
    return 2;
  }
  let packageDir;
  try {
    packageDir = electronPackageDir(env);
  } catch {
    return fail('The electron package is not in node_modules. Run npm install, then run this command again.');
  }
  let pkg;
  try {
    pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  } catch {
    return fail(`No readable electron package at ${packageDir}. Run npm install, then run this command again.`);
  }
  const version = pkg.version;
  const label = displayPath(packageDir);

  let found = resolveElectron({ env, packageDir });
  if (!found.exists && found.source !== 'package') {
    // Electron's installer never writes into these places, so downloading would not help.
    const hint =
      found.source === 'ELECTRON_EXEC_PATH'
        ? 'Point it at an Electron executable'
        : `Point it at a folder holding Electron ${version}`;
    return fail(
      wrap(
        `${found.source} is set, but there is no Electron executable at ${found.executable}. ${hint}, or unset ` +
          `it to use the Electron in ${label} (downloaded on first use).`,
      ),
    );
  }
  if (!found.exists) {
    const tooOld = nodeTooOldMessage({
      enginesNode: pkg.engines?.node,
      nodeVersion: process.version,
      electronVersion: version,
      command,
    });
    if (tooOld) return fail(tooOld);
    console.log(`Downloading Electron ${version} (once; about 100 MB)…`);
    const res = runInstaller(packageDir, { env });
    if (!res.ok) {
      const { text } = installFailureMessage({
        ...res,
        env,
        electronVersion: version,
        enginesNode: pkg.engines?.node,
        command,
        packageLabel: label,
      });
      return fail(text);
    }
    found = resolveElectron({ env, packageDir });
    if (!found.exists) {
      const where = found.executable ?? path.join(packageDir, 'path.txt');
      const paragraph =
        `Electron's installer finished, but there is still no Electron executable at ${where}. Delete ` +
        `${label}/dist and ${label}/path.txt and run ${npmCommand(command)} again, ${selfInstallAdvice(version)}`;
      const details = pickDetails(res.output, 'other') ?? `the installer exited with code 0; ${where} does not exist`;
      return fail(`${wrap(paragraph)}\nDetails: ${details}`);
    }
  }

  const childEnv = { ...env, ELECTRON_EXEC_PATH: found.executable };
  for (const [bin, binArgs] of steps(command, args, electronDistDir(found.executable))) {
    const code = await runBin(bin, binArgs, childEnv);
    if (code !== 0) return code;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => process.exit(code));
}
