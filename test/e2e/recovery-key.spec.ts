// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key (issue 19) in Chromium against the built renderer and the real services: made in
 * Settings after the master password, read from its dialog, saved through main's save dialog (a
 * 0600 file), checked by typing its last two groups; then "Forgot your password?" on the unlock
 * screen opens the vault with it and a new master password, which alone works from then on. Also
 * the first run's offer, the printed page, removal, and that the key crosses the bridge only in
 * the one answer that shows it.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { expect, test, type TestApp } from './fixtures';
import { addButton, createVault, createVaultToOffer, PASSWORD, row, SECRET } from './steps';

const NEW_PASSWORD = 'mauve tangerine quarry drum';
const KEY_SHAPE = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){8}$/;

/** The key's groups as its list shows them. */
async function shownGroups(dialog: Locator): Promise<string[]> {
  const groups = await dialog.getByRole('list', { name: 'Recovery key' }).getByRole('listitem').allTextContents();
  return groups.map((g) => g.trim());
}

/** Types the last two groups back and presses Done. */
async function confirmCopy(scope: Locator, groups: readonly string[]): Promise<void> {
  const done = scope.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  // As someone copies from paper: lower case, a space between the groups.
  await scope.getByLabel('Type groups 8 and 9 to check your copy').fill(groups.slice(-2).join(' ').toLowerCase());
  await expect(scope.getByText('Your copy matches.')).toBeVisible();
  await done.click();
}

/** Opens Settings at its Recovery key section. */
async function recoverySection(app: TestApp): Promise<{ settings: Locator; section: Locator }> {
  await app.page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('dialog', { name: 'Settings' });
  await settings
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Recovery key' })
    .click();
  return { settings, section: settings.getByRole('region', { name: 'Recovery key' }) };
}

/** Settings › Recovery key › Make…, with the master password: answers the key's dialog and the key. */
async function makeKeyInSettings(app: TestApp): Promise<{ dialog: Locator; key: string; groups: string[] }> {
  const { section } = await recoverySection(app);
  await expect(section.getByText('This vault has no recovery key.')).toBeVisible();
  await section.getByRole('button', { name: 'Make a recovery key…' }).click();
  await section.getByLabel('Master password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Make recovery key' }).click();
  const dialog = app.page.getByRole('dialog', { name: 'Your recovery key' });
  await expect(dialog.getByRole('list', { name: 'Recovery key' })).toBeFocused({ timeout: 20_000 });
  const groups = await shownGroups(dialog);
  const key = groups.join('-');
  expect(key).toMatch(KEY_SHAPE);
  return { dialog, key, groups };
}

async function lock(app: TestApp): Promise<void> {
  await app.page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
  await expect(app.page.getByLabel('Master password')).toBeVisible();
}

/** The unlock screen: types a password; answers once the vault opened or the refusal is shown. */
async function unlockWith(app: TestApp, password: string): Promise<void> {
  const field = app.page.getByLabel('Master password');
  await field.fill(password);
  await app.page.keyboard.press('Enter');
}

/** Whether the key's text (in any spacing) is in what crossed the bridge, per record. */
function recordsWithKey(app: TestApp, key: string): { direction: string; channel: string }[] {
  const compact = key.replace(/-/g, '');
  return app.ipcLog
    .filter((r) => {
      const json = JSON.stringify(r.payload).toUpperCase();
      return json.includes(key) || json.replace(/[\s-]/g, '').includes(compact);
    })
    .map((r) => ({ direction: r.direction, channel: r.channel }));
}

test('make a key in Settings, then forget the password: the key and a new password open the vault', async ({ app }) => {
  const page = app.page;
  await createVault(app);
  await app.services.entries.addUri(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
  await app.services.entries.addUri(`otpauth://totp/Example:bob@example.com?secret=${SECRET}&issuer=Example`);
  await expect(row(app, 'GitHub', 'alice')).toBeVisible();

  const { dialog, key, groups } = await makeKeyInSettings(app);
  expect(groups).toHaveLength(9);
  await page.screenshot({ path: 'test-results/screenshots/recovery-key-dialog.png' });

  // Save as file: main's save dialog (scripted here) and a private file holding the key.
  const file = path.join(app.dataDir, 'Tessera recovery key.txt');
  app.desktop.savePath = file;
  await dialog.getByRole('button', { name: 'Save as file…' }).click();
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved to' })).toContainText(`Saved to ${file}.`);
  expect(app.desktop.calls).toContain('pickSavePath');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(readFileSync(file, 'utf8')).toContain(key);

  await confirmCopy(dialog, groups);
  await expect(dialog).toBeHidden();
  // Back in Settings, on the button that made it; the section says the vault has a key now.
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await expect(settings.getByRole('button', { name: 'Make a new recovery key…' })).toBeFocused();
  await expect(settings.getByText('This vault has a recovery key.')).toBeVisible();
  // Done told main to forget the key: there is nothing left to save.
  expect((await app.services.vault.status()).status).toBe('unlocked');
  await expect(app.services.recoveryKeys.save()).rejects.toThrow();
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  await lock(app);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Use your recovery key' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Recovery key' })).toBeFocused();
  // Typed as it might be copied from paper: lower case, spaces instead of dashes.
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(key.toLowerCase().replace(/-/g, ' '));
  await page.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new master password').fill(NEW_PASSWORD);
  await page.screenshot({ path: 'test-results/screenshots/recovery-key-unlock.png' });
  await page.getByRole('button', { name: 'Set password and unlock' }).click();

  await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
  await expect(row(app, 'Example', 'bob@example.com')).toBeVisible();
  await expect(
    page.getByText(/^Your new master password is set: use it from now on\. Your recovery key still works/),
  ).toBeVisible();

  // From now on the old password opens nothing, the new one does.
  await lock(app);
  await unlockWith(app, PASSWORD);
  await expect(
    page.getByText('That password did not open the vault. Check it (and Caps Lock) and try again.'),
  ).toBeVisible({
    timeout: 20_000,
  });
  await unlockWith(app, NEW_PASSWORD);
  await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });

  // The key crossed the bridge in one place only: the answer that showed it. The typed key went
  // once to main (the recover request); no event, no other answer carried it.
  expect(recordsWithKey(app, key)).toEqual([
    { direction: 'response', channel: 'vault:create-recovery-key' },
    { direction: 'request', channel: 'vault:recover' },
  ]);
  const html = await page.content();
  expect(html.toUpperCase()).not.toContain(key);
  expect(html.toUpperCase()).not.toContain(groups.slice(0, 4).join(' '));
});

test('the recovery key keeps working after a recovery; a wrong or mistyped key is refused in plain words', async ({
  app,
}) => {
  const page = app.page;
  await createVault(app);
  const { dialog, key, groups } = await makeKeyInSettings(app);
  await confirmCopy(dialog, groups);
  await page.keyboard.press('Escape');
  await lock(app);

  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  const keyField = page.getByRole('textbox', { name: 'Recovery key' });
  const fillPasswords = async (): Promise<void> => {
    await page.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Confirm new master password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Set password and unlock' }).click();
  };

  // A typo: the check group catches it, said on the key field.
  const last = groups.at(-1) ?? '';
  const typo = [...groups.slice(0, 8), `${last.slice(0, 3)}${last[3] === '0' ? '1' : '0'}`].join('-');
  await keyField.fill(typo);
  await fillPasswords();
  await expect(page.locator('#recover-key-error')).toHaveText(/typo/);
  await expect(keyField).toHaveAttribute('aria-invalid', 'true');
  await expect(keyField).toBeFocused();

  // A group missing.
  await keyField.fill(groups.slice(0, 8).join('-'));
  await fillPasswords();
  await expect(page.locator('#recover-key-error')).toHaveText(/9 groups of 4 characters/);

  // Back to the password, and in again with the key: it still works after a recovery.
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Master password')).toBeFocused();
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await keyField.fill(key);
  await fillPasswords();
  await expect(addButton(app)).toBeVisible({ timeout: 20_000 });
  await lock(app);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await keyField.fill(key);
  await page.getByLabel('New master password', { exact: true }).fill(`${NEW_PASSWORD} again`);
  await page.getByLabel('Confirm new master password').fill(`${NEW_PASSWORD} again`);
  await page.getByRole('button', { name: 'Set password and unlock' }).click();
  await expect(addButton(app)).toBeVisible({ timeout: 20_000 });
});

test('first run: "Keep a way back in" makes the key with the new password; it can be printed on a page of its own', async ({
  app,
}) => {
  const page = app.page;
  await createVaultToOffer(app);
  await expect(page.getByRole('button', { name: 'Make a recovery key' })).toBeFocused();
  await page.getByRole('button', { name: 'Make a recovery key' }).click();
  await expect(page.getByRole('heading', { name: 'Your recovery key' })).toBeVisible({ timeout: 20_000 });
  const card = page.getByRole('main');
  const groups = await shownGroups(card);
  const key = groups.join('-');
  expect(key).toMatch(KEY_SHAPE);

  // The printed page: only the key's page on paper, the key on it; on screen it is hidden.
  const printPage = page.getByTestId('recovery-print');
  await expect(printPage).toBeHidden();
  await page.emulateMedia({ media: 'print' });
  await expect(printPage).toBeVisible();
  await expect(printPage).toContainText(groups.join(' '));
  await expect(page.locator('#root')).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/recovery-key-print.png' });
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('#root')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `test-results/screenshots/recovery-key-first-run-${colorScheme}.png` });
  }

  // Leaving before the check asks first; staying keeps the key.
  await page.getByRole('button', { name: 'Continue without checking' }).click();
  const question = page.getByRole('group', { name: 'Did you keep your recovery key?' });
  await expect(question.getByRole('button', { name: 'Stay' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toBeHidden();
  await confirmCopy(card, groups);
  await expect(addButton(app)).toBeVisible();
  await expect(page.getByTestId('recovery-print')).toHaveCount(0);

  const status = await app.services.vault.status();
  expect(status.status === 'unlocked' && status.recoveryKey).toBe(true);
  // The first run's password went to main twice (create, then the key) and came back never.
  const requests = app.ipcLog.filter((r) => r.direction === 'request' && JSON.stringify(r.payload).includes(PASSWORD));
  expect(requests.map((r) => r.channel)).toEqual(['vault:create', 'vault:create-recovery-key']);
  expect(JSON.stringify(app.ipcLog.filter((r) => r.direction !== 'request'))).not.toContain(PASSWORD);
});

test('removing the key in Settings: after the master password, the key opens nothing', async ({ app }) => {
  const page = app.page;
  await createVault(app);
  const { dialog, key, groups } = await makeKeyInSettings(app);
  await confirmCopy(dialog, groups);
  const settings = page.getByRole('dialog', { name: 'Settings' });
  const section = settings.getByRole('region', { name: 'Recovery key' });
  await section.getByRole('button', { name: 'Remove recovery key…' }).click();
  await expect(section.getByRole('note')).toContainText('only your master password opens this vault');
  await section.getByLabel('Master password').fill('not the password');
  await section.getByRole('button', { name: 'Remove recovery key' }).click();
  await expect(section.getByText('The password is wrong.')).toBeVisible({ timeout: 20_000 });
  await section.getByLabel('Master password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Remove recovery key' }).click();
  await expect(section.getByText('This vault has no recovery key.')).toBeVisible({ timeout: 20_000 });
  await expect(section.getByRole('button', { name: 'Make a recovery key…' })).toBeFocused();
  await page.keyboard.press('Escape');

  await lock(app);
  await page.getByRole('button', { name: 'Forgot your password?' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).fill(key);
  await page.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByLabel('Confirm new master password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password and unlock' }).click();
  await expect(page.locator('#recover-key-error')).toHaveText(/no recovery key|does not open this vault/, {
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Back' }).click();
  await unlockWith(app, PASSWORD);
  await expect(addButton(app)).toBeVisible({ timeout: 20_000 });
});
