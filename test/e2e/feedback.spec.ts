// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Feedback a person can see: the toast never covers the row it talks about, and a row's Edit and
 * Delete are as legible as any control (WCAG 3:1 against the row) before the pointer is on them.
 */
import { expect, test } from './fixtures';
import { createVault } from './steps';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('the copy toast names the account and keeps clear of its row, at the bottom or the top', async ({ app }) => {
  const page = app.page;
  await page.setViewportSize({ width: 600, height: 560 });
  await createVault(app);
  for (let i = 0; i < 8; i++)
    await app.services.entries.addUri(`otpauth://totp/Service${i}:user${i}?secret=${SECRET}&issuer=Service${i}`);
  const rows = page.locator('.code-list > li');
  await expect(rows).toHaveCount(8);
  // The last row that is wholly in the window: at the bottom, where the toast would be.
  const lowest = await rows.evaluateAll((lis) => {
    const inView = lis.filter((li) => li.getBoundingClientRect().bottom <= window.innerHeight);
    return inView.length - 1;
  });
  for (const index of [lowest, 0]) {
    const row = rows.nth(index);
    await row.locator('.row-main').click();
    const toast = page.locator('.toast');
    await expect(toast).toContainText(`Copied the code of Service${index}, user${index}`);
    const [rowBox, toastBox] = [await row.boundingBox(), await toast.boundingBox()];
    expect(rowBox && toastBox && overlaps(rowBox, toastBox), `row ${index} and the toast`).toBe(false);
    await expect(row.locator('.row-copied')).toHaveText('Copied');
    await page.getByRole('button', { name: 'Dismiss' }).click();
  }
});

test('Edit and Delete are legible without hovering (3:1 against the row)', async ({ app }) => {
  await createVault(app);
  await app.services.entries.addUri(`otpauth://totp/GitHub:alice?secret=${SECRET}&issuer=GitHub`);
  const page = app.page;
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.mouse.move(0, 0);
    const contrasts = await page.locator('.row-actions .icon-button').evaluateAll((buttons) => {
      const rgb = (css: string): number[] =>
        /\d+(\.\d+)?/g.exec(css) ? (css.match(/\d+(\.\d+)?/g) ?? []).map(Number) : [];
      const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
        const c = [r, g, b].map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
      };
      return buttons.map((button) => {
        const style = getComputedStyle(button);
        const row = button.closest('li');
        const fg = luminance(rgb(style.color));
        const bg = luminance(rgb(row ? getComputedStyle(row).backgroundColor : 'rgb(255,255,255)'));
        const [hi, lo] = fg > bg ? [fg, bg] : [bg, fg];
        return { opacity: Number(style.opacity), ratio: (hi + 0.05) / (lo + 0.05) };
      });
    });
    for (const c of contrasts) {
      expect(c.opacity, colorScheme).toBe(1);
      expect(c.ratio, colorScheme).toBeGreaterThanOrEqual(3);
    }
  }
});
