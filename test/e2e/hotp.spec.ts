// SPDX-License-Identifier: GPL-3.0-or-later
/** HOTP by mouse: the "Next code" button is on top where it is drawn, and a click makes a code. */
import { expect, test } from './fixtures';
import { createVault } from './steps';

test('a click on "Next code" generates the next code, and the copy button then copies it', async ({ app }) => {
  await createVault(app);
  await app.services.entries.addUri(
    'otpauth://hotp/Yubico:carol?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0&issuer=Yubico',
  );
  const page = app.page;
  const next = page.getByRole('button', { name: 'Next code for Yubico, carol' });
  // A real click at the button's centre: Playwright refuses when another element would receive it.
  await next.click({ timeout: 3_000 });
  // RFC 4226's code for counter 0 (the counter stored is then 1).
  const copy = page.getByRole('button', { name: /^Yubico, carol, code 755 224$/ });
  await expect(copy).toBeVisible();
  await expect(page.locator('.toast-error')).toHaveCount(0);
  expect(app.services.entries.list()[0]?.counter).toBe(1);
  await copy.click();
  await expect.poll(() => app.clipboard.text).toBe('755224');
});
