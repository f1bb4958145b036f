// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it, vi } from 'vitest';
import { periodSeconds, secondsLeft } from '../../../renderer/lib/countdown';
import { phaseMs, resyncRing, ringKeyframes, startRingAnimations } from '../../../renderer/lib/ring-animation';

describe('countdown arithmetic', () => {
  it('counts partial seconds as a whole second left', () => {
    expect(secondsLeft(60_000, 59_800)).toBe(1);
    expect(secondsLeft(60_000, 60_000)).toBe(0);
    expect(periodSeconds(30_000, 60_000)).toBe(30);
  });
});

describe('ring animations', () => {
  it('step the halves about once a second and show the urgent ring for the last 5 seconds', () => {
    const frames = ringKeyframes(30);
    expect(frames.left[0]).toMatchObject({ transform: 'rotate(45deg)', easing: 'steps(15, end)' });
    expect(frames.left[1]).toMatchObject({ transform: 'rotate(-135deg)', offset: 0.5 });
    expect(frames.right[1]).toMatchObject({ transform: 'rotate(45deg)', offset: 0.5 });
    expect(frames.strip).toEqual([
      { transform: 'translateY(0)', easing: 'steps(30, end)' },
      { transform: 'translateY(-420px)' },
    ]);
    expect(frames.urgent.map((f) => [f.offset, f.opacity])).toEqual([
      [0, 0],
      [25 / 30, 0],
      [25 / 30, 1],
      [1, 1],
    ]);
  });

  it('are in phase with the Unix clock, whatever the period', () => {
    expect(phaseMs(1_700_000_012_345, 30)).toBe(2_345);
    expect(phaseMs(1_700_000_012_345, 60)).toBe(32_345);
  });

  it('start once, forever, on the compositor-friendly properties, and are put back in phase after a jump', () => {
    const animate = vi.fn(() => ({ currentTime: 0 }) as unknown as Animation);
    const root = document.createElement('span');
    root.innerHTML =
      '<span class="ring-arcs"><span class="ring-half ring-half-right"><span class="ring-arc"></span></span>' +
      '<span class="ring-half ring-half-left"><span class="ring-arc"></span></span></span>' +
      '<span class="ring-arcs ring-arcs-urgent"><span class="ring-half ring-half-right"><span class="ring-arc"></span></span>' +
      '<span class="ring-half ring-half-left"><span class="ring-arc"></span></span></span>' +
      '<span class="ring-strip"></span>';
    for (const el of root.querySelectorAll('span')) (el as unknown as { animate: typeof animate }).animate = animate;
    (root as unknown as { animate: typeof animate }).animate = animate;
    const animations = startRingAnimations(root, 30, 1_700_000_012_000);
    expect(animations).toHaveLength(6);
    for (const call of animate.mock.calls as unknown as [Keyframe[], KeyframeAnimationOptions][]) {
      expect(call[1]).toEqual({ duration: 30_000, iterations: Infinity });
      for (const frame of call[0])
        expect(Object.keys(frame).filter((k) => !['offset', 'easing'].includes(k))).toEqual(
          expect.arrayContaining([expect.stringMatching(/^(transform|opacity)$/)]),
        );
    }
    expect(animations.map((a) => a.currentTime)).toEqual(Array(6).fill(2_000));
    // 100 ms off: left alone; 5 s off (a suspend): put back.
    animations[0]!.currentTime = 2_100;
    animations[1]!.currentTime = 7_000;
    resyncRing(animations, 30, 1_700_000_012_000);
    expect(animations[0]!.currentTime).toBe(2_100);
    expect(animations[1]!.currentTime).toBe(2_000);
  });
});
