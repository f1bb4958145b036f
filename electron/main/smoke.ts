// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * `--smoke-test`: proves that the real app starts on a machine that has the Electron binary. Once
 * the window has loaded its page and painted it (`did-finish-load` and `ready-to-show`, in either
 * order), it prints the pass line and quits the usual way (the vault is locked, exit code 0); a
 * failed load, a renderer that stops or no paint within the time limit prints why and exits 1.
 * `npm run smoke` (scripts/smoke.mjs) starts the app with this switch and a throw-away data folder.
 * Pure over the window's events, so it is tested under Node as well as in the real app.
 */
import type { BrowserWindow, WebContents } from 'electron';

export const SMOKE_SWITCH = '--smoke-test';
/** The line scripts/smoke.mjs waits for; keep the two in step. */
export const SMOKE_PASSED = 'Tessera smoke test passed: the window loaded and painted.';
export const SMOKE_FAILED = 'Tessera smoke test failed:';
export const SMOKE_TIMEOUT_MS = 45_000;

export interface SmokeDeps {
  /** Quits normally (through before-quit, so shutdown runs). */
  readonly quit: () => void;
  readonly exit: (code: number) => void;
  readonly log: (line: string) => void;
  readonly setTimer: (fn: () => void, ms: number) => { readonly cancel: () => void };
  readonly timeoutMs?: number;
}

type SmokeWindow = Pick<BrowserWindow, 'once'> & { readonly webContents: Pick<WebContents, 'once'> };

/** Watches the window's first load and paint; ends the app either way. */
export function installSmokeTest(win: SmokeWindow, deps: SmokeDeps): void {
  const timeoutMs = deps.timeoutMs ?? SMOKE_TIMEOUT_MS;
  let loaded = false;
  let painted = false;
  let done = false;

  const finish = (failure: string | null): void => {
    if (done) return;
    done = true;
    timer.cancel();
    if (failure === null) {
      deps.log(SMOKE_PASSED);
      deps.quit();
    } else {
      deps.log(`${SMOKE_FAILED} ${failure}`);
      deps.exit(1);
    }
  };
  const check = (): void => {
    if (loaded && painted) finish(null);
  };

  const timer = deps.setTimer(
    () => finish(`the window did not load and paint within ${Math.round(timeoutMs / 1000)} s.`),
    timeoutMs,
  );
  win.webContents.once('did-finish-load', () => {
    loaded = true;
    check();
  });
  win.once('ready-to-show', () => {
    painted = true;
    check();
  });
  win.webContents.once('did-fail-load', (_event, code, description) =>
    finish(`the page did not load (${code} ${description}).`),
  );
  win.webContents.once('render-process-gone', (_event, details) =>
    finish(`the window's renderer stopped (${details.reason}).`),
  );
}
