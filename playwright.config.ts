// SPDX-License-Identifier: GPL-3.0-or-later
import { defineConfig } from '@playwright/test';

/**
 * Two Playwright tiers:
 * - `chromium`: the built renderer in Debian's Chromium, its `window.tessera` bridged to the real
 *   main-process services running in the test process (test/e2e/fixtures.ts);
 * - `electron-app`: the real Electron window, where the Electron binary exists (skipped otherwise,
 *   with the reason; never downloads it).
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
          executablePath: process.env['CHROMIUM_BIN'] ?? '/usr/bin/chromium',
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
    { name: 'electron-app', testDir: 'test/electron-app' },
  ],
});
