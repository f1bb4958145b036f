// SPDX-License-Identifier: GPL-3.0-or-later
/** User steps shared by the Chromium specs: create a vault, add an account, find a row. */
import type { Locator } from '@playwright/test';
import { expect, type TestApp } from './fixtures';

export const PASSWORD = 'correct horse battery staple';
/** RFC 6238's SHA1 key in base32; raw bytes "12345678901234567890". */
export const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** The toolbar's "Add account" (the empty state has one too). */
export const addButton = (app: TestApp): Locator =>
  app.page.getByRole('banner').getByRole('button', { name: 'Add account' });

/** Opens the app and creates the vault; stops at the first run's recovery-key offer ("Keep a way back in"). */
export async function createVaultToOffer(app: TestApp): Promise<void> {
  await app.open();
  const page = app.page;
  await expect(page.getByRole('heading', { name: 'Create your vault' })).toBeVisible();
  await page.getByLabel('Master password', { exact: true }).fill(PASSWORD);
  await page.getByLabel('Confirm master password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create vault' }).click();
  // Argon2id runs in a worker; give it room on a loaded CI machine.
  await expect(page.getByRole('heading', { name: 'Keep a way back in' })).toBeVisible({ timeout: 20_000 });
}

/** Opens the app, creates the vault, skips the recovery-key offer and waits for the codes screen. */
export async function createVault(app: TestApp): Promise<void> {
  await createVaultToOffer(app);
  await app.page.getByRole('button', { name: 'Not now' }).click();
  await expect(addButton(app)).toBeVisible();
}

/** Adds a TOTP account through the manual form. */
export async function addAccount(app: TestApp, issuer: string, account: string): Promise<void> {
  const page = app.page;
  await addButton(app).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  await dialog.getByLabel('Issuer', { exact: true }).fill(issuer);
  await dialog.getByLabel('Account', { exact: true }).fill(account);
  await dialog.getByLabel('Secret key').fill(SECRET);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog).toBeHidden();
}

/** The copy button of the row whose name starts with "<issuer>, <account>" (then maybe favourite and tags). */
export const row = (app: TestApp, issuer: string, account: string): Locator =>
  app.page.getByRole('button', {
    name: new RegExp(`^${issuer}, ${account.replace(/[.@]/g, '\\$&')}(, favourite)?(, tags? .+?)?, code`),
  });

/** Issuers in list order, as the page shows them. */
export async function shownIssuers(app: TestApp): Promise<string[]> {
  const labels = await app.page
    .locator('.row-main')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((l) => l.split(',')[0] ?? '');
}

/**
 * The countdown ring image's URL once it is loaded and is not `other`: the images are remade
 * for a theme and published at a frame change, so a screenshot waits for the new one.
 */
export async function ringImage(app: TestApp, other: string | null = null): Promise<string> {
  const image = app.page.locator('.ring-image').first();
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => (img.complete && img.naturalWidth > 0 ? img.src : null)))
    .not.toBe(other);
  const src = await image.getAttribute('src');
  if (src === null || src === other) throw new Error('no ring image');
  return src;
}
