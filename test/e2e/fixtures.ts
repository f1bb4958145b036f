// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Chromium tier: the built renderer (out/renderer) in Debian's Chromium, served with the
 * production CSP by the same resolver as the app:// protocol, and a `window.tessera` built by the
 * real preload API factory whose transport is a Playwright binding into the real dispatcher
 * (sender check → validation → handlers → services → vault on disk). Only contextBridge and
 * ipcMain are swapped; every test gets its own data folder.
 */
import { test as base, type Page } from '@playwright/test';
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
import type { ClipboardPort } from '../../electron/services/clipboard-guard';
import { systemClock } from '../../electron/services/clock';
import { KDF_FLOOR } from '../../electron/vault';

const ROOT = path.resolve(__dirname, '../..');
const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
/** The webContents id the fake sender reports: the one window the policy trusts. */
const WINDOW_ID = 1;

export class FakeClipboard implements ClipboardPort {
  text = '';
  readonly writes: string[] = [];
  async writeText(text: string): Promise<void> {
    this.text = text;
    this.writes.push(text);
  }
  async readText(): Promise<string> {
    return this.text;
  }
  async clear(): Promise<void> {
    this.text = '';
  }
}

/** One record per message that crossed the bridge, for the "no secret in the renderer" probes. */
export interface IpcRecord {
  readonly direction: 'request' | 'response' | 'event';
  readonly channel: string;
  readonly payload: unknown;
}

export interface TestApp {
  readonly page: Page;
  readonly services: AppServices;
  readonly dataDir: string;
  readonly vaultPath: string;
  readonly clipboard: FakeClipboard;
  readonly ipcLog: IpcRecord[];
  /** The entry page's URL. */
  readonly url: string;
  /** Opens the app's entry page and waits for the first paint of the React root. */
  open(): Promise<void>;
}

/** The real preload API factory, compiled for the page (it has type-only imports). */
function bridgeScript(): string {
  const source = readFileSync(path.join(ROOT, 'electron/preload/api.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  return `(() => {
    const exports = {}; const module = { exports };
    ${outputText}
    const listeners = new Map();
    const api = exports.createTesseraApi({
      invoke: (channel, payload) => window.__tesseraInvoke(channel, payload),
      subscribe: (channel, listener) => {
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set);
        set.add(listener);
        return () => set.delete(listener);
      },
    });
    Object.defineProperty(window, '__tesseraDeliver', {
      value: (channel, payload) => { for (const l of listeners.get(channel) ?? []) l(payload); },
    });
    const freeze = (o) => { for (const v of Object.values(o)) if (v && typeof v === 'object') freeze(v); return Object.freeze(o); };
    Object.defineProperty(window, 'tessera', { value: freeze(api), enumerable: true });
  })();`;
}

function startServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The built renderer is missing at ${RENDERER_DIR}: run \`npm run build\` first.`);
  }
  const csp = buildCsp();
  const server = http.createServer((req, res) => {
    // Test-only probe scripts, served same-origin so they run as page code under the real CSP.
    const probe = /^\/__probes__\/([a-z-]+\.js)$/.exec(req.url ?? '');
    if (probe?.[1]) {
      const file = path.join(__dirname, 'probes', probe[1]);
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

export const test = base.extend<{ app: TestApp }, { server: { origin: string } }>({
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use({ origin: server.origin });
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server }, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
    const vaultPath = path.join(dataDir, 'vault.tessera');
    const clipboard = new FakeClipboard();
    const ipcLog: IpcRecord[] = [];

    const deliver = (channel: EventChannel, payload: unknown): void => {
      ipcLog.push({ direction: 'event', channel, payload });
      page
        .evaluate(
          ([c, p]) => (window as unknown as { __tesseraDeliver?: (c: string, p: unknown) => void }).__tesseraDeliver?.(c, p),
          [channel, payload] as const,
        )
        .catch(() => undefined);
    };
    const services = createAppServices({
      vaultPath,
      clipboard,
      clock: systemClock,
      emit: deliver,
      // The KDF floor keeps each unlock ~0.1 s; the parameters are data, the code path is the app's.
      kdfParams: KDF_FLOOR,
    });
    const dispatch = createDispatch({
      handlers: createHandlers(services),
      validators,
      trust: () => ({ mainWebContentsId: WINDOW_ID, allowedOrigins: [server.origin] }),
    });

    await page.exposeBinding('__tesseraInvoke', async (source, channel: string, payload: unknown) => {
      ipcLog.push({ direction: 'request', channel, payload });
      const frame = source.frame;
      const result = await dispatch(
        channel,
        { sender: { id: WINDOW_ID }, senderFrame: { url: frame.url(), parent: frame.parentFrame() } },
        payload,
      );
      ipcLog.push({ direction: 'response', channel, payload: result });
      return result;
    });
    await page.addInitScript({ content: bridgeScript() });
    // The app loads nothing remote; any such request is a bug.
    await page.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());

    const app: TestApp = {
      page,
      services,
      dataDir,
      vaultPath,
      clipboard,
      ipcLog,
      url: `${server.origin}/index.html`,
      open: async () => {
        await page.goto(`${server.origin}/index.html`);
        await page.locator('#root > *').first().waitFor();
      },
    };
    await use(app);
    await services.shutdown().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  },
});

export { expect } from '@playwright/test';
