// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The clock check in Chromium against the built renderer and the real services. Main's time check
 * is a fake (nothing is sent) that reports this computer's clock 42 s behind: the window warns, the
 * user chooses the corrected time, and the row's code and countdown then follow now + offset.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import type { ClockMeasurement } from '../../electron/domain';
import type { TimeCheck } from '../../electron/time/time-check';
import { expect, test, type TestApp } from './fixtures';
import { addAccount, createVault, PASSWORD, row, SECRET } from './steps';

const OFFSET_MS = 42_317;

/** Main's time check: every query measures the clock 42.3 s behind; the servers asked are kept. */
class FakeTimeCheck implements TimeCheck {
  readonly asked: string[] = [];
  constructor(private readonly offsetMs: number) {}
  async measure(server: string): Promise<ClockMeasurement> {
    this.asked.push(server);
    return { server, offsetMs: this.offsetMs, roundTripMs: 18, at: Date.now() };
  }
}

const totpAt = (ms: number): string =>
  new TOTP({ secret: Secret.fromBase32(SECRET), digits: 6, period: 30 })
    .generate({ timestamp: ms })
    .replace(/^(\d{3})(\d{3})$/, '$1 $2');

/** The code the row shows, as its accessible name says it ("…, code 123 456"). */
async function shownCode(app: TestApp): Promise<string> {
  const name = (await row(app, 'GitHub', 'alice').getAttribute('aria-label')) ?? '';
  return /code (\d{3} \d{3})$/.exec(name)?.[1] ?? name;
}

/** Whether the row shows the code of (this computer's time + offset), allowing for a period boundary meanwhile. */
async function showsCodeAt(app: TestApp, offsetMs: number): Promise<boolean> {
  const before = Date.now();
  const code = await shownCode(app);
  return [totpAt(before + offsetMs), totpAt(Date.now() + offsetMs)].includes(code);
}

test.describe('clock check', () => {
  const check = new FakeTimeCheck(OFFSET_MS);
  test.use({ mainTimeCheck: check });

  test('a clock 42 s behind: the warning, the corrected time, and codes at now + offset', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    const page = app.page;
    expect(check.asked.at(-1)).toBe('pool.ntp.org');

    const warning = page.getByRole('alert').filter({ hasText: 'Your computer’s clock is 42 seconds behind.' });
    await expect(warning).toContainText('Codes may be refused.');
    expect(await showsCodeAt(app, 0)).toBe(true);
    await warning.getByText('Details').click();
    await expect(warning).toContainText('difference +42,317 ms, round trip 18 ms');
    await page.screenshot({ path: path.join('test-results', 'screenshots', 'clock-warning.png') });

    await warning.getByRole('button', { name: 'Use the corrected time' }).click();
    const note = page.getByTestId('clock-notice');
    await expect(note).toContainText('Codes use the corrected time. Your computer’s clock is 42 seconds behind.');
    await expect(page.getByRole('alert').filter({ hasText: 'Codes may be refused' })).toHaveCount(0);
    await expect.poll(() => showsCodeAt(app, OFFSET_MS)).toBe(true);
    expect(await showsCodeAt(app, 0)).toBe(false);

    // The countdown counts on the corrected time too (the selected row's time left).
    await row(app, 'GitHub', 'alice').focus();
    await expect
      .poll(async () => {
        const text = (await page.locator('#selected-time-left').textContent()) ?? '';
        const left = Number(/(\d+) seconds? left/.exec(text)?.[1] ?? NaN);
        const expected = Math.ceil((30_000 - ((Date.now() + OFFSET_MS) % 30_000)) / 1000);
        return Math.abs(left - expected) <= 1 || Math.abs(left - expected) >= 29;
      })
      .toBe(true);

    // Kept in this computer's settings, beside nothing secret.
    const settings = JSON.parse(readFileSync(path.join(app.dataDir, 'settings.json'), 'utf8'));
    expect(settings.clockCorrection).toMatchObject({ server: 'pool.ntp.org', offsetMs: OFFSET_MS });

    await note.getByRole('button', { name: 'Use the computer’s clock' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '42 seconds behind' })).toBeVisible();
    await expect.poll(() => showsCodeAt(app, 0)).toBe(true);
  });

  test('the corrected time survives a reload of the window and a lock', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    await app.page.getByRole('button', { name: 'Use the corrected time' }).click();
    await expect.poll(() => showsCodeAt(app, OFFSET_MS)).toBe(true);
    await app.page.reload();
    await expect(app.page.getByTestId('clock-notice')).toContainText('Codes use the corrected time.');
    await expect.poll(() => showsCodeAt(app, OFFSET_MS)).toBe(true);

    const asked = check.asked.length;
    await app.page.keyboard.press('Control+L');
    await app.page.getByLabel('Master password').fill(PASSWORD);
    await app.page.keyboard.press('Enter');
    await expect(row(app, 'GitHub', 'alice')).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => showsCodeAt(app, OFFSET_MS)).toBe(true);
    // One query per unlock.
    expect(check.asked).toHaveLength(asked + 1);
  });
});

test.describe('clock check, a clock that is right', () => {
  test.use({ mainTimeCheck: new FakeTimeCheck(1_200) });

  test('no warning; Settings says what the last check found', async ({ app }) => {
    await createVault(app);
    await addAccount(app, 'GitHub', 'alice');
    await app.page.getByRole('button', { name: 'Settings' }).click();
    const dialog = app.page.getByRole('dialog', { name: 'Settings' });
    await expect(dialog).toContainText('Your computer’s clock is 1 second behind.');
    await dialog.getByRole('heading', { name: 'Clock' }).scrollIntoViewIfNeeded();
    await app.page.screenshot({ path: path.join('test-results', 'screenshots', 'clock-settings.png') });
    await expect(app.page.getByTestId('clock-notice')).toHaveCount(0);
  });
});
