// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Packaging: runs the real `electron-builder --dir --linux` with electron-builder.yml over the real
 * `out/` build, then inspects what would ship. The Electron binary cannot be downloaded here, so
 * `electronDist` points at a stub "electron" executable. The stub carries a genuine fuse wire (the
 * `@electron/fuses` sentinel followed by Electron's default fuse states), so electron-builder's
 * `electronFuses` step really runs on it and the test reads the flipped fuses back from the packaged
 * executable, exactly as `npx @electron/fuses read` would on a real build.
 *
 * Linux only: the `--dir` layout checked here (`linux-unpacked/resources/app.asar`, executable named
 * `tessera`) is Linux's, and packing for macOS/Windows from Linux needs tools that are downloaded.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNativeArgon2, type NativeArgon2 } from '../../../electron/vault';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../../', import.meta.url));
const onLinux = process.platform === 'linux';

/** The sentinel `@electron/fuses` searches an Electron executable for (its `constants.js`). */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/**
 * Electron's default fuse wire (V1, nine fuses, in `FuseV1Options` order): RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, inspect arguments on, asar integrity off, only-asar off, browser V8
 * snapshot off, file:// privileges on, wasm trap handlers on. ('1' = enabled, '0' = disabled.)
 */
const DEFAULT_WIRE = '101100011';

/** Entry points electron-vite writes (electron.vite.config.ts) and the app cannot start without. */
const BUILD_ENTRIES = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/main/kdf-worker.js',
  'out/main/qr-worker.js',
  'out/main/import-worker.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];

/** A stub "electron" executable: a shell script that carries a fuse wire but cannot run an app. */
function writeStubElectron(dir: string): void {
  const file = path.join(dir, 'electron');
  const script = Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests" >&2\nexit 1\n');
  const wire = Buffer.concat([
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE),
  ]);
  writeFileSync(file, Buffer.concat([script, wire]), { mode: 0o755 });
}

/** Bare package names a built bundle loads at run time (`require('x')`, `import … from 'x'`, `import('x')`). */
function externalPackages(code: string): Set<string> {
  const names = new Set<string>();
  const re = /(?:\brequire\(\s*|\bfrom\s*|\bimport\(\s*|\bimport\s+)["']([^"'./][^"']*)["']/g;
  for (const m of code.matchAll(re)) {
    const spec = m[1] ?? '';
    if (spec.startsWith('node:') || builtinModules.includes(spec) || builtinModules.includes(spec.split('/')[0] ?? ''))
      continue;
    const parts = spec.split('/');
    const name = spec.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? spec);
    if (name === 'electron') continue;
    names.add(name);
  }
  return names;
}

/** Packages electron-builder.yml leaves out on purpose: Vite bundles them into out/renderer. */
const RENDERER_BUNDLED = ['react', 'react-dom', 'zustand'];

/**
 * The production dependency closure as installed: every package reachable from package.json's
 * `dependencies` (minus `skip`) through `dependencies` and installed `optionalDependencies`, as paths
 * relative to the project (`node_modules/a`, `node_modules/a/node_modules/b`), resolved like Node does.
 */
function productionClosure(projectDir: string, skip: string[]): Set<string> {
  type Pkg = { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
  const readPkg = (dir: string): Pkg =>
    JSON.parse(readFileSync(path.join(projectDir, dir, 'package.json'), 'utf8')) as Pkg;
  const locate = (fromDir: string, name: string): string | undefined => {
    // Walk up from the requiring package's folder, as Node's resolution does.
    let dir = fromDir;
    for (;;) {
      const candidate = path.posix.join(dir, 'node_modules', name);
      if (existsSync(path.join(projectDir, candidate, 'package.json'))) return candidate;
      if (dir === '' || dir === '.') return undefined;
      const up = dir.lastIndexOf('/node_modules/');
      dir = up === -1 ? '' : dir.slice(0, up);
    }
  };
  // Types-only packages (type-fest, @types/*) have nothing to load at run time; the packer may drop them.
  const hasRuntimeCode = (dir: string): boolean =>
    readdirSync(path.join(projectDir, dir), { recursive: true, encoding: 'utf8' }).some(
      (f) => !f.includes('node_modules') && /\.(c|m)?js$|\.wasm$|\.node$/.test(f),
    );
  const found = new Set<string>();
  const visit = (fromDir: string, pkg: Pkg): void => {
    const required = Object.keys(pkg.dependencies ?? {});
    const optional = Object.keys(pkg.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      if (fromDir === '' && skip.includes(name)) continue;
      const dir = locate(fromDir, name);
      if (dir === undefined) {
        if (optional.includes(name)) continue; // optional and not installed for this platform
        throw new Error(`production dependency ${name} (needed by ${fromDir || 'package.json'}) is not installed`);
      }
      if (found.has(dir)) continue;
      found.add(dir);
      visit(dir, readPkg(dir));
      if (!hasRuntimeCode(dir)) found.delete(dir);
    }
  };
  visit('', readPkg(''));
  return found;
}

describe.skipIf(!onLinux)('electron-builder --dir (Linux; other platforms skip: the checked layout is Linux’s)', () => {
  let work = '';
  let appDir = '';
  let entries: string[] = [];
  let packMs = 0;

  beforeAll(async () => {
    if (!BUILD_ENTRIES.every((f) => existsSync(path.join(root, f)))) {
      // CI builds before testing; this only happens on a fresh local checkout.
      const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, encoding: 'utf8' });
      if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
    }
    work = mkdtempSync(path.join(tmpdir(), 'tessera-pack-'));
    const stubDir = path.join(work, 'electron-dist');
    const outputDir = path.join(work, 'release');
    mkdirSync(stubDir);
    writeStubElectron(stubDir);
    // Read the version from the file: never require('electron') (that would try to download it).
    const electronVersion = (
      JSON.parse(readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }
    ).version;

    const started = performance.now();
    try {
      await run(
        process.execPath,
        [
          path.join(root, 'node_modules/electron-builder/cli.js'),
          '--dir',
          '--linux',
          '--x64',
          '--publish',
          'never',
          `-c.electronDist=${stubDir}`,
          `-c.electronVersion=${electronVersion}`,
          `-c.directories.output=${outputDir}`,
        ],
        {
          cwd: root,
          timeout: 110_000,
          maxBuffer: 16 * 1024 * 1024,
          env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
        },
      );
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      throw new Error(`electron-builder failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`, { cause: err });
    }
    packMs = performance.now() - started;
    console.info(`[packaging] electron-builder --dir --linux took ${(packMs / 1000).toFixed(1)} s`);

    appDir = path.join(outputDir, 'linux-unpacked');
    // listPackage returns absolute in-archive paths ("/out/main/index.js"); normalise to relative.
    entries = listPackage(path.join(appDir, 'resources', 'app.asar'), { isPack: false }).map((p) =>
      p.replace(/\\/g, '/').replace(/^\//, ''),
    );
  }, 150_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const has = (p: string): boolean => entries.includes(p);

  it('packs the main, CLI, preload and renderer bundles and package.json', () => {
    for (const f of BUILD_ENTRIES) expect(has(f), f).toBe(true);
    expect(has('package.json')).toBe(true);
    expect(entries.some((p) => p.startsWith('out/renderer/assets/'))).toBe(true);
  });

  it('keeps package.json pointing at the packed main bundle', () => {
    const pkg = JSON.parse(
      extractFile(path.join(appDir, 'resources', 'app.asar'), 'package.json').toString('utf8'),
    ) as { name: string; main: string; scripts?: unknown };
    expect(pkg.name).toBe('tessera');
    expect(has(pkg.main)).toBe(true);
    expect(pkg.scripts).toBeUndefined(); // electron-builder strips scripts
  });

  /**
   * Dependencies electron-builder leaves out that no packed code can load: qrcode declares yargs and
   * its helpers for its own `qrcode` command (bin/qrcode); the library (lib/) never requires them.
   */
  const CLI_ONLY_DEPENDENCIES =
    /^node_modules\/qrcode\/node_modules\/(yargs|yargs-parser|cliui|wrap-ansi|find-up|locate-path|p-limit|p-locate|y18n)$/;

  it('packs the runtime dependencies, and every package the main bundles load', () => {
    for (const dep of ['libsodium-wrappers-sumo', 'otpauth']) {
      expect(has(`node_modules/${dep}/package.json`), dep).toBe(true);
    }
    // …with everything they need in turn (e.g. libsodium-sumo, @noble/hashes).
    const closure = productionClosure(root, RENDERER_BUNDLED);
    expect(closure.has('node_modules/libsodium-sumo')).toBe(true);
    const missing = [...closure].filter((dir) => !has(`${dir}/package.json`) && !CLI_ONLY_DEPENDENCIES.test(dir));
    expect(missing).toEqual([]);
    const mainDir = path.join(root, 'out', 'main');
    const needed = new Set<string>();
    for (const f of readdirSync(mainDir, { recursive: true, encoding: 'utf8' })) {
      if (/\.(c|m)?js$/.test(f))
        for (const n of externalPackages(readFileSync(path.join(mainDir, f), 'utf8'))) needed.add(n);
    }
    for (const n of needed) expect(has(`node_modules/${n}/package.json`), `out/main loads '${n}'`).toBe(true);
  });

  it('ships no source maps, TypeScript, sources, tests or fixtures', () => {
    const bad = entries.filter(
      (p) =>
        /\.(map|ts|tsx|mts|cts)$/.test(p) ||
        /^(test|electron|renderer|scripts|docs|build|src)(\/|$)/.test(p) ||
        p.includes('fixtures/') ||
        /^(electron-builder\.yml|electron\.vite\.config\.ts|tsconfig\.json|vitest\.config\.ts|\.env|bin\/.*)$/.test(p),
    );
    expect(bad).toEqual([]);
  });

  it('ships no devDependencies (and not the renderer libraries Vite already bundled)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      devDependencies?: Record<string, string>;
    };
    const dev = Object.keys(pkg.devDependencies ?? {});
    expect(dev).toEqual(expect.arrayContaining(['vitest', 'electron-builder']));
    const packedDev = dev.filter((d) => has(`node_modules/${d}`));
    expect(packedDev).toEqual([]);
    for (const d of [
      'vitest',
      '@playwright/test',
      'playwright',
      'electron-builder',
      'electron',
      'typescript',
      'vite',
    ]) {
      expect(has(`node_modules/${d}`), d).toBe(false);
    }
    for (const d of [...RENDERER_BUNDLED, 'scheduler']) expect(has(`node_modules/${d}`), d).toBe(false);
  });

  it('keeps native code (Node addons and the libraries they link) outside the archive', () => {
    const asar = path.join(appDir, 'resources', 'app.asar');
    const native = entries.filter((p) => /\.node$|\.so(\.\d+)*$|\.dylib$|\.dll$/.test(p));
    const packed = native.filter(
      (p) =>
        !(statFile(asar, p, false) as { unpacked?: boolean }).unpacked ||
        !existsSync(path.join(appDir, 'resources', 'app.asar.unpacked', p)),
    );
    expect(packed).toEqual([]);
  });

  it('ships the native Argon2id for this platform unpacked, and that binary passes its self-test', async () => {
    expect(has('node_modules/@node-rs/argon2/index.js')).toBe(true);
    const binaryPackage = `node_modules/@node-rs/argon2-${process.platform}-${process.arch}-gnu`;
    const binary = `${binaryPackage}/argon2.${process.platform}-${process.arch}-gnu.node`;
    expect(has(binary), binary).toBe(true);
    const unpacked = path.join(appDir, 'resources', 'app.asar.unpacked', binary);
    expect(existsSync(unpacked)).toBe(true);
    // The file the packaged app would load, loaded here: same key as libsodium for the known answer.
    const require = createRequire(import.meta.url);
    await expect(loadNativeArgon2(async () => require(unpacked) as NativeArgon2)).resolves.toBeTruthy();
  });

  it('places the tray icons beside the asar, not inside it', () => {
    expect(existsSync(path.join(appDir, 'resources', 'tray', 'tray.png'))).toBe(true);
    expect(existsSync(path.join(appDir, 'resources', 'tray', 'tray@2x.png'))).toBe(true);
    expect(existsSync(path.join(appDir, 'resources', 'app'))).toBe(false); // no unpacked fallback app
  });

  it('flips the Electron fuses of electron-builder.yml in the packaged executable', async () => {
    const wire = await getCurrentFuseWire(path.join(appDir, 'tessera'));
    const state = (o: FuseV1Options): string =>
      wire[o] === FuseState.ENABLE ? 'on' : wire[o] === FuseState.DISABLE ? 'off' : String(wire[o]);
    expect({
      runAsNode: state(FuseV1Options.RunAsNode),
      enableNodeOptionsEnvironmentVariable: state(FuseV1Options.EnableNodeOptionsEnvironmentVariable),
      enableNodeCliInspectArguments: state(FuseV1Options.EnableNodeCliInspectArguments),
      enableEmbeddedAsarIntegrityValidation: state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation),
      onlyLoadAppFromAsar: state(FuseV1Options.OnlyLoadAppFromAsar),
      enableCookieEncryption: state(FuseV1Options.EnableCookieEncryption),
      grantFileProtocolExtraPrivileges: state(FuseV1Options.GrantFileProtocolExtraPrivileges),
      // Left at Electron's defaults on purpose.
      loadBrowserProcessSpecificV8Snapshot: state(FuseV1Options.LoadBrowserProcessSpecificV8Snapshot),
      wasmTrapHandlers: state(FuseV1Options.WasmTrapHandlers),
    }).toEqual({
      runAsNode: 'off',
      enableNodeOptionsEnvironmentVariable: 'off',
      enableNodeCliInspectArguments: 'off',
      enableEmbeddedAsarIntegrityValidation: 'on',
      onlyLoadAppFromAsar: 'on',
      enableCookieEncryption: 'on',
      grantFileProtocolExtraPrivileges: 'off',
      loadBrowserProcessSpecificV8Snapshot: 'off',
      wasmTrapHandlers: 'on',
    });
  });
});
