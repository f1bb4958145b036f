// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { createCodesPusher } from '../../../electron/services/codes-pusher';
import { FakeClock } from '../../helpers/fake-clock';

describe('codes pusher', () => {
  it('pushes once per boundary, never per second', () => {
    const clock = new FakeClock(1_000);
    const pushes: number[] = [];
    const pusher = createCodesPusher({
      clock,
      push: () => pushes.push(clock.now()),
      nextChangeAt: (now) => (Math.floor(now / 30_000) + 1) * 30_000,
    });
    pusher.restart();
    expect(pushes).toEqual([1_000]);
    clock.advance(60_000);
    expect(pushes).toEqual([1_000, 30_005, 60_005]);
    expect(clock.pending()).toBe(1);
    pusher.stop();
    clock.advance(120_000);
    expect(pushes).toHaveLength(3);
    expect(clock.pending()).toBe(0);
  });

  it('schedules nothing when no code will change', () => {
    const clock = new FakeClock(0);
    let pushes = 0;
    const pusher = createCodesPusher({ clock, push: () => pushes++, nextChangeAt: () => null });
    pusher.restart();
    clock.advance(100_000);
    expect(pushes).toBe(1);
    expect(clock.pending()).toBe(0);
  });
});
