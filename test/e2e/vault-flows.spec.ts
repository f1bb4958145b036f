// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What a user does, in Chromium against the built renderer and the real main-process services:
 * create a vault, get a wrong password refused, unlock, add accounts, copy a code, lock.
 */
import { expect, test, type TestApp } from './fixtures';

const PASSWORD = 'correct horse battery staple';
// RFC 6238's SHA1 key in base32; raw bytes "12345678901234567890".
const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

async function createVault(app: TestApp): Promise<void> {
  await app.open();
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  // Argon2id runs in a worker; give it room on a loaded CI machine. Then the recovery-key offer, skipped.
  await page.getByRole('button', { name: 'Not now' }).click({ timeout: 20_000 });
  await expect(addButton(app)).toBeVisible();
}

/** The toolbar's "Add account" (the empty state has one too). */
const addButton = (app: TestApp) => app.page.getByRole('banner').getByRole('button', { name: 'Add account' });

async function addManually(app: TestApp, issuer: string, account: string): Promise<void> {
  const page = app.page;
  await addButton(app).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Issuer', { exact: true }).fill(issuer);
  await dialog.getByLabel('Account', { exact: true }).fill(account);
  await dialog.getByLabel('Secret key').fill(SECRET);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden();
}

test.describe('vault flows', () => {
  test('first run: mismatched confirmation is refused before anything is sent', async ({ app }) => {
    await app.open();
    await app.page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
    await app.page.getByLabel('Confirm master password').fill(PASSWORD + 'x');
    await app.page.getByRole('button', { name: 'Create vault' }).click();
    await expect(app.page.getByText(/do not match|don't match/i)).toBeVisible();
    expect(app.ipcLog.some((r) => r.channel === 'vault:create')).toBe(false);
  });

  test('create, lock, wrong password, unlock', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await page.getByRole('button', { name: 'Lock' }).click();
    const password = page.getByLabel('Master password');
    await expect(password).toBeFocused();
    await password.fill('not the password');
    await page.keyboard.press('Enter');
    await expect(page.getByText(/wrong password|did not open|incorrect/i)).toBeVisible();
    await expect(password).toHaveValue('');
    await password.fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(addButton(app)).toBeVisible({ timeout: 20_000 });
  });

  test('add manually and by link, copy a code, clipboard cleared on lock', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await addManually(app, 'Example', 'alice@example.com');

    await addButton(app).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByRole('tab', { name: /link/i }).click();
    await dialog
      .getByLabel('otpauth:// link')
      .fill(`otpauth://totp/GitHub:bob?secret=${SECRET}&issuer=GitHub&digits=8`);
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog).toBeHidden();

    const row = page.getByRole('button', { name: /^GitHub, bob, code \d{4} \d{4}/ });
    await expect(row).toBeVisible();
    await expect(page.getByRole('button', { name: /^Example, alice@example\.com, code \d{3} \d{3}/ })).toBeVisible();

    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/codes-${colorScheme}.png` });
    }

    await row.click();
    await expect(page.getByText(/^Copied the code of .* — the clipboard clears in 20 s$/)).toBeVisible();
    expect(app.clipboard.text).toMatch(/^\d{8}$/);
    const label = (await row.getAttribute('aria-label')) ?? '';
    expect(label.replace(/\s/g, '')).toContain(app.clipboard.text);

    await page.keyboard.press('Control+L');
    await expect(page.getByLabel('Master password')).toBeVisible();
    expect(app.clipboard.text).toBe('');
  });

  test('a bad secret is refused with the field named and nothing is added', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await addButton(app).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Issuer', { exact: true }).fill('Broken');
    await dialog.getByLabel('Account', { exact: true }).fill('x');
    await dialog.getByLabel('Secret key').fill('not base32 at all!');
    await dialog.getByRole('button', { name: 'Add account' }).click();
    await expect(dialog.getByText(/secret/i).first()).toBeVisible();
    await expect(dialog).toBeVisible();
    expect(app.services.entries.list()).toEqual([]);
  });

  test('no IPC payload seen by the page carries the secret', async ({ app }) => {
    await createVault(app);
    await addManually(app, 'Example', 'alice');
    await app.page.getByRole('button', { name: /^Example, alice, code/ }).click();
    await app.page.keyboard.press('Control+L');
    await expect(app.page.getByLabel('Master password')).toBeVisible();

    const rawHex = Buffer.from('12345678901234567890').toString('hex');
    // Requests legitimately carry the secret once (the add form); responses and events never do.
    const toPage = app.ipcLog.filter((r) => r.direction !== 'request');
    expect(toPage.length).toBeGreaterThan(5);
    const seen = JSON.stringify(toPage);
    expect(seen).not.toContain(SECRET);
    expect(seen.toLowerCase()).not.toContain(rawHex);
    expect(seen).not.toContain('12345678901234567890');
    expect(seen).not.toContain(PASSWORD);
    const html = await app.page.content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(PASSWORD);
  });
});
