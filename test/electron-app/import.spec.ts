// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * QR import in the real Electron app: the open dialog (stubbed to answer a file, as a user would
 * pick one), sharp and the zxing worker inside Electron's main process, the review in the window,
 * and the account saved. Runs wherever the Electron binary exists; skipped here with the reason.
 */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { qrPng } from '../../electron/export';
import { findElectronBinary } from './electron-binary';

const binary = findElectronBinary();
const ROOT = path.resolve(__dirname, '../..');
const PASSWORD = 'correct horse battery staple';
const LINK = 'otpauth://totp/Example:alice@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Example';

test.describe('Electron app: QR import', () => {
  test.skip(binary.path === null, binary.reason);

  let app: ElectronApplication;
  let page: Page;
  let dir: string;

  test.beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-electron-import-'));
    app = await electron.launch({
      executablePath: binary.path as string,
      args: [ROOT, `--user-data-dir=${path.join(dir, 'user-data')}`],
      env: { ...process.env, ELECTRON_RENDERER_URL: '' },
    });
    page = await app.firstWindow();
    await page.locator('#root > *').first().waitFor();
  });

  test.afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an image picked in the open dialog is scanned in main and its account added', async () => {
    const png = path.join(dir, 'qr.png');
    writeFileSync(png, await qrPng(LINK));
    await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm master password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    // First run offers a recovery key next; this test does not need one.
    await page.getByRole('button', { name: 'Not now' }).click({ timeout: 30_000 });
    await expect(page.getByRole('banner').getByRole('button', { name: 'Import' })).toBeVisible({ timeout: 30_000 });

    // The native dialog cannot be clicked by a test: answer it as the user would.
    await app.evaluate(({ dialog }, file) => {
      dialog.showOpenDialog = (async () => ({ canceled: false, filePaths: [file] })) as typeof dialog.showOpenDialog;
    }, png);
    await page.getByRole('banner').getByRole('button', { name: 'Import' }).click();
    const review = page.getByRole('dialog', { name: 'Import accounts' });
    await review.getByRole('button', { name: 'Open image or export file…' }).click();
    await expect(review.getByRole('listitem', { name: /^Example, alice@example\.com, TOTP, code/ })).toBeVisible({
      timeout: 15_000,
    });
    await review.getByRole('button', { name: 'Add 1 account' }).click();
    await expect(page.getByRole('button', { name: /^Example, alice@example\.com, code/ })).toBeVisible();
  });
});
