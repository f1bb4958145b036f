// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Syncthing in `npm test`'s tool provisioning (scripts/lib/test-tools.mjs), for the sync tests of
 * issue #18: where the binary is found (SYNCTHING_BIN, then the PATH), that a missing one joins the
 * same `apt-get update`/`apt-get install` as Chromium and PyNaCl (root on Debian/Ubuntu only), the
 * one-line instruction otherwise, and that scripts/lib/chromium.mjs still offers the same exports to
 * its callers. Every command is answered by an injected spawn: nothing is installed here.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as viaChromium from '../../scripts/lib/chromium.mjs';
import * as tools from '../../scripts/lib/test-tools.mjs';
import {
  NO_SYNCTHING,
  SOURCE_PATH,
  SYNCTHING_ENV,
  findSyncthing,
  provisionChromium,
  provisionTestTools,
  runsAsSyncthing,
  type ProvisionOptions,
  type Spawn,
  type SpawnResult,
} from '../../scripts/lib/test-tools.mjs';

const ok: SpawnResult = { status: 0, stdout: '', stderr: '', error: null };
const fail = (stderr: string): SpawnResult => ({ status: 1, stdout: '', stderr, error: null });

const APT_UPDATE = 'apt-get update -qq';
const aptInstall = (...packages: string[]) => `apt-get install -y -qq -o DPkg::Lock::Timeout=120 ${packages.join(' ')}`;
const PLAYWRIGHT_INSTALL = 'npx --no -- playwright install chromium';

/** A machine: what is on the PATH and which files exist; a successful install adds to it. */
function machine(onPath: Record<string, string> = {}, files: string[] = []) {
  const path = new Map(Object.entries(onPath));
  const existing = new Set(files);
  return {
    path,
    existing,
    which: (name: string) => path.get(name) ?? null,
    exists: (file: string) => existing.has(file),
  };
}

/**
 * Root on Debian with apt-get, Chromium and (unless `nacl` is false) PyNaCl; Syncthing only if the
 * machine has it. `install` runs when apt-get installs, as the real one would.
 */
function provision(
  m: ReturnType<typeof machine>,
  answer: (cmd: string) => SpawnResult,
  over: Partial<ProvisionOptions> & { nacl?: boolean } = {},
) {
  m.existing.add('/etc/debian_version');
  if (!m.path.has('apt-get')) m.path.set('apt-get', '/usr/bin/apt-get');
  let nacl = over.nacl ?? true;
  const commands: string[] = [];
  const spawn: Spawn = (command, args) => {
    if (args[0] === '-c') return nacl ? { ...ok, stdout: '/usr/bin/python3\n' } : fail('ModuleNotFoundError');
    const cmd = [command, ...args].join(' ');
    commands.push(cmd);
    const r = answer(cmd);
    if (r.status === 0 && cmd.startsWith('apt-get install') && cmd.includes('python3-nacl')) nacl = true;
    return r;
  };
  const log: string[] = [];
  const { nacl: _, ...options } = over;
  const result = provisionTestTools({
    env: {},
    which: m.which,
    exists: m.exists,
    isBrowser: () => true,
    isSyncthing: () => true,
    playwrightCachePath: null,
    spawn,
    getuid: () => 0,
    log: (line) => log.push(line),
    now: () => 0,
    ...options,
  });
  return { result, log, commands };
}

describe('findSyncthing: where the binary comes from', () => {
  it('takes SYNCTHING_BIN over the PATH', () => {
    const m = machine({ syncthing: '/usr/bin/syncthing' }, ['/opt/st/syncthing']);
    expect(
      findSyncthing({
        env: { SYNCTHING_BIN: '/opt/st/syncthing' },
        which: m.which,
        exists: m.exists,
        isSyncthing: () => true,
      }),
    ).toEqual({ path: '/opt/st/syncthing', source: SYNCTHING_ENV });
  });

  it('reports a SYNCTHING_BIN that points nowhere instead of quietly using the one on the PATH', () => {
    const m = machine({ syncthing: '/usr/bin/syncthing' });
    const found = findSyncthing({
      env: { SYNCTHING_BIN: '/nowhere/syncthing' },
      which: m.which,
      exists: m.exists,
      isSyncthing: () => true,
    });
    expect(found).toMatchObject({ path: null, source: SYNCTHING_ENV });
    expect(found && 'error' in found ? found.error : '').toMatch(
      /SYNCTHING_BIN is set to '\/nowhere\/syncthing'.*unset it/,
    );
  });

  it('takes `syncthing` on the PATH only if it runs as Syncthing', () => {
    const m = machine({ syncthing: '/usr/bin/syncthing' });
    expect(findSyncthing({ env: {}, which: m.which, exists: m.exists, isSyncthing: () => true })).toEqual({
      path: '/usr/bin/syncthing',
      source: SOURCE_PATH,
    });
    expect(findSyncthing({ env: {}, which: m.which, exists: m.exists, isSyncthing: () => false })).toBeNull();
    expect(findSyncthing({ env: {}, which: () => null, exists: m.exists, isSyncthing: () => true })).toBeNull();
  });

  describe.skipIf(process.platform === 'win32')('with real files on a PATH', () => {
    let dir: string;
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const script = (name: string, body: string, mode = 0o755) => {
      writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`);
      chmodSync(path.join(dir, name), mode);
      return path.join(dir, name);
    };

    it('knows Syncthing by its --version line, and passes over a stub or a file it cannot run', () => {
      dir = mkdtempSync(path.join(tmpdir(), 'tessera-syncthing-'));
      const real = script(
        'syncthing',
        'echo \'syncthing v1.19.2-ds1 "Fermium Flea" (go1.19.8 linux-amd64) debian@debian 2023-04-09 10:47:16 UTC\'',
      );
      expect(runsAsSyncthing(real)).toBe(true);
      expect(findSyncthing({ env: { PATH: dir } })).toEqual({ path: real, source: SOURCE_PATH });

      script('syncthing', 'echo "syncthing: command not found, try: apt install syncthing" >&2\nexit 127');
      expect(findSyncthing({ env: { PATH: dir } })).toBeNull();
      script('syncthing', 'echo "Some other program 1.0"');
      expect(findSyncthing({ env: { PATH: dir } })).toBeNull();
      script('syncthing', 'echo "syncthing v1.19.2"', 0o644);
      expect(findSyncthing({ env: { PATH: dir } })).toBeNull();
    });
  });
});

describe('provisionTestTools: Syncthing', () => {
  it('installs nothing when Syncthing is on the PATH, and says which it uses', () => {
    const m = machine({ chromium: '/usr/bin/chromium', syncthing: '/usr/bin/syncthing' });
    const { result, log, commands } = provision(m, () => ok);
    expect(commands).toEqual([]);
    expect(result).toMatchObject({
      syncthing: { path: '/usr/bin/syncthing', source: SOURCE_PATH },
      syncthingError: null,
    });
    expect(log).toContain('Syncthing: /usr/bin/syncthing (system PATH)');
  });

  it('installs a missing Syncthing with apt-get, in the same update and install as PyNaCl', () => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { result, log, commands } = provision(
      m,
      (cmd) => {
        if (cmd === aptInstall('python3-nacl', 'syncthing')) m.path.set('syncthing', '/usr/bin/syncthing');
        return ok;
      },
      { nacl: false },
    );
    expect(commands).toEqual([APT_UPDATE, aptInstall('python3-nacl', 'syncthing')]);
    expect(result).toMatchObject({
      python: '/usr/bin/python3',
      syncthing: { path: '/usr/bin/syncthing', source: SOURCE_PATH },
      syncthingError: null,
    });
    expect(log).toEqual([
      'apt-get: installing python3-nacl syncthing',
      'apt-get: installed python3-nacl syncthing in 0 s',
      'Chromium: /usr/bin/chromium (system PATH)',
      'PyNaCl: /usr/bin/python3',
      'Syncthing: /usr/bin/syncthing (system PATH)',
    ]);
  });

  it('puts all three in one apt-get install when the Playwright download failed too', () => {
    const m = machine();
    const { result, commands } = provision(
      m,
      (cmd) => {
        if (cmd === PLAYWRIGHT_INSTALL) return fail('Error: getaddrinfo ENOTFOUND cdn.playwright.dev');
        if (cmd === aptInstall('chromium', 'python3-nacl', 'syncthing')) {
          m.path.set('chromium', '/usr/bin/chromium');
          m.path.set('syncthing', '/usr/bin/syncthing');
        }
        return ok;
      },
      { nacl: false },
    );
    expect(commands).toEqual([PLAYWRIGHT_INSTALL, APT_UPDATE, aptInstall('chromium', 'python3-nacl', 'syncthing')]);
    expect(result).toMatchObject({ error: null, syncthingError: null, syncthing: { path: '/usr/bin/syncthing' } });
  });

  it('installs only Syncthing when the rest is there', () => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { commands } = provision(m, () => ok);
    expect(commands).toEqual([APT_UPDATE, aptInstall('syncthing')]);
  });

  it.each([
    ['not root', { getuid: () => 1000 }],
    ['not Debian', { exists: () => false }],
  ] as const)('gives the one-line instruction when %s, without trying apt-get', (_, over) => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { result, commands } = provision(m, () => ok, over);
    expect(commands).toEqual([]);
    expect(result).toMatchObject({ syncthing: null, syncthingError: NO_SYNCTHING });
    expect(NO_SYNCTHING).not.toContain('\n');
    expect(NO_SYNCTHING).toMatch(/sudo apt-get install syncthing.*SYNCTHING_BIN/);
  });

  it('gives the instruction when apt-get cannot install it, and logs why', () => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { result, log } = provision(m, (cmd) =>
      cmd.startsWith('apt-get install') ? fail('E: Unable to locate package syncthing') : ok,
    );
    expect(result.syncthingError).toBe(NO_SYNCTHING);
    expect(log).toContain('apt-get: install of syncthing failed after 0 s (E: Unable to locate package syncthing)');
  });

  it('installs nothing over a SYNCTHING_BIN that points nowhere, and reports it', () => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { result, commands } = provision(m, () => ok, { env: { SYNCTHING_BIN: '/nowhere/syncthing' } });
    expect(commands).toEqual([]);
    expect(result.syncthing).toBeNull();
    expect(result.syncthingError).toMatch(/SYNCTHING_BIN is set to '\/nowhere\/syncthing'/);
  });

  it('leaves Syncthing alone when asked to (syncthing: false, and provisionChromium)', () => {
    const m = machine({ chromium: '/usr/bin/chromium' });
    const { result, commands } = provision(m, () => ok, { syncthing: false });
    expect(commands).toEqual([]);
    expect(result).toMatchObject({ syncthing: null, syncthingError: null });

    const seen: string[] = [];
    provisionChromium({
      env: {},
      which: m.which,
      exists: m.exists,
      isBrowser: () => true,
      playwrightCachePath: null,
      getuid: () => 0,
      spawn: (command, args) => {
        seen.push([command, ...args].join(' '));
        return ok;
      },
    });
    expect(seen).toEqual([]);
  });
});

describe('scripts/lib/chromium.mjs', () => {
  it('still exports everything its callers import, as the same functions', () => {
    for (const name of [
      'findChromium',
      'provisionTestTools',
      'provisionChromium',
      'findPythonWithNacl',
      'lastMessageLine',
    ] as const) {
      expect(viaChromium[name]).toBe(tools[name]);
    }
    expect(viaChromium.NO_CHROMIUM).toBe(tools.NO_CHROMIUM);
  });
});
