// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Settings in Chromium against the built renderer and the real services: the list of sections moves
 * to a section and focuses its heading (above the sections in narrow windows, beside them in wide
 * ones); "Back up now" names the backup file main wrote and verified in the data folder; Export in
 * the top bar opens the export dialog and gives the focus back. Screenshots of Settings at 420 and
 * 1280 px, light and dark, go to test-results/screenshots/.
 */
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { readBackup } from '../../electron/export';
import { backupFiles } from './export-steps';
import { expect, test, type TestApp } from './fixtures';
import { createVault, PASSWORD, SECRET } from './steps';

type Box = { x: number; y: number; width: number; height: number };

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  if (!b) throw new Error('not rendered');
  return b;
}

/** Creates the vault with one account and opens Settings from the top bar. */
async function openSettings(app: TestApp): Promise<Locator> {
  await createVault(app);
  await app.services.entries.addUri(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
  await app.page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('navigation', { name: 'Settings sections' })).toBeVisible();
  return settings;
}

test('jump to "Backups and export" by its link, then "Back up now" names the file main wrote and verified', async ({
  app,
}) => {
  const page = app.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const settings = await openSettings(app);
  const heading = settings.getByRole('heading', { level: 3, name: 'Backups and export' });
  // The dialog is taller than the window: the section starts out of view.
  await expect(heading).not.toBeInViewport();

  await settings
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Backups and export' })
    .click();
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  const dialogBox = await box(settings);
  const headingBox = await box(heading);
  expect(headingBox.y).toBeGreaterThanOrEqual(dialogBox.y);
  expect(headingBox.y + headingBox.height).toBeLessThanOrEqual(dialogBox.y + dialogBox.height);
  // In a wide window the list stays in view beside the sections.
  await expect(settings.getByRole('navigation', { name: 'Settings sections' })).toBeInViewport();

  const section = settings.getByRole('region', { name: 'Backups and export' });
  const folder = section.getByRole('group', { name: 'Backup folder' });
  const dir = path.join(app.dataDir, 'backups');
  await expect(folder.getByText(dir, { exact: true })).toBeVisible();
  await expect(folder.getByRole('textbox')).toHaveCount(0);
  expect(backupFiles(dir)).toEqual([]);

  const backUp = section.getByRole('button', { name: 'Back up now' });
  await backUp.click();
  const note = section.getByRole('status').filter({ hasText: /^Backed up: / });
  await expect(note).toBeVisible();
  await expect(backUp).toBeFocused();

  // The file named is the one main wrote in the data folder, and the one its status calls verified.
  const [file, ...more] = backupFiles(dir);
  expect(more).toEqual([]);
  const status = await app.services.backups.status();
  expect(status.lastVerified?.file).toBe(file);
  const name = path.basename(file ?? '');
  await expect(note).toHaveText(new RegExp(`^Backed up: ${name.replace(/[.-]/g, '\\$&')}, verified at .+\\.$`));
  await expect(note).toHaveAttribute('aria-live', 'polite');
  const restored = await readBackup(file ?? '', PASSWORD);
  expect(restored.map((e) => e.issuer)).toEqual(['GitHub']);
  for (const e of restored) e.secret.fill(0);
});

test('Export in the top bar opens the export dialog, and the focus comes back to it', async ({ app }) => {
  await createVault(app);
  const page = app.page;
  const exportButton = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: 'Export accounts' });
  await expect(dialog.getByRole('group', { name: 'What do you want to export?' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Settings' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportButton).toBeFocused();
});

for (const width of [420, 1280]) {
  test(`at ${width} px the section list sits ${width < 800 ? 'above' : 'beside'} the sections; screenshots`, async ({
    app,
  }) => {
    const page = app.page;
    await page.setViewportSize({ width, height: 800 });
    const settings = await openSettings(app);
    const nav = await box(settings.getByRole('navigation', { name: 'Settings sections' }));
    const first = await box(settings.getByRole('region', { name: 'Security' }));
    if (width < 800) expect(nav.y + nav.height).toBeLessThanOrEqual(first.y);
    else expect(nav.x + nav.width).toBeLessThanOrEqual(first.x);
    // Nothing spills out of the dialog sideways.
    const scroll = await settings.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    expect(scroll.scroll).toBeLessThanOrEqual(scroll.client);

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/settings-${width}-${colorScheme}.png` });
    }

    // The backups part after "Back up now", as a person sees the confirmation.
    await settings.getByRole('button', { name: 'Backups and export' }).click();
    await settings.getByRole('button', { name: 'Back up now' }).click();
    await expect(settings.getByRole('status').filter({ hasText: /^Backed up: / })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/settings-backups-${width}-${colorScheme}.png` });
    }
  });
}
