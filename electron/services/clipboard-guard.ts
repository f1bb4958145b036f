// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Copies a code to the system clipboard and clears it again after N seconds, on lock and on quit,
 * but only if the clipboard still holds that code (KeePassXC's rule: never wipe what the user
 * copied since).
 */
import type { Clock, TimerHandle } from '../domain';

/** The narrow clipboard the guard needs; Electron's adapter lives in electron/platform. */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): Promise<void>;
}

export interface ClipboardGuard {
  /** Writes `code`; returns the seconds until it is cleared (0 = never). */
  copy(code: string): Promise<number>;
  /** Clears now if the clipboard still holds the last copied code. */
  clearIfOurs(): Promise<void>;
}

export function createClipboardGuard(deps: {
  clipboard: ClipboardPort;
  clock: Clock;
  clearAfterSeconds: () => number;
}): ClipboardGuard {
  let lastCopied: string | null = null;
  let timer: TimerHandle | null = null;

  async function clearIfOurs(): Promise<void> {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
    const ours = lastCopied;
    lastCopied = null;
    if (ours !== null && (await deps.clipboard.readText()) === ours) await deps.clipboard.clear();
  }

  return {
    async copy(code) {
      if (timer) deps.clock.clearTimeout(timer);
      timer = null;
      await deps.clipboard.writeText(code);
      lastCopied = code;
      const seconds = deps.clearAfterSeconds();
      if (seconds > 0) timer = deps.clock.setTimeout(() => void clearIfOurs(), seconds * 1000);
      return seconds;
    },
    clearIfOurs,
  };
}
