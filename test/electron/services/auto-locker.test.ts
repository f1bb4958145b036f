// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import type { LockReason } from '../../../electron/domain';
import { createAutoLocker } from '../../../electron/services/auto-locker';
import type { AutoLockSettings } from '../../../electron/vault';
import { FakeClock } from '../../helpers/fake-clock';

const FIVE_MIN: AutoLockSettings = { idleMinutes: 5, lockOnSuspend: true, lockOnScreenLock: true };

function setup(settings: AutoLockSettings = FIVE_MIN, idle?: () => number) {
  const clock = new FakeClock(1_000_000);
  const locks: LockReason[] = [];
  const locker = createAutoLocker({
    clock,
    settings: () => settings,
    lock: (r) => locks.push(r),
    ...(idle ? { systemIdleMs: idle } : {}),
  });
  return { clock, locks, locker };
}

describe('auto-locker', () => {
  it('locks after the idle timeout with a single timer', () => {
    const { clock, locks, locker } = setup();
    locker.start();
    expect(clock.pending()).toBe(1);
    clock.advance(5 * 60_000 - 1);
    expect(locks).toEqual([]);
    clock.advance(1);
    expect(locks).toEqual(['idle']);
    expect(clock.pending()).toBe(0);
  });

  it('activity in the window or on the system postpones the lock', () => {
    let systemIdle = 0;
    const { clock, locks, locker } = setup(FIVE_MIN, () => systemIdle);
    locker.start();
    clock.advance(4 * 60_000);
    locker.handle('activity');
    clock.advance(4 * 60_000);
    expect(locks).toEqual([]);
    // At the next check the OS says the user typed elsewhere 30 s ago.
    systemIdle = 30_000;
    clock.advance(60_000);
    expect(locks).toEqual([]);
    systemIdle = 10 * 60_000;
    clock.advance(5 * 60_000);
    expect(locks).toEqual(['idle']);
  });

  it('locks on suspend and screen lock as the settings say', () => {
    const a = setup();
    a.locker.start();
    a.locker.handle('suspend');
    expect(a.locks).toEqual(['suspend']);
    const b = setup({ idleMinutes: null, lockOnSuspend: false, lockOnScreenLock: true });
    b.locker.start();
    expect(b.clock.pending()).toBe(0);
    b.locker.handle('suspend');
    expect(b.locks).toEqual([]);
    b.locker.handle('screen-lock');
    expect(b.locks).toEqual(['screen-lock']);
  });

  it('does nothing once stopped (vault locked)', () => {
    const { clock, locks, locker } = setup();
    locker.start();
    locker.stop();
    locker.handle('suspend');
    clock.advance(60 * 60_000);
    expect(locks).toEqual([]);
  });
});
