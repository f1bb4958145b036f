// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Issuer icons in Chromium against the built renderer and the real services (main's icons service,
 * the bundled set generated at build time, icon packs kept in the data folder): known issuers show
 * their icons and the others their letter tiles, in the letter tile's box in both views; "Change
 * icon…" sets a bundled icon, an image file (a PNG made here, picked in main's open dialog) and the
 * letter tile; an Aegis icon pack built here is imported in Settings and its icon shows. A request
 * log proves that no request leaves the app's own origin while icons are shown. Screenshots, light
 * and dark, default and compact, go to test-results/screenshots/.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { configure, TextReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import sharp from 'sharp';
import { expect, test, type TestApp } from './fixtures';
import { createVault, PASSWORD, row, SECRET } from './steps';

configure({ useWebWorkers: false });

const ACCOUNTS = [
  ['GitHub', 'alice@example.com'],
  ['Microsoft', 'alice@outlook.com'],
  ['Amazon Web Services', 'alice'],
  ['Some Local Bank', 'alice'],
] as const;

const uri = (issuer: string, account: string): string =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(account)}?secret=${SECRET}&issuer=${encodeURIComponent(issuer)}`;

/** The accounts are added in main, so no request carries their secrets. */
async function seed(app: TestApp): Promise<void> {
  await createVault(app);
  await app.services.settings.update({ autoLockMinutes: 0 });
  for (const [issuer, account] of ACCOUNTS) await app.services.entries.addUri(uri(issuer, account));
  await expect(app.page.locator('.code-list > li')).toHaveCount(ACCOUNTS.length);
}

/** Every request the page makes, from before it opens. */
function requestLog(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  return urls;
}

/** The requests that went anywhere but the app's own origin (data: and our blob: URLs are the page's own). */
function foreign(urls: readonly string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith('data:') && !u.startsWith(`blob:${origin}/`));
}

const tileOf = (app: TestApp, issuer: string, account: string): Locator => row(app, issuer, account).locator('.tile');

/** The tile shows a decoded picture: an svg glyph, or an image that loaded. */
async function pictureDrawn(tile: Locator): Promise<boolean> {
  return tile.evaluate((el) => {
    if (!el.classList.contains('tile-picture')) return false;
    const img = el.querySelector('img');
    if (img) return img.complete && img.naturalWidth > 0;
    return el.querySelector('svg > path[d]') !== null;
  });
}

/** Opens "Change icon…" of an account from its row's ⋯ button. */
async function openPicker(app: TestApp, issuer: string, account: string): Promise<Locator> {
  const page = app.page;
  await page.getByRole('button', { name: `More actions for ${issuer}, ${account}` }).click();
  await page.getByRole('menuitem', { name: 'Change icon…' }).click();
  const dialog = page.getByRole('dialog', { name: `Icon for ${issuer}, ${account}` });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The size of each tile and where the names start, per row: the same for a picture and a letter. */
async function tileBoxes(page: Page): Promise<{ width: number; height: number; textLeft: number }[]> {
  return page.locator('.code-list > li').evaluateAll((rows) =>
    rows.map((li) => {
      const tile = li.querySelector('.tile')?.getBoundingClientRect();
      const text = li.querySelector('.row-text')?.getBoundingClientRect();
      return { width: tile?.width ?? -1, height: tile?.height ?? -1, textLeft: Math.round(text?.left ?? -1) };
    }),
  );
}

test('known issuers show their icons, the rest letter tiles, in the same box in both views; nothing leaves the origin', async ({
  app,
}) => {
  const page = app.page;
  const requests = requestLog(page);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await seed(app);
  const origin = new URL(app.url).origin;

  for (const [issuer, account] of ACCOUNTS.slice(0, 3)) {
    const tile = tileOf(app, issuer, account);
    await expect(tile).toHaveAttribute('data-icon', /^bundled:/);
    await expect.poll(() => pictureDrawn(tile)).toBe(true);
    await expect(tile).toHaveAttribute('aria-hidden', 'true');
  }
  const bank = tileOf(app, 'Some Local Bank', 'alice');
  await expect(bank).toHaveText('S');
  await expect(bank).not.toHaveClass(/tile-picture/);
  // The rows' names are the accounts', whatever their tiles show.
  await expect(row(app, 'GitHub', 'alice@example.com')).toHaveAttribute('aria-label', /^GitHub, alice@example\.com, /);

  // Unlocked again, the list asks for all its pictures in one request.
  await page.keyboard.press('Control+L');
  await page.getByLabel('Master password').fill(PASSWORD);
  const unlockedAt = Date.now();
  await page.getByLabel('Master password').press('Enter');
  await expect.poll(() => pictureDrawn(tileOf(app, 'GitHub', 'alice@example.com'))).toBe(true);
  const imageCalls = app.ipcLog.filter(
    (r) => r.direction === 'request' && r.channel === 'icons:images' && r.at >= unlockedAt,
  );
  expect(imageCalls).toHaveLength(1);
  expect((imageCalls[0]?.payload as { refs: unknown[] }).refs).toHaveLength(3);

  for (const view of ['default', 'compact'] as const) {
    if (view === 'compact') {
      await app.services.settings.update({ compactView: true });
      await expect(page.locator('.code-list-compact')).toBeVisible();
    }
    const boxes = await tileBoxes(page);
    expect(boxes).toHaveLength(4);
    const [first] = boxes;
    for (const box of boxes) expect(box).toEqual(first);
    expect(first?.width).toBe(view === 'compact' ? 24 : 40);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.screenshot({ path: `test-results/screenshots/icons-${view}-${colorScheme}.png` });
    }
  }

  expect(requests.some((u) => u.startsWith(`${origin}/`))).toBe(true);
  expect(foreign(requests, origin)).toEqual([]);
});

test('"Change icon…": a bundled icon, an image file, the letter tile, and back to automatic', async ({ app }) => {
  const page = app.page;
  const requests = requestLog(page);
  await seed(app);
  const origin = new URL(app.url).origin;
  const tile = tileOf(app, 'Some Local Bank', 'alice');
  const folder = mkdtempSync(path.join(os.tmpdir(), 'tessera-icon-'));
  try {
    // A bundled icon, found by search and picked with the keys.
    let dialog = await openPicker(app, 'Some Local Bank', 'alice');
    const search = dialog.getByRole('searchbox', { name: 'Search icons' });
    await expect(search).toBeFocused();
    await search.fill('github');
    const first = dialog.getByRole('group', { name: 'Icons' }).getByRole('button').first();
    await expect(first).toHaveText('GitHub');
    await search.press('ArrowDown');
    await expect(first).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(tile).toHaveAttribute('data-icon', /^bundled:github/);
    await expect.poll(() => pictureDrawn(tile)).toBe(true);
    await expect(page.getByText('Changed the icon of Some Local Bank, alice')).toBeVisible();
    const stored = app.services.entries.list().find((e) => e.issuer === 'Some Local Bank');
    expect(stored?.icon).toMatchObject({ kind: 'bundled' });

    // An image file: a PNG made here, chosen in main's open dialog.
    const png = path.join(folder, 'bank.png');
    writeFileSync(
      png,
      await sharp({ create: { width: 64, height: 64, channels: 4, background: '#0a7d4f' } })
        .png()
        .toBuffer(),
    );
    app.desktop.files = null;
    dialog = await openPicker(app, 'Some Local Bank', 'alice');
    await dialog.getByRole('button', { name: 'From an image file…' }).click();
    // Cancelled: nothing changes and the dialog stays.
    await expect.poll(() => app.desktop.calls.filter((c) => c === 'pickFiles').length).toBe(1);
    await expect(dialog).toBeVisible();
    await expect(tile).toHaveAttribute('data-icon', /^bundled:github/);
    // Not an image: main's sentence, with Details.
    const text = path.join(folder, 'notes.png');
    writeFileSync(text, 'this is not a picture');
    app.desktop.files = [text];
    await dialog.getByRole('button', { name: 'From an image file…' }).click();
    await expect(dialog.getByRole('alert')).toBeVisible();
    await expect(dialog.getByRole('alert')).not.toBeEmpty();
    app.desktop.files = [png];
    await dialog.getByRole('button', { name: 'From an image file…' }).click();
    await expect(dialog).toBeHidden();
    await expect(tile).toHaveAttribute('data-icon', /^custom:[0-9a-f]{64}$/);
    await expect.poll(() => pictureDrawn(tile)).toBe(true);
    expect(app.services.entries.list().find((e) => e.issuer === 'Some Local Bank')?.icon).toMatchObject({
      kind: 'custom',
    });

    // The letter tile.
    dialog = await openPicker(app, 'Some Local Bank', 'alice');
    await dialog.getByRole('button', { name: /^Letter tile/ }).click();
    await expect(dialog).toBeHidden();
    await expect(tile).toHaveText('S');
    await expect(tile).not.toHaveClass(/tile-picture/);

    // GitHub to the letter tile and back to automatic.
    const github = tileOf(app, 'GitHub', 'alice@example.com');
    dialog = await openPicker(app, 'GitHub', 'alice@example.com');
    await dialog.getByRole('button', { name: /^Letter tile/ }).click();
    await expect(github).toHaveText('G');
    dialog = await openPicker(app, 'GitHub', 'alice@example.com');
    await expect(dialog.getByRole('button', { name: /^Letter tile/ })).toHaveAttribute('aria-current', 'true');
    await dialog.getByRole('button', { name: /^Automatic/ }).click();
    await expect(github).toHaveAttribute('data-icon', /^bundled:/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expect(foreign(requests, origin)).toEqual([]);
});

/** An Aegis icon pack: pack.json and one SVG suggested for "Some Local Bank". */
async function aegisPack(): Promise<Uint8Array> {
  const manifest = {
    uuid: '2f6c1a8e-4b7d-4c3e-9a51-7d0e6b3c2a19',
    name: 'Test Bank Pack',
    version: 1,
    icons: [{ filename: 'Banks/some-local-bank.svg', category: 'Banks', issuer: ['Some Local Bank'] }],
  };
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><circle cx="32" cy="32" r="30" fill="#0b5394"/>' +
    '<path d="M16 40h32v6H16zM20 24h6v14h-6zM38 24h6v14h-6zM14 18l18-8 18 8z" fill="#fff"/></svg>';
  const writer = new ZipWriter(new Uint8ArrayWriter());
  await writer.add('pack.json', new TextReader(JSON.stringify(manifest)));
  await writer.add('Banks/some-local-bank.svg', new TextReader(svg));
  return writer.close();
}

test('an Aegis icon pack imported in Settings gives its icon to the account it names', async ({ app }) => {
  const page = app.page;
  const requests = requestLog(page);
  await seed(app);
  const origin = new URL(app.url).origin;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'tessera-pack-'));
  try {
    const zip = path.join(folder, 'test-bank-pack.zip');
    writeFileSync(zip, await aegisPack());
    app.desktop.files = [zip];
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('button', { name: 'Icon packs' })
      .click();
    const section = settings.getByRole('region', { name: 'Icon packs' });
    await expect(section.getByText('No icon packs yet.')).toBeVisible();
    await section.getByRole('button', { name: 'Import icon pack…' }).click();
    await expect(section.getByRole('status')).toHaveText('Imported the icon pack “Test Bank Pack” (1 icon).');
    await expect(section.getByRole('listitem')).toHaveText(/Test Bank Pack\s*version 1 · 1 icon/);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await section.screenshot({ path: `test-results/screenshots/icons-packs-${colorScheme}.png` });
    }
    await page.keyboard.press('Escape');
    await expect(settings).toBeHidden();

    const bank = tileOf(app, 'Some Local Bank', 'alice');
    await expect(bank).toHaveAttribute('data-icon', /^pack:2f6c1a8e-4b7d-4c3e-9a51-7d0e6b3c2a19\//);
    await expect.poll(() => pictureDrawn(bank)).toBe(true);

    // The picker finds it too; picking it copies it into the vault.
    const dialog = await openPicker(app, 'Some Local Bank', 'alice');
    await dialog.getByRole('searchbox', { name: 'Search icons' }).fill('some local bank');
    const packHit = dialog.getByRole('button', { name: /from an icon pack$/ }).first();
    await expect(packHit).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await dialog.screenshot({ path: `test-results/screenshots/icons-picker-${colorScheme}.png` });
    }
    await packHit.click();
    await expect(dialog).toBeHidden();
    await expect(bank).toHaveAttribute('data-icon', /^custom:[0-9a-f]{64}$/);

    // Removing the pack keeps the copied icon.
    await page.getByRole('button', { name: 'Settings' }).click();
    await settings
      .getByRole('region', { name: 'Icon packs' })
      .getByRole('button', { name: 'Remove Test Bank Pack' })
      .click();
    await expect(settings.getByRole('region', { name: 'Icon packs' }).getByText('No icon packs yet.')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(bank).toHaveAttribute('data-icon', /^custom:/);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  expect(foreign(requests, origin)).toEqual([]);
});
