// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The account menu in Chromium against the built renderer and the real services: a right-click and
 * Shift+F10 open it (placed inside the window; by keyboard on its first item), "Copy next code" puts
 * the next period's code on the clipboard by main's clock, "Tags…" saves the tags, and
 * "Show QR code" shows the account's code only after the master password — its image the one place
 * the secret is, in the page and on the bridge. The accounts are added in main, so no request
 * carries their secrets.
 */
import type { Locator } from '@playwright/test';
import { generateCode, parseOtpauthUri, base32Encode } from '../../electron/otp';
import { expectNoSecretInIpc, fixtureAccounts, seedAccounts, shownQrText } from './export-steps';
import { expect, test, type TestApp } from './fixtures';
import { createVault, PASSWORD, row } from './steps';

/** Main's clock stands still unless a test moves it: the next code is known. */
test.use({ mainClock: 'fake' });

const ACCOUNTS = fixtureAccounts(3);
const [FIRST, SECOND] = ACCOUNTS as [(typeof ACCOUNTS)[0], (typeof ACCOUNTS)[0]];

const ITEMS = [
  'Copy code',
  'Copy next code',
  'Show QR code…',
  'Edit…',
  'Change icon…',
  'Tags…',
  'Add to favourites',
  'Delete…',
];

async function start(app: TestApp): Promise<void> {
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  await seedAccounts(app, ACCOUNTS);
  await expect(row(app, FIRST.issuer, FIRST.account)).toBeVisible();
}

const menuOf = (app: TestApp, issuer: string, account: string): Locator =>
  app.page.getByRole('menu', { name: `Actions for ${issuer}, ${account}` });

/** The menu lies wholly inside the window. */
async function expectInsideWindow(app: TestApp, menu: Locator): Promise<void> {
  const box = await menu.boundingBox();
  const size = app.page.viewportSize();
  if (!box || !size) throw new Error('no menu box or viewport');
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(size.width);
  expect(box.y + box.height).toBeLessThanOrEqual(size.height);
}

test('a right-click opens the menu at the pointer, inside the window; Escape gives the focus back', async ({ app }) => {
  await start(app);
  const page = app.page;
  // The menu's entrance slides it by a few pixels: measure where it settles.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const first = row(app, FIRST.issuer, FIRST.account);
  const box = await first.boundingBox();
  if (!box) throw new Error('no row box');
  await first.click({ button: 'right', position: { x: 60, y: 20 } });
  const menu = menuOf(app, FIRST.issuer, FIRST.account);
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem')).toHaveText(ITEMS);
  await expect(menu).toBeFocused();
  const at = await menu.boundingBox();
  expect(at?.x).toBeCloseTo(box.x + 60, 0);
  expect(at?.y).toBeCloseTo(box.y + 20, 0);
  await expectInsideWindow(app, menu);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Copy code' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(first).toBeFocused();

  // Near the window's bottom right corner: moved in, and above the pointer.
  const size = page.viewportSize();
  if (!size) throw new Error('no viewport');
  await page.setViewportSize({ width: size.width, height: Math.round(box.y + box.height + 40) });
  await first.click({ button: 'right', position: { x: box.width - 4, y: box.height - 4 } });
  await expect(menu).toBeVisible();
  await expectInsideWindow(app, menu);
  // A press elsewhere (the window's top left corner, in the top bar) closes it.
  await page.mouse.click(2, 2);
  await expect(menu).toBeHidden();
});

test('Shift+F10 on a focused row focuses the first item; Copy next code copies the next period’s code', async ({
  app,
}) => {
  await start(app);
  const page = app.page;
  const first = row(app, FIRST.issuer, FIRST.account);
  await first.focus();
  await page.keyboard.press('Shift+F10');
  const menu = menuOf(app, FIRST.issuer, FIRST.account);
  await expect(menu.getByRole('menuitem', { name: 'Copy code' })).toBeFocused();
  await expectInsideWindow(app, menu);
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Copy next code' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();

  const clock = app.clock;
  if (!clock) throw new Error('this test needs the fake main clock');
  const entry = app.services.vault
    .open()
    .entries()
    .find((e) => e.issuer === FIRST.issuer);
  if (!entry) throw new Error('no entry');
  const next = generateCode(entry, clock.now() + 30_000);
  expect(next).not.toBe(generateCode(entry, clock.now()));
  await expect.poll(() => app.clipboard.text).toBe(next);
  await expect(
    page.getByText(
      new RegExp(`^Next code copied for ${FIRST.issuer}, ${FIRST.account} — the clipboard clears in \\d+ s$`),
    ),
  ).toBeVisible();
  await expect(first).toBeFocused();
  const copy = app.ipcLog.find((r) => r.channel === 'codes:copy' && r.direction === 'request');
  expect(copy?.payload).toEqual({ id: entry.id, next: true });

  // The Menu key opens it too, and Tab leaves it.
  await page.keyboard.press('ContextMenu');
  await expect(menu.getByRole('menuitem', { name: 'Copy code' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toBeHidden();
});

test('Tags: a new tag, then one in use from the suggestions, saved in the vault', async ({ app }) => {
  await start(app);
  const page = app.page;
  await row(app, FIRST.issuer, FIRST.account).click({ button: 'right' });
  await menuOf(app, FIRST.issuer, FIRST.account).getByRole('menuitem', { name: 'Tags…' }).click();
  let dialog = page.getByRole('dialog', { name: `Tags of ${FIRST.issuer}, ${FIRST.account}` });
  const field = dialog.getByRole('combobox', { name: 'Tags' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Work');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Remove tag Work' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Tagged ${FIRST.issuer}, ${FIRST.account} Work`)).toBeVisible();

  const second = row(app, SECOND.issuer, SECOND.account);
  await second.focus();
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('t');
  await page.keyboard.press('Enter');
  dialog = page.getByRole('dialog', { name: `Tags of ${SECOND.issuer}, ${SECOND.account}` });
  await page.keyboard.type('wo');
  await expect(dialog.getByRole('option', { name: 'Work' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(second).toBeFocused();
  await expect(second).toHaveAccessibleName(/, tag Work, code/);

  const tags = app.services.vault
    .open()
    .entries()
    .map((e) => [e.issuer, e.tags]);
  expect(tags).toEqual([
    [FIRST.issuer, ['Work']],
    [SECOND.issuer, ['Work']],
    [ACCOUNTS[2]?.issuer, []],
  ]);
});

test('Show QR code: after the master password, the account’s code; nothing secret in the page but the image', async ({
  app,
}) => {
  await start(app);
  const page = app.page;
  const first = row(app, FIRST.issuer, FIRST.account);
  await first.click({ button: 'right' });
  await menuOf(app, FIRST.issuer, FIRST.account).getByRole('menuitem', { name: 'Show QR code…' }).click();
  const dialog = page.getByRole('dialog', { name: `QR code of ${FIRST.issuer}, ${FIRST.account}` });
  await expect(dialog.getByRole('img')).toHaveCount(0);

  const password = dialog.getByLabel('Master password');
  await password.fill('not the password');
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  // Argon2id first: on a busy machine it can outlast the default 5 s.
  await expect(dialog.getByText('The password is wrong.')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('img')).toHaveCount(0);

  await password.fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Show QR code' }).click();
  const image = dialog.getByRole('img', { name: `QR code: ${FIRST.issuer} (${FIRST.account})` });
  await expect(image).toBeVisible({ timeout: 30_000 });
  const authorize = app.ipcLog.filter((r) => r.channel === 'exports:authorize' && r.direction === 'request');
  const id = app.services.vault
    .open()
    .entries()
    .find((e) => e.issuer === FIRST.issuer)?.id;
  expect(authorize.map((r) => (r.payload as { ids?: unknown }).ids)).toEqual([[id], [id]]);

  // The code is this account's link, with its secret.
  const { text } = await shownQrText(dialog);
  const link = parseOtpauthUri(text);
  expect([link.issuer, link.account]).toEqual([FIRST.issuer, FIRST.account]);
  expect(base32Encode(link.params.secret)).toBe(FIRST.base32);

  // The page holds the secret in the image only: not as text, in an attribute or in a field.
  const page_ = await page.evaluate(() => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    for (const img of copy.querySelectorAll('img.export-qr-image')) img.removeAttribute('src');
    const values = [...document.querySelectorAll('input, textarea')].map((f) => (f as HTMLInputElement).value);
    return `${copy.outerHTML}\n${values.join('\n')}`.toLowerCase();
  });
  for (const account of ACCOUNTS) {
    expect(page_).not.toContain(account.base32.toLowerCase());
    expect(page_).not.toContain(Buffer.from(account.secret).toString('hex'));
  }
  expect(page_).not.toContain('otpauth://');
  expect(page_).not.toContain(PASSWORD.toLowerCase());

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `test-results/screenshots/account-qr-${colorScheme}.png` });
  }

  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(first).toBeFocused();
  await expect
    .poll(() => app.ipcLog.filter((r) => r.channel === 'exports:end' && r.direction === 'request').length)
    .toBe(1);
  // Only the image carried the secret across the bridge.
  expectNoSecretInIpc(app, ACCOUNTS);
});

test('screenshots: the open menu, light and dark', async ({ app }) => {
  await start(app);
  const page = app.page;
  await page.setViewportSize({ width: 760, height: 560 });
  await row(app, SECOND.issuer, SECOND.account).focus();
  await page.keyboard.press('Shift+F10');
  await page.keyboard.press('ArrowDown');
  const menu = menuOf(app, SECOND.issuer, SECOND.account);
  await expect(menu).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `test-results/screenshots/account-menu-${colorScheme}.png` });
  }
});
