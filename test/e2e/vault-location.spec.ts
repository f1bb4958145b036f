// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Moving the vault in Chromium against the built renderer and the real services: Settings › Vault
 * file shows the folder and that it may be synchronised; "Move to another folder…" with main's
 * folder dialog answering a new folder moves the vault there (verified; the old file gone), the
 * codes keep working without unlocking again, this computer's pointer names the new file, and
 * Tessera started again opens it there. A screenshot of the section after the move goes to
 * test-results/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readVaultLocation } from '../../electron/services/vault-location';
import { expect, test } from './fixtures';
import { addAccount, createVault, PASSWORD, row } from './steps';

test('move the vault to another folder from Settings; the codes keep working; a new start finds it', async ({
  app,
}) => {
  const page = app.page;
  await createVault(app);
  await addAccount(app, 'GitHub', 'alice');
  const sync = path.join(app.dataDir, 'Sync');
  mkdirSync(sync);
  app.desktop.folder = sync;

  await page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Vault file' })
    .click();
  const section = settings.getByRole('region', { name: 'Vault file' });
  const folder = section.getByRole('group', { name: 'Vault folder' });
  await expect(folder.getByText(app.dataDir, { exact: true })).toBeVisible();
  await expect(section.getByText(/may be synchronised with other computers \(Syncthing, Nextcloud/)).toBeVisible();

  await section.getByRole('button', { name: 'Move to another folder…' }).click();
  await expect(section.getByRole('status').filter({ hasText: /^Moved the vault to / })).toHaveText(
    `Moved the vault to ${sync}.`,
  );
  await expect(folder.getByText(sync, { exact: true })).toBeVisible();
  expect(app.desktop.calls).toContain('pickFolder');
  await section.screenshot({ path: 'test-results/screenshots/settings-vault-file.png' });

  // On disk: the vault and its previous generation there, the old ones gone, the pointer written.
  const moved = path.join(sync, 'vault.tessera');
  expect(existsSync(moved)).toBe(true);
  expect(existsSync(`${moved}.prev`)).toBe(true);
  expect(existsSync(app.vaultPath)).toBe(false);
  expect(readVaultLocation(app.dataDir)).toBe(moved);
  // "About this vault" names the new file too.
  await expect(settings.getByRole('region', { name: 'About this vault' }).getByText(moved)).toBeVisible();

  // The codes keep working, without the password again; a change is saved in the new place.
  await settings.getByRole('button', { name: 'Close' }).first().click();
  await row(app, 'GitHub', 'alice').click();
  await expect.poll(() => app.clipboard.text).toMatch(/^\d{6}$/);
  const before = readFileSync(moved);
  await addAccount(app, 'GitLab', 'bob');
  await expect.poll(() => readFileSync(moved).equals(before)).toBe(false);
  expect(existsSync(app.vaultPath)).toBe(false);

  // Started again, Tessera opens the vault where it went.
  await app.restart();
  await expect(page.getByText(moved)).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(row(app, 'GitLab', 'bob')).toBeVisible({ timeout: 20_000 });
  await expect(row(app, 'GitHub', 'alice')).toBeVisible();
});
