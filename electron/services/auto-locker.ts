// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Runs the pure auto-lock policy (electron/vault/autolock.ts) against a clock: one timer aimed at
 * the moment the idle timeout would pass, re-aimed when activity is seen. Idle time comes from the
 * operating system (any keyboard or mouse use counts), so using another app keeps Tessera open
 * only as long as the user is at the computer.
 */
import type { Clock, LockReason, TimerHandle } from '../domain';
import {
  initialAutoLockState,
  msUntilIdleLock,
  nextLockDecision,
  type AutoLockEvent,
  type AutoLockSettings,
  type AutoLockState,
} from '../vault';

export interface AutoLocker {
  /** Starts watching after an unlock. */
  start(): void;
  stop(): void;
  /** Feeds an event (activity from the window, suspend, screen lock); may lock. */
  handle(type: AutoLockEvent['type']): void;
  /** Re-aims the idle timer after the settings changed (a shorter time may lock at once). */
  refresh(): void;
}

export function createAutoLocker(deps: {
  clock: Clock;
  settings: () => AutoLockSettings;
  lock: (reason: LockReason) => void;
  /** Milliseconds since the last input anywhere on the system, if the platform can tell. */
  systemIdleMs?: () => number;
}): AutoLocker {
  let state: AutoLockState | null = null;
  let timer: TimerHandle | null = null;

  function clear(): void {
    if (timer) deps.clock.clearTimeout(timer);
    timer = null;
  }

  function schedule(): void {
    clear();
    if (!state) return;
    const ms = msUntilIdleLock(deps.settings(), state, deps.clock.now());
    if (ms !== null) timer = deps.clock.setTimeout(() => handle('tick'), ms);
  }

  function handle(type: AutoLockEvent['type']): void {
    if (!state) return;
    const now = deps.clock.now();
    if (type === 'tick' && deps.systemIdleMs) {
      // Input elsewhere on the system since our last look counts as activity.
      state = nextLockDecision(deps.settings(), { type: 'activity', at: now - deps.systemIdleMs() }, state).state;
    }
    const decision = nextLockDecision(deps.settings(), { type, at: now }, state);
    state = decision.state;
    if (decision.lock) {
      state = null;
      clear();
      deps.lock(decision.lock);
      return;
    }
    schedule();
  }

  return {
    start() {
      state = initialAutoLockState(deps.clock.now());
      schedule();
    },
    stop() {
      state = null;
      clear();
    },
    handle,
    refresh: () => handle('tick'),
  };
}
