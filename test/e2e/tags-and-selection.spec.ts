// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Tags and exporting a selection in Chromium, against the built renderer and the real services:
 * tags given in the account menu's "Tags…" (a new one typed, one in use from the suggestions) are
 * saved in the vault; the filter with two tags shows only the accounts carrying both; accounts
 * ticked in selection mode (a tag's accounts with Ctrl+A, and one more by its checkbox) are exported
 * as an unencrypted Aegis file, which the test reads back: exactly those accounts, their secrets and
 * their tags as Aegis groups, nothing else. The accounts are added in main, so no request carries
 * their secrets.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from '@playwright/test';
import { authorize, chooseFormat, expectNoSecretInIpc, fixtureAccounts, seedAccounts } from './export-steps';
import { expect, test, type TestApp } from './fixtures';
import { createVault, row, shownIssuers } from './steps';

test.use({ mainClock: 'fake' });
test.describe.configure({ timeout: 60_000 });

const ACCOUNTS = fixtureAccounts(5);
const [A, B, C, D] = ACCOUNTS as [
  (typeof ACCOUNTS)[0],
  (typeof ACCOUNTS)[0],
  (typeof ACCOUNTS)[0],
  (typeof ACCOUNTS)[0],
];

/** The Aegis plain file's parts this test reads. */
interface AegisPlain {
  readonly db: {
    readonly entries: readonly {
      readonly issuer: string;
      readonly name: string;
      readonly info: { readonly secret: string };
      readonly groups: readonly string[];
    }[];
    readonly groups: readonly { readonly uuid: string; readonly name: string }[];
  };
}

/** Gives an account its tags through its menu's "Tags…": each typed, or taken from the suggestions. */
async function tag(app: TestApp, issuer: string, account: string, tags: readonly string[]): Promise<void> {
  const page = app.page;
  await row(app, issuer, account).click({ button: 'right' });
  await page
    .getByRole('menu', { name: `Actions for ${issuer}, ${account}` })
    .getByRole('menuitem', { name: 'Tags…' })
    .click();
  const dialog = page.getByRole('dialog', { name: `Tags of ${issuer}, ${account}` });
  const field = dialog.getByRole('combobox', { name: 'Tags' });
  for (const name of tags) {
    await field.pressSequentially(name.slice(0, 2));
    const offered = dialog.getByRole('option', { name, exact: true });
    if (await offered.isVisible()) {
      // In use already: taken from the suggestions with the keyboard.
      await field.press('ArrowDown');
      await expect(field).toHaveAttribute('aria-activedescendant', (await offered.getAttribute('id')) ?? '');
      await field.press('Enter');
    } else {
      await field.pressSequentially(`${name.slice(2)},`);
    }
    await expect(dialog.getByRole('button', { name: `Remove tag ${name}` })).toBeVisible();
  }
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
}

const filterChip = (app: TestApp, name: string): Locator =>
  app.page.getByRole('group', { name: 'Filter by tags' }).getByRole('button', { name, exact: true });

test('tags filter with AND, and a selection exports exactly its accounts and their tags', async ({ app }) => {
  const page = app.page;
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  await seedAccounts(app, ACCOUNTS);
  await expect(row(app, A.issuer, A.account)).toBeVisible();

  await tag(app, A.issuer, A.account, ['Work', 'Travel']);
  await tag(app, B.issuer, B.account, ['Work']);
  await tag(app, C.issuer, C.account, ['Travel']);
  await expect(row(app, A.issuer, A.account)).toHaveAccessibleName(/, tags Work, Travel, code/);
  const saved = new Map(
    app.services.vault
      .open()
      .entries()
      .map((e) => [e.issuer, e.tags]),
  );
  expect([A, B, C, D].map((a) => saved.get(a.issuer))).toEqual([['Work', 'Travel'], ['Work'], ['Travel'], []]);

  // Two tags: only the account carrying both.
  await filterChip(app, 'Work').click();
  await expect.poll(() => shownIssuers(app)).toEqual([A.issuer, B.issuer]);
  await filterChip(app, 'Travel').click();
  await expect(filterChip(app, 'Travel')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('1 account tagged Travel and Work')).toBeVisible();
  await expect.poll(() => shownIssuers(app)).toEqual([A.issuer]);

  // Select: the Work accounts with Ctrl+A, then one more after clearing the filter.
  await filterChip(app, 'Travel').click();
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await row(app, A.issuer, A.account).focus();
  await page.keyboard.press('Control+A');
  await expect(page.getByText('2 of 5 accounts selected')).toBeVisible();
  await page.getByRole('button', { name: 'Clear', exact: true }).click();
  await expect.poll(() => shownIssuers(app)).toHaveLength(5);
  await page.getByRole('checkbox', { name: `Select ${D.issuer}, ${D.account}` }).click();
  await expect(page.getByText('3 of 5 accounts selected')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: `Select ${C.issuer}, ${C.account}` })).not.toBeChecked();

  // Export them as a plain Aegis file.
  await page.getByRole('group', { name: 'Selected accounts' }).getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export accounts' });
  await expect(dialog.getByText('Exporting 3 of 5 accounts')).toBeVisible();
  await chooseFormat(dialog, 'Aegis vault (not encrypted)');
  await authorize(dialog);
  const authorized = app.ipcLog.filter((r) => r.channel === 'exports:authorize' && r.direction === 'request');
  const ids = new Map(
    app.services.vault
      .open()
      .entries()
      .map((e) => [e.issuer, e.id]),
  );
  expect(authorized.map((r) => (r.payload as { ids?: unknown }).ids)).toEqual([
    [A, B, D].map((a) => ids.get(a.issuer)),
  ]);
  const exportsDir = path.join(app.dataDir, 'exports');
  mkdirSync(exportsDir);
  const out = path.join(exportsDir, 'selection.json');
  app.desktop.savePath = out;
  await dialog.getByRole('checkbox', { name: 'I understand' }).check();
  await dialog.getByRole('button', { name: 'Save…' }).click();
  await expect(dialog.getByText(`Saved 3 accounts to ${out}`)).toBeVisible();

  const file = JSON.parse(readFileSync(out, 'utf8')) as AegisPlain;
  const groupName = new Map(file.db.groups.map((g) => [g.uuid, g.name]));
  const found = file.db.entries.map((e) => ({
    issuer: e.issuer,
    account: e.name,
    secret: e.info.secret,
    tags: e.groups.map((uuid) => groupName.get(uuid)),
  }));
  expect(found).toEqual([
    { issuer: A.issuer, account: A.account, secret: A.base32, tags: ['Work', 'Travel'] },
    { issuer: B.issuer, account: B.account, secret: B.base32, tags: ['Work'] },
    { issuer: D.issuer, account: D.account, secret: D.base32, tags: [] },
  ]);
  expect(file.db.groups.map((g) => g.name).sort()).toEqual(['Travel', 'Work']);

  // Back on the list, still selecting; Escape leaves.
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('3 of 5 accounts selected')).toBeVisible();
  await row(app, A.issuer, A.account).focus();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Selected accounts' })).toBeHidden();
  await expect(page.getByRole('checkbox', { name: /^Select / })).toHaveCount(0);

  expectNoSecretInIpc(app, ACCOUNTS);
});

test('screenshots: tags, the filter and selection mode, light and dark', async ({ app }) => {
  const page = app.page;
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  await seedAccounts(app, ACCOUNTS);
  for (const [i, tags] of [['Work', 'Travel', 'Servers'], ['Work'], ['Travel']].entries()) {
    const id = app.services.entries.list()[i]?.id ?? '';
    await app.services.entries.update(id, { tags });
  }
  await page.setViewportSize({ width: 760, height: 620 });
  await expect(row(app, A.issuer, A.account)).toHaveAccessibleName(/tags Work, Travel, Servers/);
  await filterChip(app, 'Work').click();
  await page.getByRole('button', { name: 'Select', exact: true }).click();
  await page.getByRole('checkbox', { name: `Select ${A.issuer}, ${A.account}` }).click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `test-results/screenshots/tags-selection-${colorScheme}.png` });
  }
  await page.keyboard.press('Escape');
  await row(app, B.issuer, B.account).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Tags…' }).click();
  await page.keyboard.type('t');
  await expect(page.getByRole('option', { name: 'Travel' })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    await page.screenshot({ path: `test-results/screenshots/tags-dialog-${colorScheme}.png` });
  }
});
