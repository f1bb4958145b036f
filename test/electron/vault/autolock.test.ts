// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AUTOLOCK_SETTINGS,
  initialAutoLockState,
  msUntilIdleLock,
  nextLockDecision,
  type AutoLockEvent,
  type AutoLockSettings,
  type AutoLockState,
} from '../../../electron/vault';

const MIN = 60_000;
const T0 = 1_700_000_000_000;
const all: AutoLockSettings = { idleMinutes: 5, lockOnSuspend: true, lockOnScreenLock: true };
const none: AutoLockSettings = { idleMinutes: null, lockOnSuspend: false, lockOnScreenLock: false };

/** Feeds events in order and returns the reasons in order (null = stayed unlocked). */
function run(settings: AutoLockSettings, events: AutoLockEvent[], state: AutoLockState = initialAutoLockState(T0)) {
  const reasons: (string | null)[] = [];
  for (const e of events) {
    const d = nextLockDecision(settings, e, state);
    reasons.push(d.lock);
    state = d.state;
  }
  return { reasons, state };
}

describe('nextLockDecision', () => {
  it('defaults to suspend, screen lock and 5 idle minutes', () => {
    expect(DEFAULT_AUTOLOCK_SETTINGS).toEqual(all);
  });

  it('locks on a tick once the idle timeout has fully passed, not a millisecond before', () => {
    const { reasons } = run(all, [
      { type: 'tick', at: T0 + 5 * MIN - 1 },
      { type: 'tick', at: T0 + 5 * MIN },
    ]);
    expect(reasons).toEqual([null, 'idle']);
  });

  it('activity pushes the idle lock back', () => {
    const { reasons } = run(all, [
      { type: 'activity', at: T0 + 4 * MIN },
      { type: 'tick', at: T0 + 8 * MIN },
      { type: 'tick', at: T0 + 9 * MIN },
    ]);
    expect(reasons).toEqual([null, null, 'idle']);
  });

  it('ignores activity stamped in the past (a clock stepping back never shortens the timeout)', () => {
    const { state } = run(all, [
      { type: 'activity', at: T0 + 4 * MIN },
      { type: 'activity', at: T0 + 1 * MIN },
    ]);
    expect(state.lastActivityAt).toBe(T0 + 4 * MIN);
    expect(nextLockDecision(all, { type: 'tick', at: T0 }, state).lock).toBeNull();
  });

  it('restarts the idle clock after a lock, so ticks do not lock again and again', () => {
    const { reasons } = run(all, [
      { type: 'tick', at: T0 + 6 * MIN },
      { type: 'tick', at: T0 + 7 * MIN },
    ]);
    expect(reasons).toEqual(['idle', null]);
  });

  it('follows the suspend and screen-lock switches; manual always locks', () => {
    expect(run(all, [{ type: 'suspend', at: T0 }]).reasons).toEqual(['suspend']);
    expect(run(all, [{ type: 'screen-lock', at: T0 }]).reasons).toEqual(['screen-lock']);
    expect(run(none, [{ type: 'suspend', at: T0 }]).reasons).toEqual([null]);
    expect(run(none, [{ type: 'screen-lock', at: T0 }]).reasons).toEqual([null]);
    expect(run(none, [{ type: 'manual', at: T0 }]).reasons).toEqual(['manual']);
  });

  it.each([null, 0, -3, Number.NaN, Number.POSITIVE_INFINITY])(
    'never idles out with idleMinutes = %s',
    (idleMinutes) => {
      const s = { ...all, idleMinutes };
      expect(run(s, [{ type: 'tick', at: T0 + 10_000 * MIN }]).reasons).toEqual([null]);
      expect(msUntilIdleLock(s, initialAutoLockState(T0), T0)).toBeNull();
    },
  );

  it('supports fractional minutes', () => {
    const s = { ...all, idleMinutes: 0.5 };
    expect(
      run(s, [
        { type: 'tick', at: T0 + 29_999 },
        { type: 'tick', at: T0 + 30_000 },
      ]).reasons,
    ).toEqual([null, 'idle']);
  });

  it('rejects an unknown event type', () => {
    expect(() => nextLockDecision(all, { type: 'reboot' as 'tick', at: T0 }, initialAutoLockState(T0))).toThrow(
      /reboot/,
    );
  });
});

describe('msUntilIdleLock', () => {
  it('says when the next tick should come', () => {
    const state = initialAutoLockState(T0);
    expect(msUntilIdleLock(all, state, T0)).toBe(5 * MIN);
    expect(msUntilIdleLock(all, state, T0 + 2 * MIN)).toBe(3 * MIN);
    expect(msUntilIdleLock(all, state, T0 + 9 * MIN)).toBe(0);
  });
});
