// SPDX-License-Identifier: GPL-3.0-or-later
/** A manual clock for services that schedule work: time moves only when the test says so. */
import type { Clock, TimerHandle } from '../../electron/domain';

export class FakeClock implements Clock {
  private timers: { id: number; at: number; fn: () => void }[] = [];
  private nextId = 1;
  constructor(private current: number) {}

  now(): number {
    return this.current;
  }
  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + ms, fn });
    return { id };
  }
  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }
  /** Pending timers (for asserting that only one is scheduled). */
  pending(): number {
    return this.timers.length;
  }
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const due = this.timers[0];
      if (!due || due.at > end) break;
      this.timers.shift();
      this.current = due.at;
      due.fn();
    }
    this.current = end;
  }
}
