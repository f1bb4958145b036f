// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The system clock plus an offset the test can move: time flows as usual, and `jump` moves it at
 * once, as a computer's clock does over a suspend (or when it is set by hand).
 */
import type { Clock, TimerHandle } from '../../electron/domain';
import { systemClock } from '../../electron/services/clock';

export class ShiftedClock implements Clock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    return systemClock.setTimeout(fn, ms);
  }
  clearTimeout(handle: TimerHandle): void {
    systemClock.clearTimeout(handle);
  }
  /** Moves the clock forward by `ms` at once. */
  jump(ms: number): void {
    this.offsetMs += ms;
  }
}
