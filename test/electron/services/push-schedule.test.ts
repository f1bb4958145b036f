// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { nextPushAt } from '../../../electron/services/push-schedule';

describe('nextPushAt', () => {
  it('pushes once per period, when the next-code preview begins (5 s before the boundary)', () => {
    expect(nextPushAt([30_000], 0)).toBe(25_000);
    expect(nextPushAt([30_000], 24_999)).toBe(25_000);
    expect(nextPushAt([30_000], 25_000)).toBe(55_000);
    expect(nextPushAt([30_000], 29_999)).toBe(55_000);
  });

  it('takes the earliest over mixed periods, without duplicates for aligned ones', () => {
    expect(nextPushAt([60_000, 30_000, 30_000], 26_000)).toBe(55_000);
    expect(nextPushAt([60_000], 26_000)).toBe(55_000);
    expect(nextPushAt([90_000, 60_000], 56_000)).toBe(85_000);
  });

  it('pushes at each boundary for periods no longer than the preview window', () => {
    expect(nextPushAt([5_000], 12_000)).toBe(15_000);
    expect(nextPushAt([1_000], 12_000)).toBe(13_000);
  });

  it('has nothing to push without time-based entries', () => {
    expect(nextPushAt([], 0)).toBeNull();
    expect(nextPushAt([0, Number.NaN], 0)).toBeNull();
  });

  it('counts pushes over a minute: one per 30 s period', () => {
    let now = 1_700_000_000_000;
    const end = now + 60_000;
    let pushes = 0;
    for (;;) {
      const at = nextPushAt([30_000, 30_000, 60_000], now);
      if (at === null || at > end) break;
      pushes += 1;
      now = at;
    }
    expect(pushes).toBe(2);
  });
});
