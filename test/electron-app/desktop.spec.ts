// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Desktop integration in the real Electron app: the tray menu (Show / Lock / Quit), close to tray,
 * the global shortcut and the clipboard. Runs wherever the Electron binary exists (and, for the
 * tray, a desktop with a tray); skipped here with the reason otherwise. The tray is observed
 * through a test-only --require hook (spy-tray.cjs), never through production code.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'correct horse battery staple';
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SHORTCUT = 'CommandOrControl+Alt+Shift+F10';

interface MenuItemLike {
  label: string;
  enabled: boolean;
  type: string;
  click: () => void;
}

test.describe('Electron desktop integration', () => {
  test.skip(binary.path === null, binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  async function launch(settings: Record<string, unknown> = {}): Promise<void> {
    userData = mkdtempSync(path.join(os.tmpdir(), 'tessera-desktop-'));
    writeFileSync(path.join(userData, 'settings.json'), JSON.stringify({ version: 1, ...settings }));
    app = await electron.launch({
      executablePath: binary.path as string,
      args: [ROOT, `--user-data-dir=${userData}`],
      env: {
        ...process.env,
        ELECTRON_RENDERER_URL: '',
        NODE_OPTIONS: `--require=${path.join(__dirname, 'spy-tray.cjs')}`,
      },
    });
    page = await app.firstWindow();
    await page.locator('#root > *').first().waitFor();
  }

  async function createVault(): Promise<void> {
    await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm master password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    // First run offers a recovery key next; these tests do not need one.
    await page.getByRole('button', { name: 'Not now' }).click({ timeout: 60_000 });
    await expect(page.getByRole('banner').getByRole('button', { name: 'Add account' })).toBeVisible({
      timeout: 60_000,
    });
  }

  const trayItems = (): Promise<{ label: string; enabled: boolean }[] | null> =>
    app.evaluate(() => {
      const menu = (globalThis as { __tesseraTrayMenu?: { items: MenuItemLike[] } }).__tesseraTrayMenu;
      return menu ? menu.items.map((i) => ({ label: i.label || i.type, enabled: i.enabled })) : null;
    });

  const clickTray = (label: string): Promise<void> =>
    app.evaluate((_electron, wanted) => {
      const menu = (globalThis as { __tesseraTrayMenu?: { items: MenuItemLike[] } }).__tesseraTrayMenu;
      menu?.items.find((i) => i.label === wanted)?.click();
    }, label);

  test.afterEach(async () => {
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  });

  test('the tray offers Show, Lock and Quit; Lock follows the vault', async () => {
    await launch();
    const items = await trayItems();
    test.skip(items === null, 'This desktop has no tray.');
    expect(items).toEqual([
      { label: 'Show Tessera', enabled: true },
      { label: 'Lock', enabled: false },
      { label: 'separator', enabled: true },
      { label: 'Quit Tessera', enabled: true },
    ]);
    await createVault();
    await expect.poll(async () => (await trayItems())?.[1]?.enabled).toBe(true);
    await clickTray('Lock');
    await expect(page.getByText('You locked Tessera.')).toBeVisible();

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await clickTray('Show Tessera');
    await expect
      .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()))
      .toBe(true);
  });

  test('close to tray hides the window instead of quitting', async () => {
    await launch({ closeToTray: true });
    test.skip((await trayItems()) === null, 'This desktop has no tray.');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    const state = await app.evaluate(({ BrowserWindow }) => {
      const win = BrowserWindow.getAllWindows()[0];
      return win ? { destroyed: win.isDestroyed(), visible: win.isVisible() } : null;
    });
    expect(state).toEqual({ destroyed: false, visible: false });
  });

  test('the global shortcut is registered from the settings and focuses search', async () => {
    await launch({ globalShortcut: SHORTCUT });
    expect(await app.evaluate(({ globalShortcut }, a) => globalShortcut.isRegistered(a), SHORTCUT)).toBe(true);
    await createVault();
    // The OS key press cannot be synthesised; main's reaction to it is the same call.
    await page.getByRole('button', { name: 'Settings' }).click();
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]?.webContents.send('app:focus-search', null),
    );
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.getByRole('searchbox', { name: 'Search accounts' })).toBeFocused();

    // Turning it off unregisters it.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Clear' }).click();
    await expect
      .poll(() => app.evaluate(({ globalShortcut }, a) => globalShortcut.isRegistered(a), SHORTCUT))
      .toBe(false);
  });

  test('a shortcut held by another application is reported next to the field', async () => {
    await launch();
    await app.evaluate(({ globalShortcut }, a) => globalShortcut.register(a, () => undefined), SHORTCUT);
    await createVault();
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByRole('dialog').getByLabel('Global shortcut');
    await field.focus();
    await page.keyboard.press('Control+Alt+Shift+F10');
    await expect(page.getByRole('dialog').getByText(/another application/)).toBeVisible();
  });

  test('a copied code is on the system clipboard, and gone after lock', async () => {
    await launch();
    await createVault();
    await page.getByRole('banner').getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Issuer', { exact: true }).fill('Example');
    await dialog.getByLabel('Account', { exact: true }).fill('alice');
    await dialog.getByLabel('Secret key').fill(SECRET);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    const row = page.getByRole('button', { name: /^Example, alice, code/ });
    await row.click();
    await expect(page.getByText(/^Copied the code of .* — the clipboard clears in 20 s$/)).toBeVisible();
    const copied = await app.evaluate(({ clipboard }) => clipboard.readText());
    expect(copied).toMatch(/^\d{6}$/);
    expect(((await row.getAttribute('aria-label')) ?? '').replace(/\s/g, '')).toContain(copied);
    await page.keyboard.press('Control+L');
    await expect(page.getByLabel('Master password')).toBeVisible();
    expect(await app.evaluate(({ clipboard }) => clipboard.readText())).toBe('');
  });
});
