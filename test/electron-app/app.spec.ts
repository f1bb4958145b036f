// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The real Electron window: flags, the preload surface, IPC refusal from a foreign frame, clipboard.
 * Runs wherever the Electron binary exists; skipped here with the reason otherwise.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_NAMESPACES } from '../../electron/ipc/contract';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const ROOT = path.resolve(__dirname, '../..');

test.describe('Electron app', () => {
  test.skip(binary.path === null, binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  test.beforeEach(async () => {
    userData = mkdtempSync(path.join(os.tmpdir(), 'tessera-electron-'));
    app = await electron.launch({
      executablePath: binary.path as string,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.locator('#root > *').first().waitFor();
  });

  test.afterEach(async () => {
    await app.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('the window is isolated and sandboxed', async () => {
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      // Internal but long-standing API: the preferences the renderer was actually created with.
      const wc = win?.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> } | undefined;
      const p = wc?.getLastWebPreferences?.();
      return (
        p && {
          contextIsolation: p.contextIsolation,
          sandbox: p.sandbox,
          nodeIntegration: p.nodeIntegration,
          webviewTag: p.webviewTag,
          spellcheck: p.spellcheck,
        }
      );
    });
    expect(prefs).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(new URL(page.url()).protocol).toBe('app:');
  });

  test('the page sees exactly window.tessera and no Node', async () => {
    const probe = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { tessera: object }).tessera).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      popup: window.open('https://example.com') === null,
    }));
    expect(probe).toEqual({
      keys: [...API_NAMESPACES],
      require: 'undefined',
      process: 'undefined',
      popup: true,
    });
  });

  test('navigation away from the bundle is blocked', async () => {
    const before = page.url();
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  });

  test('IPC from a foreign frame is refused', async () => {
    // A frame that is not the main frame of our window must be refused by the guard.
    const refused = await app.evaluate(async ({ ipcMain, BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      if (!win) return 'no-window';
      const handler = (
        ipcMain as unknown as { _invokeHandlers: Map<string, (e: unknown, p: unknown) => Promise<unknown>> }
      )._invokeHandlers?.get('vault:status');
      if (!handler) return 'no-handler';
      return handler({ sender: win.webContents, senderFrame: { url: 'app://bundle/index.html', parent: {} } }, null);
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } });
  });
});
