// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Loads the BUILT main bundle (out/main/index.js, what `npm start` and the packaged app run) in this
 * Node process, with `require('electron')` answered by the recording double. Each load is fresh:
 * the bundle's own modules are dropped from Node's cache first, so module state starts anew.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import type { Settings } from '../../../electron/domain';
import { createElectronDouble, type DoubleBrowserWindow, type ElectronDouble } from './electron-double';

export const ROOT = path.resolve(__dirname, '../../..');
export const OUT = path.join(ROOT, 'out');
export const MAIN_BUNDLE = path.join(OUT, 'main', 'index.js');

const nodeRequire = createRequire(import.meta.url);

export interface LoadOptions {
  readonly failAt?: string;
  readonly singleInstance?: boolean;
  readonly settings?: Partial<Settings>;
  /** Extra command-line switches the app sees (e.g. `--smoke-test`). */
  readonly switches?: readonly string[];
}

export interface LoadedMain {
  readonly electron: ElectronDouble;
  readonly userData: string;
  /** What the bundle wrote to the console, one entry per call. */
  readonly console: { level: 'log' | 'warn' | 'error'; text: string }[];
  /** Electron finished initialising; resolves once the bundle's start-up has run. */
  ready(): Promise<void>;
  /** The one window (fails the test when there is none or several). */
  window(): DoubleBrowserWindow;
  /** Calls a channel's registered handler as a renderer would; `from` defaults to our window. */
  invoke(channel: string, payload: unknown, from?: Partial<IpcMainInvokeEvent>): Promise<unknown>;
  /** Lets pending promise jobs and I/O callbacks run. */
  settle(rounds?: number): Promise<void>;
  /** Waits (a bounded number of event-loop turns) until `done()` holds. */
  until(done: () => boolean, what: string): Promise<void>;
  /** Quits the app if it still runs (so no service writes after the folder is gone), then cleans up. */
  dispose(): Promise<void>;
}

/** Fails with the way out when the bundle has not been built (npm test builds it first). */
export function assertBuilt(): void {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run \`npm run build\` first`);
}

function dropBundleFromCache(): void {
  for (const key of Object.keys(nodeRequire.cache)) if (key.startsWith(OUT + path.sep)) delete nodeRequire.cache[key];
}

export function loadMainBundle(options: LoadOptions = {}): LoadedMain {
  assertBuilt();
  const userData = mkdtempSync(path.join(tmpdir(), 'tessera-main-'));
  // The floor of the KDF bounds, as the machine's calibration: creating a vault then takes ~0.1 s.
  writeFileSync(path.join(userData, 'kdf-params.json'), JSON.stringify({ opslimit: 2, memlimit: 64 * 1024 * 1024 }));
  if (options.settings) writeFileSync(path.join(userData, 'settings.json'), JSON.stringify(options.settings));

  const electron = createElectronDouble({
    userData,
    appPath: ROOT,
    ...(options.failAt === undefined ? {} : { failAt: options.failAt }),
    ...(options.singleInstance === undefined ? {} : { singleInstance: options.singleInstance }),
  });

  const electronPath = nodeRequire.resolve('electron');
  const fake = new Module(electronPath);
  fake.filename = electronPath;
  fake.loaded = true;
  fake.exports = electron.module;
  const previousElectron = nodeRequire.cache[electronPath];
  nodeRequire.cache[electronPath] = fake;

  const consoleLines: LoadedMain['console'] = [];
  const original = { log: console.log, warn: console.warn, error: console.error };
  for (const level of ['log', 'warn', 'error'] as const) {
    console[level] = (...args: unknown[]) => consoleLines.push({ level, text: args.map(String).join(' ') });
  }

  const argv = process.argv;
  process.argv = [...argv, ...(options.switches ?? [])];
  dropBundleFromCache();
  try {
    nodeRequire(MAIN_BUNDLE);
  } finally {
    process.argv = argv;
  }

  const settle = async (rounds = 5): Promise<void> => {
    for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  const until = async (done: () => boolean, what: string): Promise<void> => {
    // Real work (Argon2id in a worker, file writes) happens in between; no timer is waited for.
    const deadline = performance.now() + 20_000;
    while (!done() && performance.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    if (!done()) throw new Error(`gave up waiting until ${what}`);
  };

  return {
    electron,
    userData,
    console: consoleLines,
    async ready() {
      electron.app.becomeReady();
      await settle();
    },
    window() {
      if (electron.windows.length !== 1) throw new Error(`expected one window, found ${electron.windows.length}`);
      return electron.windows[0] as DoubleBrowserWindow;
    },
    async invoke(channel, payload, from) {
      const handler = electron.ipcHandlers.get(channel);
      if (!handler) throw new Error(`no ipcMain handler for ${channel}`);
      const win = electron.windows[0];
      const event = {
        sender: win?.webContents,
        senderFrame: { url: 'app://bundle/index.html', parent: null },
        ...from,
      } as unknown as IpcMainInvokeEvent;
      return handler(event, payload);
    },
    settle,
    until,
    async dispose() {
      const app = electron.app;
      if (electron.windows.length > 0 && !app.quitted && app.exitCode === null) {
        app.quit();
        await until(() => app.quitted, 'the app quit');
      }
      Object.assign(console, original);
      if (previousElectron) nodeRequire.cache[electronPath] = previousElectron;
      else delete nodeRequire.cache[electronPath];
      dropBundleFromCache();
      rmSync(userData, { recursive: true, force: true });
    },
  };
}
