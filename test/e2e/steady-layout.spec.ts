// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Nothing jumps under the pointer: the Create-vault card keeps its place and its button while the
 * strength verdict and advice change with each key, and the Add dialog keeps its size from one tab
 * to the other.
 */
import { expect, test } from './fixtures';
import { addButton, createVault } from './steps';

for (const width of [1280, 420]) {
  test(`at ${width} px the Create-vault card and its button stay put while the password is typed`, async ({ app }) => {
    const page = app.page;
    await page.setViewportSize({ width, height: 800 });
    await app.open();
    const card = page.locator('.auth-card');
    const create = page.getByRole('button', { name: 'Create vault' });
    const field = page.getByLabel('Master password', { exact: true });
    await expect(create).toBeVisible();
    const where = async () => ({ card: (await card.boundingBox())?.y, button: (await create.boundingBox())?.y });
    const start = await where();
    for (const password of [
      'a',
      'password',
      'tessera1',
      'Tr0ub4dor&3',
      'correct horse',
      'correct horse battery staple',
    ]) {
      await field.fill(password);
      await expect(page.locator('.strength')).toHaveAttribute('data-score', /\d/);
      expect(await where(), password).toEqual(start);
    }
  });
}

test('the Add dialog keeps its size when switching tabs', async ({ app }) => {
  await createVault(app);
  const page = app.page;
  await addButton(app).click();
  const dialog = page.getByRole('dialog', { name: 'Add account' });
  const box = async () => {
    const b = await dialog.boundingBox();
    return b && { y: Math.round(b.y), height: Math.round(b.height) };
  };
  const manual = await box();
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await expect(dialog.getByRole('tab', { name: 'Paste link' })).toHaveAttribute('aria-selected', 'true');
  expect(await box()).toEqual(manual);
  await dialog.getByRole('tab', { name: 'Enter details' }).click();
  expect(await box()).toEqual(manual);
  // What was typed in a tab is still there when coming back to it.
  await dialog.getByLabel('Issuer', { exact: true }).fill('GitHub');
  await dialog.getByRole('tab', { name: 'Paste link' }).click();
  await dialog.getByRole('tab', { name: 'Enter details' }).click();
  await expect(dialog.getByLabel('Issuer', { exact: true })).toHaveValue('GitHub');
});
