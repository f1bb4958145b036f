// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * No parsing on main's thread, proven in Chromium against the real services (which run in this
 * test process, as main does in the app) and the BUILT import worker (out/main/import-worker.js):
 * a FreeOTP backup as large as the import's work budget accepts — seconds of XML parsing, every
 * limit respected (test/electron/services/import-worker-files.ts) — is dropped on the window, and
 * while the worker reads it:
 * - the codes keep coming: an account with a 1-second period changes its code on the page at
 *   least twice, which takes main pushing new codes (the page holds one code ahead, no more);
 * - main answers a copy request from the page at once, and the clipboard gets the code (the rows
 *   behind the modal dialog are inert, so the request is made through `window.tessera`, the same
 *   call a row's click makes);
 * - main's event loop is never busy for long: the longest busy stretch between two 10 ms ticks
 *   (event-loop utilisation, which CPU contention on a loaded machine does not inflate as timer lag does);
 * then Cancel, reached with the keyboard inside the dialog, stops it at once: the dialog says
 * "Stopped. Nothing was imported.", main answers the read `cancelled`, and the vault is unchanged.
 */
import { PerformanceObserver, performance as nodePerformance } from 'node:perf_hooks';
import type { TesseraApi } from '../../electron/ipc/contract';
import { base32Encode } from '../../electron/otp';
import { budgetSizedFreeOtpXml, secretOf } from '../electron/services/import-worker-files';
import { expect as baseExpect, test, type TestApp } from './fixtures';
import { dropFile, importDialog, secretForms } from './import-steps';
import { createVault, row } from './steps';

// The file crosses the harness's bridge as text (twice 65 MB) and the worker shares two cores with
// Chromium: generous limits, no sleeps.
const expect = baseExpect.configure({ timeout: 30_000 });
test.describe.configure({ timeout: 120_000 });

/** How busy this process's event loop was while watched: the figures the test asserts and reports. */
interface LoopFigures {
  /** The most event-loop time spent between two consecutive 10 ms ticks: the longest it was blocked, at most. */
  readonly maxBusyMs: number;
  /** The latest a 10 ms tick came (includes time the OS gave the CPU to Chromium or the worker). */
  readonly maxTimerLagMs: number;
  /** Share of the watched time the loop was busy. */
  readonly utilization: number;
  /**
   * The longest garbage collection of this process meanwhile: mostly the harness's own garbage (the
   * file crossed the bridge as 65 MB of text), which counts in the busy time above.
   */
  readonly maxGcMs: number;
  readonly watchedMs: number;
}

/** Watches this process's event loop (where the harness's services, i.e. main, run) until stopped. */
function watchEventLoop(): { stop(): LoopFigures } {
  const first = nodePerformance.eventLoopUtilization();
  const startedAt = performance.now();
  let previous = first;
  let last = startedAt;
  let maxBusyMs = 0;
  let maxTimerLagMs = 0;
  let maxGcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  const timer = setInterval(() => {
    const now = performance.now();
    const current = nodePerformance.eventLoopUtilization();
    maxBusyMs = Math.max(maxBusyMs, nodePerformance.eventLoopUtilization(current, previous).active);
    maxTimerLagMs = Math.max(maxTimerLagMs, now - last - 10);
    previous = current;
    last = now;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      gc.disconnect();
      return {
        maxBusyMs: Math.round(maxBusyMs),
        maxTimerLagMs: Math.round(maxTimerLagMs),
        utilization: Number(nodePerformance.eventLoopUtilization(first).utilization.toFixed(3)),
        maxGcMs: Math.round(maxGcMs),
        watchedMs: Math.round(performance.now() - startedAt),
      };
    },
  };
}

const readFileRecords = (app: TestApp, direction: 'request' | 'response') =>
  app.ipcLog.filter((r) => r.direction === direction && r.channel === 'imports:read-file');

test('a budget-sized file is read in the worker: codes tick, a copy is answered, Cancel stops it', async ({ app }) => {
  const page = app.page;
  const file = budgetSizedFreeOtpXml();
  await createVault(app);
  await app.services.entries.add({
    type: 'totp',
    issuer: 'Ticker',
    account: 'every second',
    secret: base32Encode(secretOf('ticker')),
    period: 1,
  });
  await app.services.entries.add({
    type: 'totp',
    issuer: 'GitHub',
    account: 'alice@example.com',
    secret: base32Encode(secretOf('github')),
  });
  await expect(row(app, 'Ticker', 'every second')).toBeVisible();
  await expect(row(app, 'GitHub', 'alice@example.com')).toBeVisible();
  const before = app.services.entries.list();

  // Every change of the 1-second account's code on the page, with the wall-clock time it happened.
  await page.evaluate(() => {
    const changes: number[] = [];
    Object.defineProperty(window, '__tickerChanges', { value: changes });
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target;
        if (el instanceof HTMLElement && el.classList.contains('row-main')) {
          if ((el.getAttribute('aria-label') ?? '').startsWith('Ticker,')) changes.push(Date.now());
        }
      }
    }).observe(document.getElementById('root') ?? document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-label'],
    });
  });
  const tickerChangesSince = (since: number): Promise<number> =>
    page.evaluate(
      (t) => (window as unknown as { __tickerChanges: number[] }).__tickerChanges.filter((at) => at >= t).length,
      since,
    );

  // Watching main starts the moment the file reaches it (the harness logs each request just before
  // the dispatcher runs it): the text the file crossed the bridge as is decoded before that, and is
  // the harness's cost, not main's (Electron's IPC hands the bytes over as they are).
  const watching = new Promise<{ stop(): LoopFigures }>((resolve) => {
    const log = app.ipcLog;
    const push = log.push.bind(log);
    log.push = (...records) => {
      if (records.some((r) => r.direction === 'request' && r.channel === 'imports:read-file')) {
        resolve(watchEventLoop());
      }
      return push(...records);
    };
  });

  await dropFile(page, 'mystery.bin', file.bytes, 'application/octet-stream');
  const dialog = importDialog(page);
  await expect(dialog.getByRole('progressbar', { name: 'Reading “mystery.bin”…' })).toBeVisible();
  const cancel = dialog.getByRole('button', { name: 'Cancel reading “mystery.bin”' });
  await expect(cancel).toBeVisible();
  await expect(cancel).toHaveText('Cancel');

  // Main has the file; the worker reads it now.
  const loop = await watching;
  const readFrom = readFileRecords(app, 'request')[0]?.at ?? Date.now();

  await test.step('the keyboard stays inside the dialog and reaches Cancel', async () => {
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // The source buttons come after the busy note: going back from the focused one reaches Cancel.
    for (let i = 0; i < 40 && !(await cancel.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    }
    await expect(cancel).toBeFocused();
  });

  await test.step('the codes keep coming while the file is read', async () => {
    await expect.poll(() => tickerChangesSince(readFrom)).toBeGreaterThanOrEqual(2);
    const pushes = app.ipcLog.filter(
      (r) => r.direction === 'event' && r.channel === 'codes:update' && r.at >= readFrom,
    );
    expect(pushes.length).toBeGreaterThanOrEqual(1);
  });

  const copy = await test.step('main answers a copy at once and the clipboard gets the code', async () => {
    const github = before.find((e) => e.issuer === 'GitHub');
    if (!github) throw new Error('GitHub is not in the vault');
    const answer = await page.evaluate(async (id) => {
      const started = performance.now();
      const result = await (window as unknown as { tessera: TesseraApi }).tessera.codes.copy(id);
      return { ok: result.ok, ms: performance.now() - started };
    }, github.id);
    expect(answer.ok).toBe(true);
    expect(answer.ms).toBeLessThan(1_000);
    const code = app.services.codes.current().find((c) => c.id === github.id)?.code;
    expect(app.clipboard.text).toBe(code);
    return answer;
  });

  await test.step('Enter on Cancel stops the read at once', async () => {
    expect(readFileRecords(app, 'response'), 'the file was read before Cancel: make it larger').toEqual([]);
    await expect(cancel).toBeFocused();
    const stoppedAt = Date.now();
    await page.keyboard.press('Enter');

    await expect(dialog.locator('.import-notice')).toHaveText('Stopped. Nothing was imported.');
    await expect(page.getByTestId('import-announcer')).toHaveText('Stopped. Nothing was imported.');
    await expect(dialog.getByRole('button', { name: 'Open image or export file…' })).toBeVisible();
    await expect(dialog.getByRole('progressbar')).toHaveCount(0);
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);

    await expect.poll(() => readFileRecords(app, 'response').length).toBe(1);
    const [response] = readFileRecords(app, 'response');
    expect(response?.payload).toEqual({ ok: true, value: { step: 'cancelled' } });
    // Parsing the rest would take seconds; the answer came when the worker was ended.
    expect((response?.at ?? Infinity) - stoppedAt).toBeLessThan(1_000);
  });

  const figures = loop.stop();
  test.info().annotations.push({
    type: 'main while the worker read',
    description: `${JSON.stringify(figures)}; copy answered in ${Math.round(copy.ms)} ms`,
  });
  console.log(`[import-worker] main while the worker read: ${JSON.stringify(figures)}; copy ${Math.round(copy.ms)} ms`);
  expect(figures.maxBusyMs, 'main’s event loop was blocked').toBeLessThan(200);

  expect(app.services.entries.list()).toEqual(before);
  // Nothing of the file reached the page. (Only what main sent is searched: the page's own request
  // holds the file's 48 MB, which it read from the drop.)
  const toPage = JSON.stringify(app.ipcLog.filter((r) => r.direction !== 'request'));
  const html = await page.content();
  for (const form of file.secrets.flatMap(secretForms)) {
    expect(toPage.includes(form), `a message to the page holds ${form.slice(0, 6)}…`).toBe(false);
    expect(html.includes(form), `the page holds ${form.slice(0, 6)}…`).toBe(false);
  }
});
