// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The page's own `window.tessera` (the real preload factory, the real dispatcher and services):
 * copying the next code, the usage counts kept in the data folder's usage.json while the vault file
 * stays as it was, and an export limited to one account.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TesseraApi } from '../../electron/ipc/contract';
import { expect, test } from './fixtures';
import { PASSWORD } from './steps';

test.use({ mainClock: 'fake' });

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** The page's window, for page.evaluate (types only: the function runs in the page). */
type PageWindow = { readonly tessera: TesseraApi };

test('the window copies the next code, counts copies outside the vault, and exports one account', async ({ app }) => {
  const clock = app.clock!;
  await app.services.vault.create(PASSWORD);
  await app.services.settings.update({ autoLockMinutes: 0, autoBackup: false });
  const totp = await app.services.entries.add({ type: 'totp', issuer: 'Example', account: 'ann', secret: SECRET });
  const hotp = await app.services.entries.add({ type: 'hotp', issuer: 'Counter', account: 'bo', secret: SECRET });
  await app.open();
  const vaultBytes = readFileSync(app.vaultPath);
  const vaultTime = statSync(app.vaultPath).mtimeMs;
  const copyNext = (id: string) =>
    app.page.evaluate((entry) => (window as unknown as PageWindow).tessera.codes.copy(entry, { next: true }), id);

  expect(await copyNext(totp.id)).toEqual({ ok: true, value: { clearAfterSeconds: 20 } });
  const next = app.clipboard.text;
  const shown = app.services.codes.current().find((c) => c.id === totp.id)!;
  expect(next).not.toBe(shown.code);
  // The code copied is the one the next period shows.
  clock.advance(shown.validUntil! - clock.now());
  expect(app.services.codes.current().find((c) => c.id === totp.id)?.code).toBe(next);

  const refused = await copyNext(hotp.id);
  expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-entry' } });
  expect(refused.ok ? '' : refused.error.message).toMatch(/^Counter-based codes have no next code/);

  const usage = await app.page.evaluate(() => (window as unknown as PageWindow).tessera.codes.usage());
  expect(usage).toEqual({ ok: true, value: { [totp.id]: { count: 1, lastUsed: expect.any(Number) } } });
  const file = JSON.parse(readFileSync(path.join(app.dataDir, 'usage.json'), 'utf8')) as { vaults: object };
  expect(Object.values(file.vaults)).toEqual([usage.ok ? usage.value : null]);
  // Counting is no save: the vault file is as it was.
  expect(readFileSync(app.vaultPath).equals(vaultBytes)).toBe(true);
  expect(statSync(app.vaultPath).mtimeMs).toBe(vaultTime);

  const authorized = await app.page.evaluate(
    ([password, id]) => (window as unknown as PageWindow).tessera.exports.authorize(password, [id]),
    [PASSWORD, hotp.id] as const,
  );
  expect(authorized).toEqual({ ok: true, value: { validForSeconds: 300 } });
  const qr = await app.page.evaluate(() => (window as unknown as PageWindow).tessera.exports.qr('entry', 0));
  expect(qr).toMatchObject({ ok: true, value: { count: 1, title: 'Counter (bo)', accounts: ['Counter (bo)'] } });
});
