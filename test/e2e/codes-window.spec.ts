// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes window's flows in Chromium against the built renderer and the real services: edit,
 * delete and undo, reorder, search + Enter, the live preview, settings that survive a reload, and
 * the locks (idle with a controllable clock, suspend). Screenshots go to test-results/screenshots/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { addAccount, createVault, PASSWORD, ringImage, row, SECRET, shownIssuers } from './steps';

test.describe('codes window', () => {
  test('edit an account: names, tags, notes and favourite are saved', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'Alpha', 'one');
    await addAccount(app, 'Bravo', 'two');
    const page = app.page;
    await page.getByRole('button', { name: 'Edit Bravo, two' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Bravo, two' });
    await dialog.getByLabel('Issuer').fill('Bravo Bank');
    const tags = dialog.getByRole('combobox', { name: 'Tags' });
    await tags.fill('Money');
    await tags.press('Enter');
    await tags.fill('Bills,');
    await dialog.getByLabel('Notes').fill('recovery codes in the safe');
    await dialog.getByLabel('Favourite (shown at the top)').check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toBeHidden();
    await expect(row(app, 'Bravo Bank', 'two')).toBeVisible();
    expect(await shownIssuers(app)).toEqual(['Bravo Bank', 'Alpha']);
    expect(app.services.entries.list().find((e) => e.issuer === 'Bravo Bank')).toMatchObject({
      tags: ['Money', 'Bills'],
      notes: 'recovery codes in the safe',
      favourite: true,
    });
    // The tag filter offers the new tags.
    await page.getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name: 'Money' }).click();
    expect(await shownIssuers(app)).toEqual(['Bravo Bank']);
  });

  test('delete, then undo: the account comes back; a lock keeps an account being deleted', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'Alpha', 'one');
    await addAccount(app, 'Bravo', 'two');
    const page = app.page;
    await page.getByRole('button', { name: 'Delete Alpha, one' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(row(app, 'Alpha', 'one')).toBeHidden();
    expect(app.services.entries.list().map((e) => e.issuer)).toEqual(['Bravo']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(row(app, 'Alpha', 'one')).toBeVisible();
    await expect(page.getByText('Restored Alpha, one')).toBeVisible();
    expect(app.services.entries.list().map((e) => e.issuer)).toEqual(['Alpha', 'Bravo']);

    // Delete again and lock within the undo time: the account is kept, and the unlock screen says so.
    await page.getByRole('button', { name: 'Delete Alpha, one' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(row(app, 'Alpha', 'one')).toBeHidden();
    await page.keyboard.press('Control+L');
    await expect(page.getByText(/An account you were deleting was kept/)).toBeVisible();
    await page.getByLabel('Master password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await expect(row(app, 'Alpha', 'one')).toBeVisible({ timeout: 20_000 });
  });

  test('reorder by keyboard (Alt+↓) and by dragging the grip', async ({ app }) => {
    await createVault(app);
    for (const issuer of ['Alpha', 'Bravo', 'Charlie']) await addAccount(app, issuer, 'x');
    const page = app.page;
    await row(app, 'Alpha', 'x').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => shownIssuers(app)).toEqual(['Bravo', 'Alpha', 'Charlie']);
    await expect(row(app, 'Alpha', 'x')).toBeFocused();
    await expect.poll(() => app.services.entries.list().map((e) => e.issuer)).toEqual(['Bravo', 'Alpha', 'Charlie']);

    const grip = page.locator('li.row', { has: row(app, 'Charlie', 'x') }).locator('.row-grip');
    const target = page.locator('li.row', { has: row(app, 'Bravo', 'x') });
    await grip.dragTo(target, { targetPosition: { x: 40, y: 5 } });
    await expect.poll(() => shownIssuers(app)).toEqual(['Charlie', 'Bravo', 'Alpha']);
    await expect.poll(() => app.services.entries.list().map((e) => e.issuer)).toEqual(['Charlie', 'Bravo', 'Alpha']);
  });

  test('search as you type, then Enter copies the selected code', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    await addAccount(app, 'Bank', 'bob');
    const page = app.page;
    await page.keyboard.press('Control+F');
    await page.keyboard.type('bank');
    await expect(row(app, 'GitHub', 'alice')).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(page.getByText(/^Copied the code of .* — the clipboard clears in 20 s$/)).toBeVisible();
    const label = (await row(app, 'Bank', 'bob').getAttribute('aria-label')) ?? '';
    expect(app.clipboard.text).toMatch(/^\d{6}$/);
    expect(label.replace(/\s/g, '')).toContain(app.clipboard.text);
    // Using the window counts as activity for the idle lock.
    expect(app.ipcLog.some((r) => r.direction === 'request' && r.channel === 'app:activity')).toBe(true);
  });

  test('the add form previews the code main computes, and only the code comes back', async ({ app }) => {
    await createVault(app);
    const page = app.page;
    await page.getByRole('banner').getByRole('button', { name: 'Add account' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add account' });
    await dialog.getByLabel('Secret key').fill(SECRET);
    const preview = dialog.getByTestId('code-preview');
    await expect(preview).toHaveText(/^\d{3} \d{3}$/);
    const previews = app.ipcLog.filter((r) => r.channel === 'codes:preview' && r.direction === 'response');
    expect(previews.length).toBeGreaterThan(0);
    expect(JSON.stringify(previews)).not.toContain(SECRET);
    const shown = (await preview.textContent())?.replace(' ', '');
    expect(JSON.stringify(previews.at(-1)?.payload)).toContain(shown);
  });

  test('settings are saved in the data folder and survive a reload', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    const page = app.page;
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByLabel('Dark').check();
    await dialog.getByLabel('Clear copied codes after').selectOption('45');
    await dialog.getByLabel('Hide codes until revealed').check();
    await dialog.getByLabel('Lock after inactivity').selectOption('15');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => app.services.settings.view().settings.autoLockMinutes).toBe(15);
    const file = JSON.parse(readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8'));
    expect(file).toMatchObject({ theme: 'dark', clipboardClearSeconds: 45, hideCodes: true, autoLockMinutes: 15 });

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: 'GitHub, alice, code hidden, press to reveal' })).toBeVisible();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(dialog.getByLabel('Clear copied codes after')).toHaveValue('45');
    await expect(dialog.getByLabel('Lock after inactivity')).toHaveValue('15');
    await expect(dialog.getByLabel('Dark')).toBeChecked();
    // The harness's vault is at the floor (2 passes, 64 MiB): said plainly, with this computer's cost.
    await expect(
      dialog.getByText(
        /^Moderate: each guess at your master password costs .* of work for this computer and 64 MB of memory/,
      ),
    ).toBeVisible();
  });

  test('countdown rings: one animated image per period, stepping by itself, repainted for the theme', async ({
    app,
  }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    await addAccount(app, 'Bank', 'bob');
    const page = app.page;
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await ringImage(app);
    const rings = page.locator('.ring-image');
    expect(await rings.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((i) => [i.src, i.naturalWidth]))).toEqual([
      [light, 36],
      [light, 36],
    ]);
    // No CSS or Web Animation in the list keeps the compositor busy (a toast may still be leaving);
    // the image changes by itself each second.
    const listAnimations = (): Promise<number> =>
      page.evaluate(
        () =>
          document
            .getAnimations()
            .filter((a) => a.effect instanceof KeyframeEffect && a.effect.target?.closest('.code-list')).length,
      );
    expect(await listAnimations()).toBe(0);
    const ring = page.locator('.ring').first();
    const before = await ring.screenshot();
    await expect.poll(async () => (await ring.screenshot()).equals(before), { intervals: [400] }).toBe(false);

    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await ringImage(app, light);
    expect(dark).toMatch(/^blob:/);
    expect(await rings.evaluateAll((imgs: HTMLImageElement[]) => imgs.map((i) => i.src))).toEqual([dark, dark]);
  });

  test('screenshots: the codes screen and the settings, light and dark', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice@example.com');
    await addAccount(app, 'Bank', 'bob');
    await app.services.entries.update(app.services.entries.list()[1]?.id ?? '', { tags: ['Money'], favourite: true });
    const page = app.page;
    await page.setViewportSize({ width: 720, height: 640 });
    await expect(row(app, 'Bank', 'bob')).toBeVisible();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    let ring: string | null = null;
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      ring = await ringImage(app, ring); // the rings are repainted in the scheme's colours
      await page.screenshot({ path: `test-results/screenshots/codes-window-${colorScheme}.png` });
    }
    await page.setViewportSize({ width: 720, height: 1180 });
    await page.getByRole('button', { name: 'Settings' }).click();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.screenshot({ path: `test-results/screenshots/settings-${colorScheme}.png` });
    }
  });
});

test.describe('locking', () => {
  test.use({ mainClock: 'fake' });

  test('locks after the idle time by main’s clock; window activity postpones it', async ({ app }) => {
    await createVault(app);
    const clock = app.clock;
    if (!clock) throw new Error('this test needs the fake clock');
    const page = app.page;
    clock.advance(4 * 60_000);
    // A key press in the window is reported (the first one of this window at once) and counts as use.
    await page.keyboard.press('Shift');
    await expect.poll(() => app.ipcLog.filter((r) => r.channel === 'app:activity').length).toBeGreaterThan(0);
    clock.advance(4 * 60_000);
    await expect(page.getByRole('button', { name: 'Lock' })).toBeVisible();
    clock.advance(60_000 + 1);
    await expect(page.getByText('Locked after a period without activity.')).toBeVisible();
    await expect(page.getByLabel('Master password')).toBeFocused();
  });

  test('locks when the computer goes to sleep', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    app.services.autoLockEvent('suspend');
    await expect(app.page.getByText('Locked when the computer went to sleep.')).toBeVisible();
    await expect(app.page.getByRole('button', { name: /GitHub/ })).toHaveCount(0);
  });

  test('a deletion commits when its undo time has passed with the vault open', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'Alpha', 'one');
    const page = app.page;
    await page.getByRole('button', { name: 'Delete Alpha, one' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
    app.clock?.advance(10_000);
    await expect.poll(() => app.services.vault.open().entries().length).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByText('That deletion can no longer be undone.')).toBeVisible();
  });
});
