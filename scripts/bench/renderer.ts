// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The codes window with a 1,000-entry vault, in headless Chromium against the built renderer and
 * the real services (the Chromium test tier's harness, test/e2e/harness.ts). Prints:
 *   - unlock → first painted list, the vault at the default KDF (Argon2id 3 passes / 256 MiB, the
 *     vault users really have): from the unlock answer, and from Enter in the password field
 *     (which submits the unlock form) including Argon2id (goal ≤ 0.9 s),
 *   - unlock answer → first painted list with its issuer icons (one `icons:images` request for the
 *     list; most issuers have a bundled icon; goal ≤ 300 ms),
 *   - the initial renderer JS, raw and gzipped (BASELINE_RENDERER=<another build's out/renderer>
 *     prints the change),
 *   - typed query → filtered list (DOM updated, and painted),
 *   - IPC messages while idle, by channel (goal: one codes:update push per 30 s period),
 *   - renderer main-thread time while idle, from the DevTools protocol's Performance.getMetrics in
 *     thread time (goal: ≤ 30 ms per 30 s): WINDOWS back-to-back windows of WINDOW_SECONDS (each
 *     holds one push and one rollover), each with its breakdown, and their median; a blank page
 *     measured over the same seconds as the floor,
 *   - the part of that which is the test harness delivering pushes (a DevTools command carrying
 *     the JSON; Electron's IPC has no such cost), measured by replaying the same push to nobody,
 *   - CPU of whole processes over the same windows (all threads: the renderers' compositor, which
 *     plays the countdown rings' animated images, and the GPU process), which the main-thread
 *     figure does not see. (Until session 3 the rings were Web Animations: the compositor then
 *     produced 60 frames a second, ~1.5 s of renderer and ~0.6 s of GPU CPU per 30 s.)
 * Idle means: nobody touches the window, the focus stays in the search field, codes roll over
 * each period as in real use, and a screenful of rows (with their rings) is rendered.
 * SETTLE_MINUTES > 0 first leaves the window idle that long: Chromium samples a new renderer's
 * memory once a second for its first 16 minutes (Blink's HighestPmfReporter: a main-thread task
 * per second, ~2–3 ms per 30 s here), which an authenticator left open all day pays only once.
 * Figures only; nothing is asserted. Needs `npx electron-vite build` first.
 *
 *   node scripts/run-ts.mjs scripts/bench/renderer.ts [ENTRIES] [WINDOW_SECONDS] [WINDOWS] [SETTLE_MINUTES]
 *   (or: npm run bench renderer)
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { inspectVault, KDF_DEFAULT, type NewVaultEntry } from '../../electron/vault';
import { attachBridge, ROOT, startServer, type Bridge } from '../../test/e2e/harness';

const ENTRIES = Number(process.argv[2] ?? 1000);
const WINDOW_SECONDS = Number(process.argv[3] ?? 30);
/** Five: the first window or two after the unlocks and the typing still collect their garbage. */
const WINDOWS = Number(process.argv[4] ?? 5);
/** Idle minutes before the windows are measured; 0 measures from the first minute after use. */
const SETTLE_MINUTES = Number(process.argv[5] ?? 0);
/** Replays of one push to nobody, to measure what the harness's delivery costs the page. */
const DELIVERY_REPLAYS = 5;
const UNLOCK_RUNS = 5;
const PASSWORD = 'bench mauve tangerine quarry drum';
const QUERY = 'service 42';

/**
 * Issuers as a real vault has them: most have a bundled icon (matched by name in main), a few do not
 * (a local bank, a work VPN) and keep their letter tiles.
 */
// prettier-ignore
const ISSUERS = [
  'GitHub', 'Google', 'Microsoft', 'Amazon Web Services', 'Dropbox', 'Slack', 'GitLab', 'Proton', 'Some Local Bank',
  'Steam', 'Discord', 'Facebook', 'Reddit', 'PayPal', 'Stripe', 'Cloudflare', 'DigitalOcean', 'Docker', 'npm',
  'Bitbucket', 'Twitch', 'Nintendo', 'Coinbase', 'City Credit Union', 'Namecheap', 'Zoom', 'Adobe', 'Apple',
  'Instagram', 'LinkedIn', 'WordPress', 'Shopify', 'Okta', '1Password', 'Bitwarden', 'Work VPN', 'Hetzner', 'Mozilla',
  'Figma', 'Notion', 'Trello', 'Vercel', 'Netlify', 'Sentry', 'Backblaze', 'Kraken', 'Google Cloud', 'Epic Games',
];
const GROUPS = [null, null, 'Work', 'Personal', 'Money'];

function makeEntries(n: number): NewVaultEntry[] {
  return Array.from({ length: n }, (_, i): NewVaultEntry => {
    const secret = new Uint8Array(20).map((_, j) => (i * 31 + j * 7) & 0xff);
    const base = { issuer: ISSUERS[i % ISSUERS.length] ?? '', account: `service${i}@example.com`, secret };
    const meta = { group: GROUPS[i % GROUPS.length] ?? null, favourite: i % 97 === 0 };
    if (i % 20 === 19)
      return { ...base, ...meta, type: 'totp', algorithm: 'SHA512', digits: 6, period: 60, counter: null };
    if (i % 10 === 9)
      return { ...base, ...meta, type: 'totp', algorithm: 'SHA256', digits: 8, period: 30, counter: null };
    return { ...base, ...meta, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null };
  });
}

/**
 * The JS the window loads before its first paint: index.html's module scripts and module preloads
 * (the rest is imported on demand), in bytes, raw and gzipped (level 9).
 */
function initialJs(rendererDir: string): { raw: number; gzip: number } {
  const html = readFileSync(path.join(rendererDir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\.\/([^"]+\.js)"/g)].map((m) => m[1] ?? '');
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(rendererDir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const max = (xs: number[]): number => Math.max(...xs);
const ms = (x: number): string => `${x.toFixed(1)} ms`;

interface Trace {
  readonly kind: 'response' | 'event';
  readonly channel: string;
  readonly t: number;
}

/** One unlock's times (page clock, ms). */
interface UnlockTimes {
  readonly total: number;
  readonly afterAnswer: number;
  /** Unlock answer → the first frame with the rows on screen showing their issuer icons. */
  readonly iconsAfterAnswer: number;
  /** Icons drawn in that frame. */
  readonly icons: number;
}

/**
 * One lock → unlock cycle: Enter in the password field → list painted, and unlock answer → list
 * painted, and → list painted with its icons (no tile waiting for its picture: IssuerTile marks
 * those `data-icon-loading`). Enter is timed from its keydown event's time stamp.
 */
async function unlockOnce(page: Page): Promise<UnlockTimes> {
  const field = page.getByLabel('Master password');
  await field.fill(PASSWORD);
  await page.evaluate(() => {
    const w = window as unknown as {
      __tesseraTrace: Trace[];
      __benchUnlock?: Promise<UnlockTimes>;
    };
    w.__tesseraTrace.length = 0;
    const ready = (): boolean => document.querySelector('.code-list .row-code:not(.row-code-empty)') !== null;
    const iconsReady = (): boolean =>
      ready() &&
      document.querySelector('.code-list .tile-picture') !== null &&
      document.querySelector('.code-list .tile[data-icon-loading]') === null;
    // The first frame produced after `when` holds of the DOM.
    const paintedWhen = (when: () => boolean): Promise<number> =>
      new Promise<number>((resolve) => {
        const afterFrame = (): void => {
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => resolve(performance.now());
            channel.port2.postMessage(null);
          });
        };
        const observer = new MutationObserver(() => {
          if (!when()) return;
          observer.disconnect();
          afterFrame();
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    const painted = paintedWhen(ready);
    const iconsPainted = paintedWhen(iconsReady);
    // Keep frames coming while measuring: an idle headless page produces them only now and then.
    let pumping = true;
    const pump = (): void => {
      if (pumping) requestAnimationFrame(pump);
    };
    requestAnimationFrame(pump);
    const entered = new Promise<number>((resolve) => {
      const onKey = (event: KeyboardEvent): void => {
        if (event.key !== 'Enter') return;
        window.removeEventListener('keydown', onKey, true);
        resolve(event.timeStamp);
      };
      window.addEventListener('keydown', onKey, true);
    });
    w.__benchUnlock = (async () => {
      const enteredAt = await entered;
      const paintedAt = await painted;
      const iconsAt = await iconsPainted;
      pumping = false;
      const answer = w.__tesseraTrace.find((t) => t.channel === 'vault:unlock')?.t ?? Number.NaN;
      return {
        total: paintedAt - enteredAt,
        afterAnswer: paintedAt - answer,
        iconsAfterAnswer: iconsAt - answer,
        icons: document.querySelectorAll('.code-list .tile-picture').length,
      };
    })();
  });
  await field.press('Enter');
  return page.evaluate(() => (window as unknown as { __benchUnlock: Promise<UnlockTimes> }).__benchUnlock);
}

/** Types `query` one character at a time; per key press, time to the DOM update and to the painted frame. */
async function filterTimes(page: Page, query: string): Promise<{ dom: number[]; painted: number[]; rows: number }> {
  return page.evaluate(async (text) => {
    const input = document.querySelector<HTMLInputElement>('#search-input');
    if (!input) throw new Error('no search field');
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    const dom: number[] = [];
    const painted: number[] = [];
    // Keep frames coming while measuring (see unlockOnce).
    let pumping = true;
    const pump = (): void => {
      if (pumping) requestAnimationFrame(pump);
    };
    requestAnimationFrame(pump);
    for (let i = 1; i <= text.length; i++) {
      const start = performance.now();
      setValue?.call(input, text.slice(0, i));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // React renders a discrete update before the next task; the frame after that is the paint.
      const domAt = await new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0));
      const paintAt = await new Promise<number>((resolve) =>
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.now());
          channel.port2.postMessage(null);
        }),
      );
      dom.push(domAt - start);
      painted.push(paintAt - start);
      await new Promise((r) => setTimeout(r, 50));
    }
    pumping = false;
    return { dom, painted, rows: document.querySelectorAll('.code-list li').length };
  }, query);
}

type Metrics = Record<string, number>;

async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

/** Main-thread seconds spent between two samples, as ms per 30 s. */
function perThirty(a: Metrics, b: Metrics, key: string, seconds: number): number {
  return (((b[key] ?? 0) - (a[key] ?? 0)) * 1000 * 30) / seconds;
}

/**
 * The main thread's time by kind (Performance.getMetrics, thread time). TaskDuration is the whole;
 * TaskOther is what is neither script, style, layout nor a DevTools command: paint, compositing
 * commits, garbage collection, the scheduler.
 */
const BREAKDOWN = [
  'ScriptDuration',
  'RecalcStyleDuration',
  'LayoutDuration',
  'TaskOtherDuration',
  'DevToolsCommandDuration',
];
const short = (key: string): string => key.replace('Duration', '');

/** CPU seconds of each browser process so far (all threads), from SystemInfo.getProcessInfo. */
async function processCpu(browserCdp: CDPSession): Promise<Map<number, { type: string; cpu: number }>> {
  const { processInfo } = (await browserCdp.send('SystemInfo.getProcessInfo' as never)) as {
    processInfo: { type: string; id: number; cpuTime: number }[];
  };
  return new Map(processInfo.map((p) => [p.id, { type: p.type, cpu: p.cpuTime }]));
}

/** CPU ms per 30 s of each process type between two samples (a process that came later counts from 0). */
function cpuByType(
  a: Map<number, { type: string; cpu: number }>,
  b: Map<number, { type: string; cpu: number }>,
  seconds: number,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const [id, { type, cpu }] of b)
    out.set(type, (out.get(type) ?? 0) + ((cpu - (a.get(id)?.cpu ?? 0)) * 1000 * 30) / seconds);
  return out;
}

interface IdleWindow {
  readonly seconds: number;
  readonly page: Metrics;
  readonly blank: Metrics;
  /** Pushes (events) by channel. */
  readonly pushes: Map<string, number>;
  readonly processes: Map<string, number>;
}

/** One idle window: nobody touches the window for `seconds`. */
async function idleWindow(
  page: Page,
  cdp: CDPSession,
  blankCdp: CDPSession,
  browserCdp: CDPSession,
  bridge: Bridge,
  seconds: number,
): Promise<IdleWindow> {
  const [before, blankBefore, procBefore] = [await metrics(cdp), await metrics(blankCdp), await processCpu(browserCdp)];
  const from = Date.now();
  await page.waitForTimeout(seconds * 1000);
  const [after, blankAfter, procAfter] = [await metrics(cdp), await metrics(blankCdp), await processCpu(browserCdp)];
  const to = Date.now();
  const took = (to - from) / 1000;
  const per = (a: Metrics, b: Metrics): Metrics =>
    Object.fromEntries(['TaskDuration', ...BREAKDOWN].map((k) => [k, perThirty(a, b, k, took)]));
  const pushes = new Map<string, number>();
  for (const m of bridge.ipcLog.filter((r) => r.at >= from && r.at <= to && r.direction !== 'response'))
    pushes.set(m.channel, (pushes.get(m.channel) ?? 0) + 1);
  return {
    seconds: took,
    page: per(before, after),
    blank: per(blankBefore, blankAfter),
    pushes,
    processes: cpuByType(procBefore, procAfter, took),
  };
}

/**
 * What one push costs the page's main thread before the app sees it: the harness sends the JSON
 * text in a DevTools command (test/e2e/harness.ts `deliver`) and the page parses it. Replayed here
 * to a channel nobody listens to, the command is all there is.
 */
async function deliveryCost(page: Page, cdp: CDPSession, bridge: Bridge): Promise<number> {
  const push = bridge.ipcLog.findLast((r) => r.direction === 'event' && r.channel === 'codes:update');
  if (!push) return Number.NaN;
  const json = JSON.stringify(push.payload);
  const costs: number[] = [];
  for (let i = 0; i < DELIVERY_REPLAYS; i++) {
    await page.waitForTimeout(300);
    const a = await metrics(cdp);
    await page.evaluate(
      ([c, text]) =>
        (window as unknown as { __tesseraDeliver?: (c: string, p: unknown) => void }).__tesseraDeliver?.(
          c,
          JSON.parse(text),
        ),
      ['bench:nobody', json] as const,
    );
    const b = await metrics(cdp);
    costs.push(((b['TaskDuration'] ?? 0) - (a['TaskDuration'] ?? 0)) * 1000);
  }
  return median(costs);
}

async function prepareVault(bridge: Bridge): Promise<void> {
  await bridge.services.vault.create(PASSWORD);
  // The longest auto-lock, as for a window left open all day: the default (5 min) would lock it
  // in the middle of a long run.
  await bridge.services.settings.update({ autoLockMinutes: 1440 });
  await bridge.services.vault.open().add(makeEntries(ENTRIES));
  await bridge.services.lock('manual');
}

async function main(): Promise<void> {
  const server = await startServer();
  const browser = await chromium.launch({
    // Set by scripts/bench.mjs to the Chromium the browser tests use (scripts/lib/chromium.mjs).
    ...(process.env['CHROMIUM_BIN'] ? { executablePath: process.env['CHROMIUM_BIN'] } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  // The default KDF, not the harness's floor: the unlock the user really waits for.
  const bridge = await attachBridge(page, { origin: server.origin, kdfParams: KDF_DEFAULT });
  try {
    await prepareVault(bridge);
    await page.addInitScript({ content: 'window.__tesseraTrace = [];' });
    await page.goto(`${server.origin}/index.html`);
    await page.getByLabel('Master password').waitFor();

    const unlocks: UnlockTimes[] = [];
    for (let run = 0; run < UNLOCK_RUNS; run++) {
      unlocks.push(await unlockOnce(page));
      await page.keyboard.press('Control+L');
      await page.getByLabel('Master password').waitFor();
    }
    unlocks.push(await unlockOnce(page));
    // The parameters the unlocks derived with, as the vault file states them.
    const { kdf } = await inspectVault(bridge.vaultPath);
    const rendered = await page.locator('.code-list li').count();

    await page.locator('#search-input').focus();
    const filter = await filterTimes(page, QUERY);
    await page.keyboard.press('Escape');
    await page.locator('.code-list li').nth(5).waitFor();

    // Idle: nobody touches the window. A blank page in the same browser gives the floor.
    const blank = await browser.newPage();
    await blank.goto('about:blank');
    const cdp = await page.context().newCDPSession(page);
    const blankCdp = await blank.context().newCDPSession(blank);
    const browserCdp = await browser.newBrowserCDPSession();
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await blankCdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // The unlocks and the typing above leave garbage whose full collection (~0.1 s of main thread,
    // seen in traces) would land in the first window: that is the cost of the use, not of idling.
    await cdp.send('HeapProfiler.collectGarbage');
    await page.waitForTimeout(2000 + SETTLE_MINUTES * 60_000);
    const windows: IdleWindow[] = [];
    for (let w = 0; w < WINDOWS; w++)
      windows.push(await idleWindow(page, cdp, blankCdp, browserCdp, bridge, WINDOW_SECONDS));
    const animations = await page.evaluate(() => document.getAnimations().length);
    const delivery = await deliveryCost(page, cdp, bridge);
    const seconds = windows.reduce((sum, w) => sum + w.seconds, 0);
    const byChannel = new Map<string, number>();
    for (const w of windows) for (const [c, n] of w.pushes) byChannel.set(c, (byChannel.get(c) ?? 0) + n);
    const messages = [...byChannel.values()].reduce((a, b) => a + b, 0);
    const task = (w: IdleWindow): number => w.page['TaskDuration'] ?? NaN;
    /** The window's main-thread time less the harness's deliveries of its pushes. */
    const appOnly = (w: IdleWindow): number =>
      task(w) - ((w.pushes.get('codes:update') ?? 0) * delivery * 30) / w.seconds;

    const js = initialJs(path.join(ROOT, 'out', 'renderer'));
    // BASELINE_RENDERER: another build's out/renderer (e.g. of the commit before) to compare with.
    const baseline = process.env['BASELINE_RENDERER'] ? initialJs(process.env['BASELINE_RENDERER']) : null;
    const jsChange = baseline
      ? `, ${js.gzip >= baseline.gzip ? '+' : '−'}${kb(Math.abs(js.gzip - baseline.gzip))} on the baseline`
      : '';
    const jsSize = `${kb(js.raw)}, ${kb(js.gzip)} gzip${jsChange}`;
    const rows: [string, string, string][] = [
      [
        'unlock answer → first painted list',
        `${ms(median(unlocks.map((u) => u.afterAnswer)))} median, ${ms(max(unlocks.map((u) => u.afterAnswer)))} max`,
        '≤ 300 ms',
      ],
      [
        `Enter → first painted list, Argon2id ${kdf.opslimit} × ${kdf.memlimit / 2 ** 20} MiB`,
        `${ms(median(unlocks.map((u) => u.total)))} median, ${ms(max(unlocks.map((u) => u.total)))} max`,
        '≤ 0.9 s (Enter → first painted list)',
      ],
      [
        'unlock answer → first painted list with icons',
        `${ms(median(unlocks.map((u) => u.iconsAfterAnswer)))} median, ${ms(max(unlocks.map((u) => u.iconsAfterAnswer)))} max`,
        '≤ 300 ms',
      ],
      ['initial renderer JS', jsSize, ''],
      [`rows in the DOM for ${ENTRIES} entries`, `${rendered} (${unlocks.at(-1)?.icons ?? 0} with icons)`, ''],
      [
        `filter "${QUERY}", per key press → DOM`,
        `${ms(median(filter.dom))} median, ${ms(max(filter.dom))} max`,
        '≤ 16 ms',
      ],
      [
        `filter "${QUERY}", per key press → painted`,
        `${ms(median(filter.painted))} median, ${ms(max(filter.painted))} max`,
        '',
      ],
      [
        `IPC messages in ${seconds.toFixed(0)} s idle`,
        `${messages} (${[...byChannel].map(([c, n]) => `${c} ×${n}`).join(', ') || 'none'})`,
        `one push per 30 s period`,
      ],
      [
        `renderer TaskDuration while idle, per 30 s`,
        `${ms(median(windows.map(task)))} median of ${windows.map((w) => task(w).toFixed(1)).join(', ')}`,
        '≤ 30 ms',
      ],
    ];
    for (const key of BREAKDOWN)
      rows.push([`  of which ${short(key)}`, `${ms(median(windows.map((w) => w.page[key] ?? NaN)))} median`, '']);
    rows.push(
      [`  of which the harness delivering a push`, `${ms(delivery)} per push (DevTools command; not in Electron)`, ''],
      [
        `renderer TaskDuration less the harness, per 30 s`,
        `${ms(median(windows.map(appOnly)))} median of ${windows.map((w) => appOnly(w).toFixed(1)).join(', ')}`,
        '≤ 30 ms',
      ],
      [
        `blank page TaskDuration, per 30 s (floor)`,
        `${ms(median(windows.map((w) => w.blank['TaskDuration'] ?? NaN)))} median`,
        '',
      ],
      [`CSS / Web Animations running in the codes window`, String(animations), '0: the rings are images'],
    );
    for (const type of ['renderer', 'GPU', 'browser'])
      rows.push([
        `${type} process${type === 'renderer' ? 'es' : ''} CPU, all threads, per 30 s`,
        `${ms(median(windows.map((w) => w.processes.get(type) ?? 0)))} median (10 ms ticks)`,
        '',
      ]);

    console.log(
      `codes window, ${ENTRIES} entries, headless ${browser.version()}, ${UNLOCK_RUNS + 1} unlocks, ${WINDOWS} idle windows of ${WINDOW_SECONDS} s` +
        (SETTLE_MINUTES > 0 ? ` after ${SETTLE_MINUTES} idle minutes` : ''),
    );
    for (const [name, value, goal] of rows) console.log(`${name.padEnd(52)} ${value.padEnd(46)} ${goal}`);
    await blank.close();
  } finally {
    await bridge.dispose();
    await browser.close();
    await server.close();
  }
}

await main();
