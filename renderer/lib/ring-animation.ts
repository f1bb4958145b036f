// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The countdown ring's animations, run by the browser's compositor through the Web Animations API:
 * two half-rings turn in steps of about a second, a strip of numbers slides one line per second,
 * and the urgent copy of the ring appears for the last seconds. They repeat forever in phase with
 * the clock: every TOTP period starts at a multiple of its length since the Unix epoch, so a ring
 * only needs its period and the current time. No CSS animation events (which React would hear),
 * no new animation per code, no main-thread work per second.
 */
import { URGENT_SECONDS } from './countdown';

/** Height of one number in the strip, in CSS pixels (styles/codes.css `.ring-strip > span`). */
export const STRIP_LINE_PX = 14;
/** How far an animation may drift from the wall clock before it is put back in phase. */
const DRIFT_TOLERANCE_MS = 250;

export interface RingKeyframes {
  readonly right: Keyframe[];
  readonly left: Keyframe[];
  readonly strip: Keyframe[];
  readonly urgent: Keyframe[];
}

/** Keyframes for a period of `period` seconds. The right half empties in the second half, the left in the first. */
export function ringKeyframes(period: number): RingKeyframes {
  const half = `steps(${Math.max(1, Math.round(period / 2))}, end)`;
  const full = 'rotate(45deg)';
  const gone = 'rotate(-135deg)';
  const urgentAt = Math.min(1, Math.max(0, (period - URGENT_SECONDS) / period));
  return {
    right: [
      { transform: full, offset: 0, easing: half },
      { transform: full, offset: 0.5, easing: half },
      { transform: gone, offset: 1 },
    ],
    left: [
      { transform: full, offset: 0, easing: half },
      { transform: gone, offset: 0.5, easing: half },
      { transform: gone, offset: 1 },
    ],
    strip: [
      { transform: 'translateY(0)', easing: `steps(${period}, end)` },
      { transform: `translateY(${-STRIP_LINE_PX * period}px)` },
    ],
    urgent: [
      { opacity: 0, offset: 0 },
      { opacity: 0, offset: urgentAt },
      { opacity: 1, offset: urgentAt },
      { opacity: 1, offset: 1 },
    ],
  };
}

/** Milliseconds into the current period at `now` (Unix ms). */
export function phaseMs(now: number, period: number): number {
  const length = period * 1000;
  return ((now % length) + length) % length;
}

/** Starts the ring's animations on the elements found in `root`; returns them for resync and cancel. */
export function startRingAnimations(root: HTMLElement, period: number, now = Date.now()): Animation[] {
  if (typeof root.animate !== 'function') return [];
  const frames = ringKeyframes(period);
  const timing: KeyframeAnimationOptions = { duration: period * 1000, iterations: Infinity };
  const targets: [string, Keyframe[]][] = [
    ['.ring-half-right .ring-arc', frames.right],
    ['.ring-half-left .ring-arc', frames.left],
    ['.ring-strip', frames.strip],
    ['.ring-arcs-urgent', frames.urgent],
  ];
  const animations: Animation[] = [];
  for (const [selector, keyframes] of targets) {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) animations.push(el.animate(keyframes, timing));
  }
  resyncRing(animations, period, now);
  return animations;
}

/** Puts the animations back in phase with the wall clock (after a suspend, or a clock change). */
export function resyncRing(animations: readonly Animation[], period: number, now = Date.now()): void {
  const want = phaseMs(now, period);
  const length = period * 1000;
  for (const animation of animations) {
    const current = typeof animation.currentTime === 'number' ? animation.currentTime % length : Number.NaN;
    const drift = Math.abs(current - want);
    if (!(Math.min(drift, length - drift) <= DRIFT_TOLERANCE_MS)) animation.currentTime = want;
  }
}
