// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Pushes one `codes:update` when the next period boundary (or next-code preview moment) passes,
 * instead of ticking every second: 1,000 entries cost one message per period.
 */
import type { Clock, TimerHandle } from '../domain';

export interface CodesPusher {
  /** (Re)computes the schedule, e.g. after unlock or when entries change; pushes immediately. */
  restart(): void;
  stop(): void;
}

export function createCodesPusher(deps: {
  clock: Clock;
  /** Computes and emits the current snapshots. */
  push: () => void;
  /** The next instant (ms) at which any code or preview changes, or null if none will. */
  nextChangeAt: (now: number) => number | null;
}): CodesPusher {
  let timer: TimerHandle | null = null;

  function schedule(): void {
    const now = deps.clock.now();
    const at = deps.nextChangeAt(now);
    if (at === null) return;
    // Fire a hair after the boundary so the new period's code is the one computed.
    timer = deps.clock.setTimeout(tick, Math.max(0, at - now) + 5);
  }

  function tick(): void {
    timer = null;
    deps.push();
    schedule();
  }

  function stop(): void {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
  }

  return {
    restart() {
      stop();
      tick();
    },
    stop,
  };
}
