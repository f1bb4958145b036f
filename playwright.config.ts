// SPDX-License-Identifier: GPL-3.0-or-later
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * The Chromium that scripts/lib/chromium.mjs's findChromium picks (find only, never install), or
 * undefined. Run in a child Node rather than imported: Playwright's require hook rewrites an imported
 * .mjs to CommonJS, which Node (20.19 and later) then refuses to run as an ES module.
 */
function findChromiumPath(): string | undefined {
  const script = path.join(__dirname, 'scripts', 'lib', 'chromium.mjs');
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

// `npm test` finds or installs a browser and passes it in CHROMIUM_BIN; a bare `npx playwright test`
// looks for one the same way but never installs. A CHROMIUM_BIN that is wrong is passed through so
// Playwright names it; with no browser at all, Playwright reports its own "executable doesn't exist".
const chromiumBin = process.env['CHROMIUM_BIN'] || findChromiumPath();
// The workers load this config again and inherit the environment: spare them the search.
if (chromiumBin) process.env['CHROMIUM_BIN'] = chromiumBin;
// The Electron tier launches the real app with this environment: it must not check the clock over
// the network (electron/time/time-check.ts). The Chromium tier builds its services without a check.
process.env['TESSERA_TIME_CHECK'] = 'off';

/**
 * Two Playwright tiers:
 * - `chromium`: the built renderer in a system Chromium (or Playwright's own), its `window.tessera`
 *   bridged to the real main-process services running in the test process (test/e2e/fixtures.ts);
 * - the Electron tier, where the Electron binary exists (skipped otherwise, with the reason; never
 *   downloads it): `electron-smoke` first (`npm run smoke`: the app starts, paints and quits), then
 *   `electron-app`, the real window driven by Playwright, which runs only once the smoke test passed.
 */
export default defineConfig({
  outputDir: 'test-results/playwright',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env['CI'],
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e',
      use: {
        browserName: 'chromium',
        launchOptions: {
          ...(chromiumBin ? { executablePath: chromiumBin } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    { name: 'electron-smoke', testDir: 'test/electron-app', testMatch: 'smoke.spec.ts' },
    {
      name: 'electron-app',
      testDir: 'test/electron-app',
      testIgnore: 'smoke.spec.ts',
      dependencies: ['electron-smoke'],
    },
  ],
});
