// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Quick unlock (issue 19, part 2) in Chromium against the built renderer and the real services,
 * with a fake OS keyring (test/e2e/harness.ts: sealing is a marker and base64): a PIN set up in
 * Settings after the master password opens the locked vault; five wrong PINs switch it off, the
 * unlock screen says why and the master password still works; across a restart of Tessera the PIN
 * is refused until the master password is used ("Ask for the master password after Tessera
 * restarts", the default) or still works (that setting off); Touch ID where the Mac has it; and
 * where Linux has no keyring (`basic_text`), Settings says so and offers nothing.
 */
import type { Locator } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { QUICK_UNLOCK_FILE_NAME } from '../../electron/services/quick-unlock-service';
import { BASIC_TEXT_REASON, FakePresence, FakeSecretStore } from './harness';
import { expect, test, type TestApp } from './fixtures';
import { addButton, createVault, PASSWORD, row, SECRET } from './steps';

const PIN = '482916';

/** The section's sentence saying whether quick unlock is on (the busy note is a status too). */
const stateOf = (section: Locator): Locator => section.getByRole('status').filter({ hasText: /^Quick unlock/ });

/** Opens Settings at its Quick unlock section. */
async function quickUnlockSection(app: TestApp): Promise<{ settings: Locator; section: Locator }> {
  await app.page.getByRole('banner').getByRole('button', { name: 'Settings' }).click();
  const settings = app.page.getByRole('dialog', { name: 'Settings' });
  await settings
    .getByRole('navigation', { name: 'Settings sections' })
    .getByRole('button', { name: 'Quick unlock' })
    .click();
  return { settings, section: settings.getByRole('region', { name: 'Quick unlock' }) };
}

/** The checkbox of the "until restart" policy in the Quick unlock section. */
const untilRestartBox = (section: Locator): Locator =>
  section.getByRole('checkbox', { name: 'Ask for the master password after Tessera restarts' });

/**
 * Settings › Quick unlock › Set up, with a PIN typed twice and the master password; closes Settings.
 * `untilRestart`: whether "Ask for the master password after Tessera restarts" is on (the default).
 */
async function setUpPin(
  app: TestApp,
  pin: string,
  { untilRestart = true }: { untilRestart?: boolean } = {},
): Promise<void> {
  const { settings, section } = await quickUnlockSection(app);
  await expect(stateOf(section)).toHaveText('Quick unlock is off.');
  await section.getByRole('button', { name: 'Set up quick unlock…' }).click();
  await expect(section.getByLabel('PIN', { exact: true })).toBeFocused();
  await section.getByLabel('PIN', { exact: true }).fill(pin);
  await section.getByLabel('Type the PIN again').fill(pin);
  await section.screenshot({ path: 'test-results/screenshots/quick-unlock-setup.png' });
  await section.getByRole('button', { name: 'Next' }).click();
  await expect(section.getByLabel('Master password', { exact: true })).toBeFocused();
  await section.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await section.getByRole('button', { name: 'Switch on quick unlock' }).click();
  // The master password and the PIN each cost an Argon2id run in main.
  const on = untilRestart
    ? /^Quick unlock is on, with a PIN\. It works until Tessera restarts/
    : /^Quick unlock is on, with a PIN\. It works until (?!Tessera restarts)/;
  await expect(stateOf(section)).toHaveText(on, { timeout: 20_000 });
  await expect(section.getByRole('button', { name: 'Switch off' })).toBeFocused();
  await section.screenshot({ path: 'test-results/screenshots/quick-unlock-on.png' });
  await app.page.keyboard.press('Escape');
  await expect(settings).toBeHidden();
}

async function lock(app: TestApp): Promise<void> {
  await app.page.getByRole('banner').getByRole('button', { name: 'Lock' }).click();
  await expect(app.page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
}

/** Types the PIN on the unlock screen and waits for the codes. */
async function unlockWithPin(app: TestApp, pin: string): Promise<void> {
  const field = app.page.getByLabel('PIN', { exact: true });
  await expect(field).toBeFocused();
  await field.fill(pin);
  await app.page.keyboard.press('Enter');
  await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
}

/** Whether quick unlock's material is on disk in the data folder (with "until restart" it is in memory only). */
const materialOnDisk = (app: TestApp): boolean => existsSync(path.join(app.dataDir, QUICK_UNLOCK_FILE_NAME));

/** Creates the vault with one account, ready to lock. */
async function vaultWithAccount(app: TestApp): Promise<void> {
  await createVault(app);
  await app.services.entries.addUri(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
  await expect(row(app, 'GitHub', 'alice')).toBeVisible();
}

test.describe('with a keyring', () => {
  test.use({ mainQuickUnlock: 'keyring' });

  test('set up a PIN in Settings, lock, and unlock with the PIN', async ({ app }) => {
    const page = app.page;
    await vaultWithAccount(app);
    const { section } = await quickUnlockSection(app);
    await expect(section).toContainText(
      'Open Tessera on this computer with a short PIN instead of the master password. Anyone who knows the PIN and uses this computer account can open the vault; 5 wrong PINs switch it off.',
    );
    // The policies are settings, saved by main; they apply to the next setup.
    const days = section.getByRole('spinbutton', { name: 'Ask for the master password every (days)' });
    await expect(days).toHaveValue('14');
    await days.fill('30');
    await days.press('Enter');
    await expect.poll(() => app.services.settings.view().settings.quickUnlockEveryDays).toBe(30);
    await expect(
      section.getByRole('checkbox', { name: 'Ask for the master password after Tessera restarts' }),
    ).toBeChecked();
    await page.keyboard.press('Escape');

    await setUpPin(app, PIN);
    const status = await app.services.quickUnlock.status();
    expect(status).toMatchObject({ enabled: true, method: 'pin', untilRestart: true, attemptsLeft: 5 });
    // Thirty days from now, as chosen before the setup.
    expect((status.expiresAt ?? 0) - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    expect(app.quickUnlock?.store).toBeInstanceOf(FakeSecretStore);
    expect((app.quickUnlock?.store as FakeSecretStore).calls).toContain('seal');

    await lock(app);
    const pin = page.getByLabel('PIN', { exact: true });
    await expect(pin).toBeFocused();
    await expect(page.getByText('You locked Tessera.')).toBeVisible();
    await expect(page.getByLabel('Master password')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Forgot your password?' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/quick-unlock-pin.png' });
    await pin.fill(PIN);
    await page.keyboard.press('Enter');
    await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
    expect((app.quickUnlock?.store as FakeSecretStore).calls).toContain('unseal');

    // The PIN crossed only in the two requests that carry it, never back to the window.
    const withPin = app.ipcLog.filter((r) => JSON.stringify(r.payload).includes(PIN));
    expect(withPin.map((r) => `${r.direction} ${r.channel}`)).toEqual([
      'request quick-unlock:enable',
      'request quick-unlock:unlock',
    ]);

    // "Use the master password instead" works too, and back.
    await lock(app);
    await page.getByRole('button', { name: 'Use the master password instead' }).click();
    await expect(page.getByLabel('Master password')).toBeFocused();
    await page.getByRole('button', { name: 'Use your PIN instead' }).click();
    await expect(page.getByLabel('PIN', { exact: true })).toBeFocused();
    await page.getByRole('button', { name: 'Use the master password instead' }).click();
    await page.getByLabel('Master password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(addButton(app)).toBeVisible({ timeout: 20_000 });

    // Switch off: the next lock asks for the master password alone.
    const again = await quickUnlockSection(app);
    await again.section.getByRole('button', { name: 'Switch off' }).click();
    await expect(stateOf(again.section)).toHaveText('Quick unlock is off.');
    await expect(again.section.getByRole('button', { name: 'Set up quick unlock…' })).toBeFocused();
    await page.keyboard.press('Escape');
    await lock(app);
    await expect(page.getByLabel('Master password')).toBeFocused();
    await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
  });

  test('5 wrong PINs switch quick unlock off; the screen says why and the master password still works', async ({
    app,
  }) => {
    const page = app.page;
    await vaultWithAccount(app);
    await setUpPin(app, PIN);
    await lock(app);

    const pin = page.getByLabel('PIN', { exact: true });
    for (let left = 4; left >= 1; left--) {
      await pin.fill('000000');
      await page.keyboard.press('Enter');
      // Main's words say the tries left.
      await expect(page.getByRole('alert')).toContainText(`${left} ${left === 1 ? 'try is' : 'tries are'} left`, {
        timeout: 20_000,
      });
      await expect(pin).toBeFocused();
      await expect(pin).toHaveValue('');
    }
    await pin.fill('000000');
    await page.keyboard.press('Enter');

    // Off: the master password form, with main's sentence once above it.
    const password = page.getByLabel('Master password');
    await expect(password).toBeFocused({ timeout: 20_000 });
    await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Use your PIN instead' })).toHaveCount(0);
    const status = await app.services.quickUnlock.status();
    expect(status.enabled).toBe(false);
    expect(status.lapsedReason).toMatch(/5 wrong PINs/);
    const said = page.getByText(status.lapsedReason ?? '', { exact: true });
    await expect(said).toHaveCount(1);
    await expect(said).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/quick-unlock-lapsed.png' });
    await expect(page.getByRole('button', { name: 'Forgot your password?' })).toBeVisible();

    await password.fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
    // The PIN no longer opens anything: quick unlock must be set up again.
    await expect(app.services.quickUnlock.unlock(PIN)).rejects.toThrow();
  });
});

test.describe('across a restart of Tessera', () => {
  test.use({ mainQuickUnlock: 'keyring' });

  test("quick unlock across a restart with 'ask after restart' on → refused until the master password", async ({
    app,
  }) => {
    const page = app.page;
    await vaultWithAccount(app);
    await setUpPin(app, PIN);
    expect(await app.services.quickUnlock.status()).toMatchObject({ enabled: true, method: 'pin', untilRestart: true });
    // Kept in memory only: nothing of it is on disk to survive the restart.
    expect(materialOnDisk(app)).toBe(false);

    // Before the restart the PIN opens the vault (the setup worked).
    await lock(app);
    await unlockWithPin(app, PIN);
    await lock(app);

    await app.restart();
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
    // Quick unlock is off: the master password form alone, no PIN, no way to it, and no lapse sentence.
    await expect(page.getByLabel('Master password')).toBeVisible();
    await expect(page.getByLabel('PIN', { exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Use your PIN instead' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Use the master password instead' })).toHaveCount(0);
    await expect(page.locator('.quick-lapsed')).toHaveCount(0);
    const status = await app.services.quickUnlock.status();
    expect(status).toMatchObject({
      available: true,
      enabled: false,
      method: null,
      untilRestart: false,
      attemptsLeft: null,
      lapsedReason: null,
    });
    // Main refuses the PIN too, and the vault stays locked.
    await expect(app.services.quickUnlock.unlock(PIN)).rejects.toThrow(/not set up/);
    expect(app.services.vault.isUnlocked()).toBe(false);

    await page.getByLabel('Master password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
    // The master password does not bring the old PIN back: quick unlock must be set up again.
    const { section } = await quickUnlockSection(app);
    await expect(stateOf(section)).toHaveText('Quick unlock is off.');
    await expect(section.getByRole('button', { name: 'Set up quick unlock…' })).toBeVisible();
    expect((await app.services.quickUnlock.status()).enabled).toBe(false);
  });

  test("with 'ask after restart' off, the PIN still opens the vault after a restart", async ({ app }) => {
    const page = app.page;
    await vaultWithAccount(app);
    const { settings, section } = await quickUnlockSection(app);
    const box = untilRestartBox(section);
    await expect(box).toBeChecked();
    await box.uncheck();
    await expect.poll(() => app.services.settings.view().settings.quickUnlockUntilRestart).toBe(false);
    await expect(box).not.toBeChecked();
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    await setUpPin(app, PIN, { untilRestart: false });
    expect(await app.services.quickUnlock.status()).toMatchObject({
      enabled: true,
      method: 'pin',
      untilRestart: false,
      attemptsLeft: 5,
    });
    // Kept on disk (sealed by the keyring), so it outlives the app.
    expect(materialOnDisk(app)).toBe(true);
    await lock(app);

    await app.restart();
    await expect(page.getByRole('heading', { name: 'Unlock Tessera' })).toBeVisible();
    expect(await app.services.quickUnlock.status()).toMatchObject({ enabled: true, method: 'pin', attemptsLeft: 5 });
    await expect(page.getByLabel('Master password')).toHaveCount(0);
    await unlockWithPin(app, PIN);
  });
});

test.describe('with Touch ID', () => {
  test.use({ mainQuickUnlock: 'keyring+touch-id' });

  test('set up with Touch ID, then “Unlock with Touch ID” above the password form', async ({ app }) => {
    const page = app.page;
    await vaultWithAccount(app);
    const presence = app.quickUnlock?.presence as FakePresence;
    const { settings, section } = await quickUnlockSection(app);
    await section.getByRole('button', { name: 'Set up quick unlock…' }).click();
    await section.getByRole('radio', { name: 'Touch ID' }).check();
    await expect(section.getByLabel('PIN', { exact: true })).toHaveCount(0);
    await section.getByRole('button', { name: 'Next' }).click();
    await section.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(stateOf(section)).toHaveText(/^Quick unlock is on, with Touch ID\./, { timeout: 20_000 });
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    await lock(app);
    const touch = page.getByRole('button', { name: 'Unlock with Touch ID' });
    await expect(touch).toBeVisible();
    await expect(page.getByLabel('Master password')).toBeFocused();
    presence.answer = 'no';
    await touch.click();
    await expect(page.getByRole('alert')).toHaveText(
      'Touch ID did not confirm it was you. Try again, or use the master password.',
    );
    presence.answer = 'yes';
    await touch.click();
    await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
    expect(presence.reasons.length).toBeGreaterThanOrEqual(3);
  });
});

test.describe('without a keyring (Linux basic_text)', () => {
  test.use({ mainQuickUnlock: 'basic-text' });

  test('Settings says why and offers no setup; the unlock screen asks for the master password', async ({ app }) => {
    await vaultWithAccount(app);
    const { settings, section } = await quickUnlockSection(app);
    await expect(section.getByRole('status')).toHaveText(BASIC_TEXT_REASON);
    await expect(section.getByRole('button')).toHaveCount(0);
    await expect(section.getByRole('checkbox')).toHaveCount(0);
    await expect(section.getByRole('spinbutton')).toHaveCount(0);
    await expect(section).toHaveText(`Quick unlock${BASIC_TEXT_REASON}`);
    await app.page.keyboard.press('Escape');
    await expect(settings).toBeHidden();
    await lock(app);
    await expect(app.page.getByLabel('Master password')).toBeFocused();
    await expect(app.page.getByLabel('PIN', { exact: true })).toHaveCount(0);
  });
});
