// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes list's orders and views in Chromium against the built renderer and the real services:
 * each order of the Sort select shows the rows in that order (favourites on top) and is kept in this
 * computer's settings.json; copying codes changes "Most used" and "Recently used" without touching
 * the vault file; the compact view at the narrowest window (one line per account, nothing cut
 * without an ellipsis, nothing overlapping); "Always show the next code". Screenshots, light and
 * dark, default and compact, go to test-results/screenshots/.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type TestApp } from './fixtures';
import { createVault, ringImage, row, SECRET, shownIssuers } from './steps';

/** Issuer and account: the manual, issuer, account and usage orders all differ. Zeta is a favourite. */
const ACCOUNTS = [
  ['GitHub', 'zoe'],
  ['Bank', 'yann'],
  ['Mail', 'amy'],
  ['Zeta', 'bob'],
] as const;

const uri = (issuer: string, account: string): string =>
  `otpauth://totp/${issuer}:${account}?secret=${SECRET}&issuer=${issuer}`;

/** The accounts are added in main, so no request carries their secrets. */
async function seed(app: TestApp, extra: readonly string[] = []): Promise<void> {
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  for (const [issuer, account] of ACCOUNTS) await app.services.entries.addUri(uri(issuer, account));
  for (const link of extra) await app.services.entries.addUri(link);
  const zeta = app.services.entries.list().find((e) => e.issuer === 'Zeta');
  if (zeta) await app.services.entries.update(zeta.id, { favourite: true });
  await expect(app.page.locator('.code-list > li')).toHaveCount(ACCOUNTS.length + extra.length);
}

const sortSelect = (page: Page) => page.getByRole('combobox', { name: 'Sort' });

test('each order shows the rows in that order, favourites on top, and is kept for next time', async ({ app }) => {
  await seed(app);
  const page = app.page;
  await expect(sortSelect(page)).toHaveValue('manual');
  expect(await shownIssuers(app)).toEqual(['Zeta', 'GitHub', 'Bank', 'Mail']);
  await expect(page.locator('.row-grip')).toHaveCount(4);

  const orders: [string, string, string[]][] = [
    ['Issuer A–Z', 'issuer', ['Zeta', 'Bank', 'GitHub', 'Mail']],
    ['Account A–Z', 'account', ['Zeta', 'Mail', 'Bank', 'GitHub']],
    // Nothing copied yet: the manual order breaks the ties.
    ['Most used', 'usage', ['Zeta', 'GitHub', 'Bank', 'Mail']],
    ['Recently used', 'recent', ['Zeta', 'GitHub', 'Bank', 'Mail']],
  ];
  for (const [label, value, issuers] of orders) {
    await sortSelect(page).selectOption({ label });
    await expect.poll(() => shownIssuers(app)).toEqual(issuers);
    await expect.poll(() => app.services.settings.view().settings.codesSort).toBe(value);
    // No dragging outside the manual order, and the screen says where rearranging went.
    await expect(page.locator('.row-grip')).toHaveCount(0);
    await expect(page.locator('#codes-sort-hint')).toHaveText('Switch to manual order to rearrange.');
  }

  await sortSelect(page).selectOption({ label: 'Account A–Z' });
  await expect
    .poll(() => JSON.parse(readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8')))
    .toMatchObject({
      codesSort: 'account',
    });
  await page.reload();
  await expect(sortSelect(page)).toHaveValue('account');
  expect(await shownIssuers(app)).toEqual(['Zeta', 'Mail', 'Bank', 'GitHub']);

  // Alt+↓ moves nothing here: it says how to rearrange instead.
  await row(app, 'Mail', 'amy').focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(page.getByTestId('list-announcer')).toHaveText('Switch to manual order to rearrange.');
  expect(app.services.entries.list().map((e) => e.issuer)).toEqual(['GitHub', 'Bank', 'Mail', 'Zeta']);

  await sortSelect(page).selectOption({ label: 'Manual order' });
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'GitHub', 'Bank', 'Mail']);
  await expect(page.locator('.row-grip')).toHaveCount(4);
  await expect(page.locator('#codes-sort-hint')).toHaveCount(0);
});

test('copying codes changes “Most used” and “Recently used”, and never writes the vault', async ({ app }) => {
  await seed(app);
  const page = app.page;
  const vaultBefore = readFileSync(app.vaultPath);
  const savedAt = statSync(app.vaultPath).mtimeMs;
  await sortSelect(page).selectOption({ label: 'Most used' });
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'GitHub', 'Bank', 'Mail']);

  await row(app, 'Mail', 'amy').click();
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'Mail', 'GitHub', 'Bank']);
  await row(app, 'Mail', 'amy').click();
  await row(app, 'Bank', 'yann').click();
  await expect.poll(() => app.clipboard.text).toMatch(/^\d{6}$/);
  // Mail twice, Bank once (and last), GitHub never.
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'Mail', 'Bank', 'GitHub']);
  await sortSelect(page).selectOption({ label: 'Recently used' });
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'Bank', 'Mail', 'GitHub']);

  // Counted in this computer's data folder, not in the vault: no save, so no backup and no sync.
  expect(readFileSync(path.join(app.dataDir, 'usage.json'), 'utf8')).toContain('"count"');
  expect(readFileSync(app.vaultPath).equals(vaultBefore)).toBe(true);
  expect(statSync(app.vaultPath).mtimeMs).toBe(savedAt);

  // The counts outlive a reload.
  await page.reload();
  await expect.poll(() => shownIssuers(app)).toEqual(['Zeta', 'Bank', 'Mail', 'GitHub']);
});

type Box = { x: number; y: number; width: number; height: number };

interface CompactRow {
  readonly name: string;
  readonly row: Box;
  readonly parts: Record<string, Box>;
  readonly nameWhole: boolean;
  readonly cutWithoutEllipsis: string[];
}

/** Every compact row's parts, measured in the page. */
function measureCompactRows(page: Page): Promise<CompactRow[]> {
  return page.locator('.code-list > li').evaluateAll((rows) =>
    rows.map((row) => {
      const box = (el: Element | null): Box | null => {
        if (!el) return null;
        const r = el.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      const parts: Record<string, Box> = {};
      const named: Record<string, string> = {
        tile: '.tile',
        name: '.row-name',
        account: '.row-account-name',
        code: '.row-code-box',
        ring: '.ring, .row-next-button',
        more: '.row-more',
      };
      for (const [part, selector] of Object.entries(named)) {
        const b = box(row.querySelector(selector));
        if (b && b.width > 0 && b.height > 0) parts[part] = b;
      }
      const nameBox = row.querySelector<HTMLElement>('.row-name');
      return {
        name: row.querySelector('.row-main')?.getAttribute('aria-label') ?? '',
        row: box(row) as Box,
        parts,
        nameWhole: nameBox !== null && nameBox.scrollWidth <= nameBox.clientWidth + 1,
        cutWithoutEllipsis: [...row.querySelectorAll<HTMLElement>('.row-name, .row-account-name')]
          .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis')
          .map((el) => el.className),
      };
    }),
  );
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

test('the compact view: one line per account at the narrowest window', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 360, height: 720 });
  await seed(app, [
    `otpauth://totp/Amazon%20Web%20Services:alice.longname%40example-corporation.com?secret=${SECRET}&issuer=Amazon%20Web%20Services&digits=8`,
    `otpauth://hotp/Yubico:carol?secret=${SECRET}&issuer=Yubico&counter=4`,
    `otpauth://totp/Steam:gabe?secret=${SECRET}&issuer=Steam&encoder=steam`,
  ]);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  let ring: string | null = null;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    ring = await ringImage(app, ring);
    await page.screenshot({ path: `test-results/screenshots/sort-views-default-360-${colorScheme}.png` });
  }

  const toggle = page.getByRole('button', { name: 'Compact list' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => app.services.settings.view().settings.compactView).toBe(true);
  await expect(page.locator('.code-list-compact')).toBeVisible();

  const rows = await measureCompactRows(page);
  expect(rows).toHaveLength(7);
  for (const [i, r] of rows.entries()) {
    // 40 px rows, 44 px apart: what the virtual list counts with (COMPACT_ROW_STRIDE).
    expect(r.row.height, `${r.name}: row height`).toBeCloseTo(40, 0);
    const next = rows[i + 1];
    if (next) expect(next.row.y - r.row.y, `${r.name}: row stride`).toBeCloseTo(44, 0);
    expect(r.row.x + r.row.width, `${r.name}: inside the window`).toBeLessThanOrEqual(360);
    // The name: whole, or at least a few letters and an ellipsis.
    expect(r.parts['name']?.width ?? 0, `${r.name}: the name is shown`).toBeGreaterThanOrEqual(r.nameWhole ? 1 : 48);
    expect(r.cutWithoutEllipsis, `${r.name}: text cut without an ellipsis`).toEqual([]);
    const parts = Object.entries(r.parts);
    for (const [part, b] of parts) {
      // One line: every part lies within the row's height.
      expect(b.y, `${r.name}: ${part} on the row's line`).toBeGreaterThanOrEqual(r.row.y - 0.5);
      expect(b.y + b.height, `${r.name}: ${part} on the row's line`).toBeLessThanOrEqual(r.row.y + r.row.height + 0.5);
      expect(b.x + b.width, `${r.name}: ${part} inside its row`).toBeLessThanOrEqual(r.row.x + r.row.width + 0.5);
    }
    for (const [j, [a, boxA]] of parts.entries()) {
      for (const [b, boxB] of parts.slice(j + 1)) {
        expect(overlap(boxA, boxB), `${r.name}: ${a} overlaps ${b}`).toBe(0);
      }
    }
  }
  // The list's controls stay inside the window.
  for (const control of [sortSelect(page), toggle]) {
    const b = await control.boundingBox();
    expect((b?.x ?? 0) + (b?.width ?? 0)).toBeLessThanOrEqual(360);
  }

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    ring = await ringImage(app, ring);
    await page.screenshot({ path: `test-results/screenshots/sort-views-compact-360-${colorScheme}.png` });
  }
  await page.setViewportSize({ width: 880, height: 720 });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    ring = await ringImage(app, ring);
    await page.screenshot({ path: `test-results/screenshots/sort-views-compact-880-${colorScheme}.png` });
  }

  // Kept for next time, and off again from Settings, Appearance.
  await page.reload();
  await expect(page.locator('.code-list-compact')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Compact list').uncheck();
  await page.keyboard.press('Escape');
  await expect(page.locator('.code-list-compact')).toHaveCount(0);
  await expect(page.locator('.code-list > li').first()).toHaveCSS('height', '72px');
});

/**
 * The first time-based row's next-code text, read once the period has more than 7 s left (well
 * before the last 5 s, when it shows in any case); 'waiting' until then. TOTP periods here are 30 s
 * from the epoch, and the page counts on this computer's clock.
 */
function nextTextEarlyInPeriod(page: Page, issuer: string): Promise<string> {
  return page.evaluate((name) => {
    const left = 30 - Math.floor((Date.now() % 30_000) / 1000);
    if (left <= 7) return 'waiting';
    const button = [...document.querySelectorAll('.row-main')].find((b) =>
      (b.getAttribute('aria-label') ?? '').startsWith(`${name},`),
    );
    const described = document.getElementById(button?.getAttribute('aria-describedby')?.split(' ')[0] ?? '');
    return `${button?.querySelector('.row-next')?.textContent ?? ''}|${described?.textContent ?? ''}`;
  }, issuer);
}

test('“Always show the next code” shows it all period long for time-based accounts, never for HOTP', async ({
  app,
}) => {
  await seed(app, [`otpauth://hotp/Yubico:carol?secret=${SECRET}&issuer=Yubico&counter=4`]);
  const page = app.page;
  // Off (the default): early in a period there is no next code.
  await expect.poll(() => nextTextEarlyInPeriod(page, 'GitHub'), { timeout: 15_000 }).toBe('|');

  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Always show the next code').check();
  await expect.poll(() => app.services.settings.view().settings.alwaysShowNextCode).toBe(true);
  await page.keyboard.press('Escape');

  // Seen as "next 123 456", said as "next code 123 456" (the copy button's description).
  await expect
    .poll(() => nextTextEarlyInPeriod(page, 'GitHub'), { timeout: 15_000 })
    .toMatch(/^next \d{3} \d{3}\|next code \d{3} \d{3}$/);
  // A counter-based account has no next code until one is asked for.
  await page.getByRole('button', { name: 'Next code for Yubico, carol' }).click();
  await expect(row(app, 'Yubico', 'carol')).toBeVisible();
  expect(await nextTextEarlyInPeriod(page, 'Yubico')).toMatch(/^(\||waiting)$/);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  let ring: string | null = null;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    ring = await ringImage(app, ring);
    await page.screenshot({ path: `test-results/screenshots/sort-views-always-next-${colorScheme}.png` });
  }
});
