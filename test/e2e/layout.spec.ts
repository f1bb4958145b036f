// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes window at every width from 360 px to 4K: each row shows its name (whole, or cut with
 * an ellipsis), nothing in a row overlaps, every top-bar button has a name (Import and Export
 * included), nothing in the top bar overlaps another part or leaves the window, and the search
 * field's placeholder fits. The compact view too: one 40 px line per account at every width, the
 * list's controls (Sort, Compact list) inside the window. Boxes are measured in Chromium;
 * screenshots of each width, light and dark, go to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import { expect, test, type TestApp } from './fixtures';
import { createVault, ringImage } from './steps';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ACCOUNTS = [
  `otpauth://totp/Amazon%20Web%20Services:alice.longname%40example-corporation.com?secret=${SECRET}&issuer=Amazon%20Web%20Services`,
  `otpauth://totp/AWS:root?secret=${SECRET}&issuer=AWS`,
  `otpauth://totp/Google%20Workspace:bob%40example.org?secret=${SECRET}&issuer=Google%20Workspace&digits=8`,
  `otpauth://hotp/Yubico:carol?secret=${SECRET}&issuer=Yubico&counter=4`,
  `otpauth://totp/Steam:gabe?secret=${SECRET}&issuer=Steam&encoder=steam`,
  `otpauth://totp/A:x?secret=${SECRET}&issuer=A`,
];

type Box = { x: number; y: number; width: number; height: number };

interface RowLayout {
  readonly name: string;
  readonly parts: Record<string, Box>;
  readonly row: Box;
  /** Text boxes that are cut off without an ellipsis. */
  readonly cutWithoutEllipsis: string[];
  /** The name is shown whole (not cut). */
  readonly nameWhole: boolean;
}

/** Every row's parts, measured in the page. */
function measureRows(page: Page): Promise<RowLayout[]> {
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
        edit: '.row-actions button[aria-label^="Edit "]',
        delete: '.row-actions button[aria-label^="Delete "]',
        more: '.row-more',
      };
      for (const [part, selector] of Object.entries(named)) {
        const b = box(row.querySelector(selector));
        if (b && b.width > 0 && b.height > 0) parts[part] = b;
      }
      const cutWithoutEllipsis = [...row.querySelectorAll<HTMLElement>('.row-name, .row-account-name')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).textOverflow !== 'ellipsis')
        .map((el) => el.className);
      const nameBox = row.querySelector<HTMLElement>('.row-name');
      return {
        nameWhole: nameBox !== null && nameBox.scrollWidth <= nameBox.clientWidth + 1,
        name: row.querySelector('.row-main')?.getAttribute('aria-label') ?? '',
        parts,
        row: box(row) as Box,
        cutWithoutEllipsis,
      };
    }),
  );
}

const overlap = (a: Box, b: Box): number =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

async function seed(app: TestApp): Promise<void> {
  await createVault(app);
  for (const uri of ACCOUNTS) await app.services.entries.addUri(uri);
  const [first] = app.services.entries.list();
  if (first)
    await app.services.entries.update(first.id, {
      favourite: true,
      tags: ['Work and infrastructure', 'Servers', 'On call'],
    });
  await expect(app.page.locator('.code-list > li')).toHaveCount(ACCOUNTS.length);
}

/** Each row shows its name (whole, or cut with an ellipsis), and its parts lie inside it, none over another. */
function expectRowsLaidOut(rows: readonly RowLayout[]): void {
  for (const row of rows) {
    // Whole, or at least a few letters and an ellipsis.
    if (!row.nameWhole)
      expect(row.parts['name']?.width ?? 0, `${row.name}: the name is shown`).toBeGreaterThanOrEqual(48);
    expect(row.parts['name']?.width ?? 0, `${row.name}: the name is shown`).toBeGreaterThan(0);
    expect(row.cutWithoutEllipsis, `${row.name}: text cut without an ellipsis`).toEqual([]);
    const parts = Object.entries(row.parts);
    for (const [part, b] of parts) expect(inside(b, row.row), `${row.name}: ${part} inside its row`).toBe(true);
    for (const [i, [a, boxA]] of parts.entries()) {
      for (const [b, boxB] of parts.slice(i + 1)) {
        if ((a === 'name' && b === 'account') || (a === 'account' && b === 'name')) continue;
        expect(overlap(boxA, boxB), `${row.name}: ${a} overlaps ${b}`).toBe(0);
      }
    }
  }
}

const WIDTHS = [360, 420, 600, 880, 1280, 1920];

for (const width of WIDTHS) {
  test(`at ${width} px every row shows its name and nothing overlaps`, async ({ app }) => {
    const page = app.page;
    await page.setViewportSize({ width, height: 800 });
    await seed(app);
    expectRowsLaidOut(await measureRows(page));

    const topButtons = page.getByRole('banner').getByRole('button');
    const names = await topButtons.evaluateAll((buttons) =>
      buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim()),
    );
    expect(
      names.every((n) => n.length > 0),
      names.join(' | '),
    ).toBe(true);
    await expect(page.getByRole('banner').getByRole('button', { name: 'Add account' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Import', exact: true })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Export', exact: true })).toBeVisible();
    // The top bar's parts (brand, search, buttons) side by side: none over another, none past the window's edge.
    const barParts = await page.getByRole('banner').evaluate((bar) =>
      [...bar.children].map((el) => {
        const r = el.getBoundingClientRect();
        return {
          name: el.getAttribute('aria-label') ?? el.className,
          box: { x: r.x, y: r.y, width: r.width, height: r.height },
        };
      }),
    );
    for (const [i, a] of barParts.entries()) {
      expect(a.box.x + a.box.width, `${a.name} inside the window`).toBeLessThanOrEqual(width + 0.5);
      for (const b of barParts.slice(i + 1)) expect(overlap(a.box, b.box), `${a.name} overlaps ${b.name}`).toBe(0);
    }
    const placeholder = await page.locator('#search-input').evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      if (!ctx) return { fits: false, text: input.placeholder };
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return { fits: ctx.measureText(input.placeholder).width <= room, text: input.placeholder };
    });
    expect(placeholder.fits, `the placeholder "${placeholder.text}" fits`).toBe(true);

    if ([360, 420, 880, 1280, 1920].includes(width)) {
      let ring: string | null = null;
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        ring = await ringImage(app, ring); // the rings are repainted in the scheme's colours
        await page.screenshot({ path: `test-results/screenshots/codes-${width}-${colorScheme}.png` });
      }
    }
  });
}

for (const width of WIDTHS) {
  test(`compact view at ${width} px: one line per account, its name shown, nothing overlaps`, async ({ app }) => {
    const page = app.page;
    await page.setViewportSize({ width, height: 800 });
    await seed(app);
    await page.getByRole('button', { name: 'Compact list' }).click();
    await expect(page.locator('.code-list-compact')).toBeVisible();
    const rows = await measureRows(page);
    expectRowsLaidOut(rows);
    for (const [i, row] of rows.entries()) {
      // 40 px high, 44 px apart: the virtual list's COMPACT_ROW_STRIDE.
      expect(row.row.height, `${row.name}: one line`).toBeCloseTo(40, 0);
      const next = rows[i + 1];
      if (next) expect(next.row.y - row.row.y, `${row.name}: stride`).toBeCloseTo(44, 0);
      // Tile, name, code and ring side by side on that line.
      const centre = (b: Box | undefined): number => (b ? b.y + b.height / 2 : NaN);
      for (const part of ['tile', 'name', 'code', 'ring'] as const) {
        expect(Math.abs(centre(row.parts[part]) - centre(row.row)), `${row.name}: ${part} on the line`).toBeLessThan(6);
      }
      expect(row.parts['edit'], `${row.name}: edit is in the menu`).toBeUndefined();
      expect(row.parts['more'], `${row.name}: the menu's button`).toBeDefined();
    }
    // The list's controls stay inside the window and clear of each other.
    const controls = await page.locator('.list-controls').evaluate((bar) =>
      [...bar.querySelectorAll('button, select, label')].map((el) => {
        const r = el.getBoundingClientRect();
        return {
          name: el.getAttribute('aria-label') ?? el.textContent ?? '',
          box: { x: r.x, y: r.y, width: r.width, height: r.height },
        };
      }),
    );
    for (const [i, a] of controls.entries()) {
      expect(a.box.x + a.box.width, `${a.name} inside the window`).toBeLessThanOrEqual(width + 0.5);
      for (const b of controls.slice(i + 1)) expect(overlap(a.box, b.box), `${a.name} overlaps ${b.name}`).toBe(0);
    }

    if ([360, 880, 1280].includes(width)) {
      let ring: string | null = null;
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        ring = await ringImage(app, ring);
        await page.screenshot({ path: `test-results/screenshots/codes-compact-${width}-${colorScheme}.png` });
      }
    }
  });
}
