// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Dead ends in dialogs (issue 13, items 6 and 7), in Chromium against the built renderer and the
 * real main-process services: the focus never falls to the page body while a dialog is open, so
 * Escape keeps closing it ("Back up now", a field that lets go of the focus); and a file Tessera
 * does not recognise offers the format choice beside the message, which reads it again as that app.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect as baseExpect, test } from './fixtures';
import { importDialog, openImportDialog } from './import-steps';
import { createVault } from './steps';

// Argon2id and backups with fsync on a loaded 2-core machine: generous limits, no sleeps.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 60_000 });

/**
 * Records, from now on, every moment a dialog is open while the focus is on the page body: after
 * each focus change and DOM change, and on every frame.
 */
async function watchBodyFocus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__bodyFocus', { value: seen, configurable: true });
    const check = (why: string): void => {
      const open = document.querySelector('[role="dialog"], [role="alertdialog"]') !== null;
      const active = document.activeElement;
      if (open && (active === null || active === document.body)) seen.push(why);
    };
    document.addEventListener('focusout', () => window.setTimeout(() => check('focusout'), 0), true);
    new MutationObserver(() => check('mutation')).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
    });
    const frame = (): void => {
      check('frame');
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

const bodyFocusSeen = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as { __bodyFocus: string[] }).__bodyFocus.slice());

test.describe('dialogs', () => {
  test('"Back up now", then Escape closes Settings; the focus never falls to the page body', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    await watchBodyFocus(page);

    const backUp = settings.getByRole('button', { name: 'Back up now' });
    await backUp.click();
    await expect(settings.getByText(/^Last verified backup: /)).toBeVisible();
    await expect(backUp).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();
    expect(await bodyFocusSeen(page)).toEqual([]);
  });

  test('a field that lets go of the focus leaves it in the dialog, and Escape still closes it', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await expect(settings).toBeVisible();
    await watchBodyFocus(page);

    // The shortcut recorder blurs itself on Escape (it stops recording).
    await settings.getByLabel('Global shortcut').focus();
    await page.keyboard.press('Escape');
    await expect(settings).toBeVisible();
    await expect(settings).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    expect(await bodyFocusSeen(page)).toEqual([]);
  });

  test('a file Tessera does not recognise: the message, then the format choice reads it as Aegis', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    const file = path.join(app.dataDir, 'mystery.bin');
    writeFileSync(
      file,
      Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256),
    );
    app.desktop.files = [file];

    const dialog = await openImportDialog(app);
    // Offered up front too, with the apps main reads.
    await expect(dialog.getByLabel('Format')).toHaveValue('');
    await expect(dialog.getByRole('list', { name: 'Supported apps' }).getByRole('listitem')).toContainText([
      'Aegis',
      '2FAS',
    ]);
    await dialog.getByRole('button', { name: 'Open image or export file…' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Tessera does not recognise mystery.bin');

    const retry = dialog.getByRole('group', { name: 'Read the file as another app’s export' });
    const format = retry.getByLabel('Format');
    await expect(format).toBeFocused();
    await format.selectOption({ label: 'Aegis' });
    await retry.getByRole('button', { name: 'Open the file again as Aegis…' }).click();

    // Read as Aegis: Aegis's own answer about the file, no guess at another format.
    await expect(importDialog(page).getByRole('alert')).toContainText('This Aegis file is not UTF-8 text');
    await expect(retry).toBeHidden();
    await expect(dialog.getByLabel('Format')).toHaveValue('aegis');
    expect(app.desktop.calls.filter((c) => c === 'pickFiles')).toHaveLength(2);
    expect(app.services.entries.list()).toEqual([]);
  });
});
