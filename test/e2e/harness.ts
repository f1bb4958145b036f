// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the Chromium tier and the renderer benchmark share: the built renderer (out/renderer)
 * served with the production CSP by the same resolver as the app:// protocol, and a
 * `window.tessera` built by the real preload API factory whose transport is a Playwright binding
 * into the real dispatcher (sender check → validation → handlers → services → vault on disk). Only
 * contextBridge and ipcMain are swapped.
 */
import type { Frame, Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import type { EventChannel } from '../../electron/ipc/contract';
import { createDispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { validators } from '../../electron/ipc/validators';
import { buildCsp } from '../../electron/main/csp';
import { APP_ORIGIN, resolveAppAsset } from '../../electron/main/protocol';
import { createAppServices, type AppServices } from '../../electron/services/app-services';
import type { CapturedScreen, DesktopImage, DesktopPorts } from '../../electron/services/desktop-ports';
import type { OsSecretStore, QuickUnlockPorts, UserPresence } from '../../electron/services/quick-unlock-ports';
import type { Clock } from '../../electron/domain';
import { systemClock } from '../../electron/services/clock';
import { resolveVaultLocation } from '../../electron/services/vault-location';
import type { TimeCheck } from '../../electron/time/time-check';
import { KDF_FLOOR, type KdfParams } from '../../electron/vault';
import { MemoryClipboard } from '../helpers/memory-clipboard';

/** The repository root: found from this file (Playwright, CommonJS) or the working folder (bundled scripts). */
function findRoot(): string {
  let dir = typeof __dirname === 'string' ? __dirname : process.cwd();
  while (!existsSync(path.join(dir, 'electron', 'preload', 'api.ts'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Run this from the Tessera repository.');
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot();
const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
const PROBES_DIR = path.join(ROOT, 'test', 'e2e', 'probes');
/** The webContents id the fake sender reports: the one window the policy trusts. */
const WINDOW_ID = 1;

/** The system clipboard main writes codes to, as the Chromium tier sees it. */
export class FakeClipboard extends MemoryClipboard {}

/**
 * The desktop as the tests script it: what the next file, save and folder dialogs answer, what the
 * screens show and what image the clipboard holds. Each dialog call is recorded.
 */
export class FakeDesktop implements DesktopPorts {
  /** The open dialog's answer (absolute paths); null = the user cancels. */
  files: string[] | null = null;
  savePath: string | null = null;
  folder: string | null = null;
  /** The displays' pixels, or an error (e.g. CaptureRefusedError) to throw. */
  screens: CapturedScreen[] | Error = [];
  clipboardImage: DesktopImage | null = null;
  readonly calls: string[] = [];

  constructor(private readonly clipboard: FakeClipboard) {}

  async pickFiles(): Promise<string[] | null> {
    this.calls.push('pickFiles');
    return this.files;
  }
  async pickSavePath(): Promise<string | null> {
    this.calls.push('pickSavePath');
    return this.savePath;
  }
  async pickFolder(): Promise<string | null> {
    this.calls.push('pickFolder');
    return this.folder;
  }
  async captureScreens(): Promise<CapturedScreen[]> {
    this.calls.push('captureScreens');
    if (this.screens instanceof Error) throw this.screens;
    return this.screens;
  }
  async readClipboardImage(): Promise<DesktopImage | null> {
    return this.clipboardImage;
  }
  async readClipboardText(): Promise<string> {
    return this.clipboard.text;
  }
}

/** What Linux says when Electron's `safeStorage` would seal with its `basic_text` backend (a key anyone can read). */
export const BASIC_TEXT_REASON =
  'Quick unlock needs a keyring such as GNOME Keyring or KWallet, and this computer has none Tessera can use (basic_text).';

/**
 * The OS keyring as the tests script it: sealing is a marker and base64 (reversible here, which is
 * all the services need to see), and `usable` false answers the `basic_text` reason, as Linux does
 * without a keyring. Each call is recorded.
 */
export class FakeSecretStore implements OsSecretStore {
  static readonly PREFIX = 'fake-keyring:';
  readonly calls: string[] = [];

  constructor(readonly usable: boolean = true) {}

  async check(): Promise<{ readonly usable: true } | { readonly usable: false; readonly reason: string }> {
    this.calls.push('check');
    return this.usable ? { usable: true } : { usable: false, reason: BASIC_TEXT_REASON };
  }
  async seal(text: string): Promise<Uint8Array> {
    this.calls.push('seal');
    return new Uint8Array(Buffer.from(FakeSecretStore.PREFIX + Buffer.from(text, 'utf8').toString('base64'), 'utf8'));
  }
  async unseal(sealed: Uint8Array): Promise<{ readonly text: string; readonly shouldReseal: boolean }> {
    this.calls.push('unseal');
    const wire = Buffer.from(sealed).toString('utf8');
    if (!wire.startsWith(FakeSecretStore.PREFIX)) throw new Error('not sealed by this keyring');
    return {
      text: Buffer.from(wire.slice(FakeSecretStore.PREFIX.length), 'base64').toString('utf8'),
      shouldReseal: false,
    };
  }
}

/** Touch ID as the tests script it: `answer` 'yes' confirms, 'no' refuses (cancelled). */
export class FakePresence implements UserPresence {
  answer: 'yes' | 'no' = 'yes';
  readonly reasons: string[] = [];

  available(): boolean {
    return true;
  }
  async confirm(reason: string): Promise<void> {
    this.reasons.push(reason);
    if (this.answer === 'no') throw new Error('cancelled');
  }
}

/** Which OS side quick unlock gets: none (as in the other specs), a keyring (with Touch ID), or Linux's basic_text. */
export type QuickUnlockSetup = 'none' | 'keyring' | 'keyring+touch-id' | 'basic-text';

/** The quick-unlock ports for `setup`. */
export function quickUnlockPorts(setup: QuickUnlockSetup): QuickUnlockPorts | null {
  if (setup === 'none') return null;
  return {
    store: new FakeSecretStore(setup !== 'basic-text'),
    presence: setup === 'keyring+touch-id' ? new FakePresence() : null,
  };
}

/** One record per message that crossed the bridge, for the "no secret in the renderer" probes. */
export interface IpcRecord {
  readonly direction: 'request' | 'response' | 'event';
  readonly channel: string;
  readonly payload: unknown;
  /** Node's clock when it crossed (ms), for counting messages over time. */
  readonly at: number;
}

/**
 * The real preload API factory, compiled for the page (it has type-only imports). When the page
 * defines `window.__tesseraTrace` (the benchmark does), each answer and push is timed into it.
 */
export function bridgeScript(): string {
  const source = readFileSync(path.join(ROOT, 'electron/preload/api.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  return `(() => {
    const exports = {}; const module = { exports };
    ${outputText}
    const listeners = new Map();
    const trace = (kind, channel) => window.__tesseraTrace?.push({ kind, channel, t: performance.now() });
    // Bytes (a dropped file) travel as base64 text; Electron's IPC would clone the Uint8Array.
    const toWire = (payload) => {
      if (!payload || typeof payload !== 'object') return payload;
      const out = {};
      for (const [k, v] of Object.entries(payload)) {
        if (v instanceof Uint8Array) {
          let text = '';
          for (let i = 0; i < v.length; i += 0x8000) text += String.fromCharCode(...v.subarray(i, i + 0x8000));
          out[k] = { __bytes: btoa(text) };
        } else out[k] = v;
      }
      return out;
    };
    const api = exports.createTesseraApi({
      // Answers come as JSON text, parsed natively here (see attachBridge).
      invoke: (channel, payload) =>
        window.__tesseraInvokeJson(channel, toWire(payload)).then((text) => { const r = JSON.parse(text); trace('response', channel); return r; }),
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    });
    Object.defineProperty(window, '__tesseraDeliver', {
      value: (channel, payload) => { trace('event', channel); for (const l of listeners.get(channel) ?? []) l(payload); },
    });
    const freeze = (o) => { for (const v of Object.values(o)) if (v && typeof v === 'object') freeze(v); return Object.freeze(o); };
    Object.defineProperty(window, 'tessera', { value: freeze(api), enumerable: true });
  })();`;
}

export interface RendererServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Serves out/renderer (and the test probes) on 127.0.0.1 with the production CSP. */
export function startServer(): Promise<RendererServer> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The built renderer is missing at ${RENDERER_DIR}: run \`npx electron-vite build\` first.`);
  }
  const csp = buildCsp();
  const server = http.createServer((req, res) => {
    // Test-only probe scripts, served same-origin so they run as page code under the real CSP.
    const probe = /^\/__probes__\/([a-z-]+\.js)$/.exec(req.url ?? '');
    if (probe?.[1]) {
      const file = path.join(PROBES_DIR, probe[1]);
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/javascript', 'Content-Security-Policy': csp }).end(readFileSync(file));
      return;
    }
    // Same resolver and headers as the app:// protocol handler in electron/main/index.ts.
    const asset = resolveAppAsset(`${APP_ORIGIN}${req.url ?? '/'}`, RENDERER_DIR, csp);
    if (asset.status !== 200 || !existsSync(asset.filePath)) {
      res.writeHead(asset.status === 200 ? 404 : asset.status, asset.headers).end();
      return;
    }
    res.writeHead(200, asset.headers).end(readFileSync(asset.filePath));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

export interface BridgeOptions {
  /** The server's origin: the one the sender check trusts. */
  readonly origin: string;
  /** Main's clock; default the system clock. */
  readonly clock?: Clock;
  /** Default: the KDF floor, so each unlock takes ~0.1 s (the parameters are data, the code path is the app's). */
  readonly kdfParams?: KdfParams;
  /** Main's clock check; default none, so nothing is ever sent (a test passes a fake to script one). */
  readonly timeCheck?: TimeCheck;
  /** The OS keyring and Touch ID quick unlock uses (fakes: `quickUnlockPorts`); default none. */
  readonly quickUnlock?: QuickUnlockPorts;
}

export interface Bridge {
  /** Main's services: after `restartMain`, the new ones. */
  readonly services: AppServices;
  readonly clipboard: FakeClipboard;
  readonly desktop: FakeDesktop;
  readonly ipcLog: IpcRecord[];
  readonly dataDir: string;
  readonly vaultPath: string;
  /**
   * Restarts main as a quit and a new start of Tessera do: the services shut down (`shutdown()`, as
   * on quit: the vault locks, the clipboard is cleared) and are built again over the same vault file
   * and data folder, with the same clipboard, desktop, clock and OS keyring (which outlive the app).
   * What the old services still push is dropped. The page keeps its bridge; reload it to start the
   * window again (`TestApp.restart` does both).
   */
  restartMain(): Promise<void>;
  /** Locks, clears the clipboard and removes the data folder. */
  dispose(): Promise<void>;
}

/** Undoes the page script's `toWire`: `{ __bytes: base64 }` fields become Uint8Arrays again. */
function fromWire(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return payload;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) {
    const bytes = v && typeof v === 'object' ? (v as { __bytes?: unknown }).__bytes : undefined;
    out[k] = typeof bytes === 'string' ? new Uint8Array(Buffer.from(bytes, 'base64')) : v;
  }
  return out;
}

/** Builds the real services in a fresh data folder and bridges them into `page` as `window.tessera`. */
export async function attachBridge(page: Page, options: BridgeOptions): Promise<Bridge> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
  const vaultPath = path.join(dataDir, 'vault.tessera');
  const clipboard = new FakeClipboard();
  const desktop = new FakeDesktop(clipboard);
  const ipcLog: IpcRecord[] = [];

  const deliver = (channel: EventChannel, payload: unknown): void => {
    ipcLog.push({ direction: 'event', channel, payload, at: Date.now() });
    // As JSON text, parsed natively in the page: close to Electron's structured clone, and not the
    // cost of Playwright's argument serialiser walking 1,000 objects in page script.
    page
      .evaluate(
        ([c, json]) =>
          (window as unknown as { __tesseraDeliver?: (c: string, p: unknown) => void }).__tesseraDeliver?.(
            c,
            JSON.parse(json),
          ),
        [channel, JSON.stringify(payload) ?? 'null'] as const,
      )
      .catch(() => undefined);
  };
  /** Which start of main is the current one: an earlier one's pushes are dropped. */
  let generation = 0;
  const start = (): { services: AppServices; dispatch: ReturnType<typeof createDispatch> } => {
    const mine = ++generation;
    // As the app starts: this computer's choice of vault file (a moved vault), else the default.
    const location = resolveVaultLocation({ dataFolder: dataDir, defaultPath: vaultPath });
    const services = createAppServices({
      vaultPath: location.path,
      location,
      clipboard,
      clock: options.clock ?? systemClock,
      emit: (channel, payload) => {
        if (mine === generation) deliver(channel, payload);
      },
      kdfParams: options.kdfParams ?? KDF_FLOOR,
      desktop,
      ...(options.timeCheck ? { timeCheck: options.timeCheck } : {}),
      ...(options.quickUnlock ? { quickUnlock: options.quickUnlock } : {}),
    });
    const dispatch = createDispatch({
      handlers: createHandlers(services),
      validators,
      trust: () => ({ mainWebContentsId: WINDOW_ID, allowedOrigins: [options.origin] }),
    });
    return { services, dispatch };
  };
  let { services, dispatch } = start();

  const invoke = async (frame: Frame, channel: string, wire: unknown): Promise<unknown> => {
    const payload = fromWire(wire);
    ipcLog.push({ direction: 'request', channel, payload, at: Date.now() });
    const result = await dispatch(
      channel,
      { sender: { id: WINDOW_ID }, senderFrame: { url: frame.url(), parent: frame.parentFrame() } },
      payload,
    );
    ipcLog.push({ direction: 'response', channel, payload: result, at: Date.now() });
    return result;
  };
  // The page's `window.tessera` uses the JSON one: like the pushes, answers travel as text and are
  // parsed natively, instead of Playwright's serialiser walking 1,000 objects in page script. The
  // object one is what the security probes call directly.
  await page.exposeBinding('__tesseraInvokeJson', async (source, channel: string, payload: unknown) =>
    JSON.stringify(await invoke(source.frame, channel, payload)),
  );
  await page.exposeBinding('__tesseraInvoke', (source, channel: string, payload: unknown) =>
    invoke(source.frame, channel, payload),
  );
  await page.addInitScript({ content: bridgeScript() });
  // The app loads nothing remote; any such request is a bug.
  await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());

  return {
    get services() {
      return services;
    },
    clipboard,
    desktop,
    ipcLog,
    dataDir,
    vaultPath,
    async restartMain() {
      await services.shutdown();
      ({ services, dispatch } = start());
    },
    async dispose() {
      await services.shutdown().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
