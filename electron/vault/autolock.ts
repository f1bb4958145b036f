// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The auto-lock policy as a pure function of (settings, event, state): no timers, no Electron, so it
 * is tested with plain numbers. electron/platform feeds it `powerMonitor` events, renderer activity
 * and periodic ticks, and locks the vault when it answers with a reason.
 */
import type { LockReason } from '../domain';

/** What the user chose. `idleMinutes` null (or 0) turns the idle lock off. */
export interface AutoLockSettings {
  readonly idleMinutes: number | null;
  readonly lockOnSuspend: boolean;
  readonly lockOnScreenLock: boolean;
}

/** Defaults: lock on suspend, on screen lock, and after 5 minutes without activity. */
export const DEFAULT_AUTOLOCK_SETTINGS: AutoLockSettings = Object.freeze({
  idleMinutes: 5,
  lockOnSuspend: true,
  lockOnScreenLock: true,
});

/** Something that happened, at wall-clock milliseconds `at`. */
export interface AutoLockEvent {
  readonly type: 'activity' | 'tick' | 'suspend' | 'screen-lock' | 'manual';
  readonly at: number;
}

/** The policy's memory: when the user last did something (reset on unlock with an 'activity' event). */
export interface AutoLockState {
  readonly lastActivityAt: number;
}

/** The answer: lock now for `lock` (null: keep unlocked), and the next state. */
export interface LockDecision {
  readonly lock: LockReason | null;
  readonly state: AutoLockState;
}

/** The state right after unlocking at `now`. */
export function initialAutoLockState(now: number): AutoLockState {
  return { lastActivityAt: now };
}

/** Idle timeout in ms, or null when the idle lock is off or the setting is not a positive number. */
export function idleTimeoutMs(settings: AutoLockSettings): number | null {
  const m = settings.idleMinutes;
  return m === null || !Number.isFinite(m) || m <= 0 ? null : m * 60_000;
}

/**
 * Decides whether `event` locks the vault. Activity only moves `lastActivityAt` forward (a clock
 * stepping back never locks early); a tick locks once the idle timeout has fully passed; suspend
 * and screen lock follow their switches; manual always locks. After a lock the idle clock restarts.
 */
export function nextLockDecision(settings: AutoLockSettings, event: AutoLockEvent, state: AutoLockState): LockDecision {
  const locked = (lock: LockReason): LockDecision => ({ lock, state: { lastActivityAt: event.at } });
  switch (event.type) {
    case 'activity':
      return { lock: null, state: { lastActivityAt: Math.max(state.lastActivityAt, event.at) } };
    case 'tick': {
      const timeout = idleTimeoutMs(settings);
      if (timeout !== null && event.at - state.lastActivityAt >= timeout) return locked('idle');
      return { lock: null, state };
    }
    case 'suspend':
      return settings.lockOnSuspend ? locked('suspend') : { lock: null, state };
    case 'screen-lock':
      return settings.lockOnScreenLock ? locked('screen-lock') : { lock: null, state };
    case 'manual':
      return locked('manual');
    default:
      return unknownEvent(event.type);
  }
}

function unknownEvent(type: never): never {
  throw new Error(`Unknown auto-lock event: ${String(type)}`);
}

/** Milliseconds until a tick would lock for idleness (for scheduling the next tick), or null if never. */
export function msUntilIdleLock(settings: AutoLockSettings, state: AutoLockState, now: number): number | null {
  const timeout = idleTimeoutMs(settings);
  return timeout === null ? null : Math.max(0, state.lastActivityAt + timeout - now);
}
