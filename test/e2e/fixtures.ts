// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Chromium tier: the built renderer (out/renderer) in Debian's Chromium, served with the
 * production CSP, its `window.tessera` bridged to the real main-process services (test/e2e/
 * harness.ts). Every test gets its own data folder. `test.use({ mainClock: 'fake' })` gives main a
 * FakeClock (test/helpers/fake-clock.ts) that moves only when the test says so, e.g. to reach the
 * idle lock without waiting. `test.use({ mainQuickUnlock: 'keyring' })` gives main's quick unlock a
 * fake OS keyring (harness.ts; also with Touch ID, or Linux's `basic_text`, which it cannot use).
 * `app.restart()` quits and starts Tessera again over the same vault and data folder.
 */
import { test as base, type Page } from '@playwright/test';
import type { AppServices } from '../../electron/services/app-services';
import type { TimeCheck } from '../../electron/time/time-check';
import { FakeClock } from '../helpers/fake-clock';
import { ShiftedClock } from '../helpers/shifted-clock';
import type { QuickUnlockPorts } from '../../electron/services/quick-unlock-ports';
import {
  attachBridge,
  quickUnlockPorts,
  startServer,
  type FakeClipboard,
  type FakeDesktop,
  type IpcRecord,
  type QuickUnlockSetup,
} from './harness';

export { FakeClipboard, FakeDesktop, type IpcRecord, type QuickUnlockSetup } from './harness';

export interface TestApp {
  readonly page: Page;
  /** Main's services: after `restart`, the new ones. */
  readonly services: AppServices;
  readonly dataDir: string;
  readonly vaultPath: string;
  readonly clipboard: FakeClipboard;
  /** The file dialogs, screens and clipboard image main sees. */
  readonly desktop: FakeDesktop;
  readonly ipcLog: IpcRecord[];
  /** Main's clock when the test asked for `mainClock: 'fake'`, else null. */
  readonly clock: FakeClock | null;
  /** Main's clock when the test asked for `mainClock: 'shifted'` (the system clock, jumps on request), else null. */
  readonly shiftedClock: ShiftedClock | null;
  /** The OS keyring and Touch ID main's quick unlock sees (`mainQuickUnlock`), or null when it has none. */
  readonly quickUnlock: QuickUnlockPorts | null;
  /** The entry page's URL. */
  readonly url: string;
  /** Opens the app's entry page and waits for the first paint of the React root. */
  open(): Promise<void>;
  /**
   * Quits and starts Tessera again: main's services shut down and are built again over the same
   * vault file, data folder and OS keyring (harness.ts `restartMain`), and the window reloads and
   * waits for the first paint of the React root.
   */
  restart(): Promise<void>;
}

export interface AppOptions {
  /**
   * 'system' (default); 'fake': a FakeClock that starts at the real time and moves only when
   * advanced; 'shifted': the system clock, which the test can make jump (a suspend).
   */
  readonly mainClock: 'system' | 'fake' | 'shifted';
  /** Main's clock check (a fake the test scripts); default none: main never checks the clock. */
  readonly mainTimeCheck: TimeCheck | null;
  /**
   * The OS side of quick unlock: 'none' (default, as the app has without a keyring adapter), a fake
   * keyring ('keyring', with Touch ID: 'keyring+touch-id'), or Linux without one ('basic-text').
   */
  readonly mainQuickUnlock: QuickUnlockSetup;
}

export const test = base.extend<{ app: TestApp } & AppOptions, { server: { origin: string } }>({
  mainClock: ['system', { option: true }],
  mainTimeCheck: [null, { option: true }],
  mainQuickUnlock: ['none', { option: true }],
  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startServer();
      await use({ origin: server.origin });
      await server.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ page, server, mainClock, mainTimeCheck, mainQuickUnlock }, use) => {
    const clock = mainClock === 'fake' ? new FakeClock(Date.now()) : null;
    const shiftedClock = mainClock === 'shifted' ? new ShiftedClock() : null;
    const mainClockUsed = clock ?? shiftedClock;
    const quickUnlock = quickUnlockPorts(mainQuickUnlock);
    const bridge = await attachBridge(page, {
      origin: server.origin,
      ...(mainClockUsed ? { clock: mainClockUsed } : {}),
      ...(mainTimeCheck ? { timeCheck: mainTimeCheck } : {}),
      ...(quickUnlock ? { quickUnlock } : {}),
    });
    const openPage = async (): Promise<void> => {
      await page.goto(`${server.origin}/index.html`);
      await page.locator('#root > *').first().waitFor();
    };
    const app: TestApp = {
      page,
      get services() {
        return bridge.services;
      },
      dataDir: bridge.dataDir,
      vaultPath: bridge.vaultPath,
      clipboard: bridge.clipboard,
      desktop: bridge.desktop,
      ipcLog: bridge.ipcLog,
      clock,
      shiftedClock,
      quickUnlock,
      url: `${server.origin}/index.html`,
      open: openPage,
      restart: async () => {
        await bridge.restartMain();
        await openPage();
      },
    };
    await use(app);
    await bridge.dispose();
  },
});

export { expect } from '@playwright/test';
