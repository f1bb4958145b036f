// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * When main pushes `codes:update`: once per period, at the moment the "next code" preview begins
 * (5 s before the boundary). That push carries each code, its `validUntil` and the following code;
 * the renderer switches to the following code itself at `validUntil` (renderer/codes/
 * useCodeRollover.ts), so no second push is needed at the boundary.
 */
import { NEXT_CODE_WINDOW_MS } from '../otp';

/**
 * The first instant strictly after `now` (Unix ms) at which a push is due for entries with these
 * periods (ms), or null when there are none. Periods no longer than the preview window always carry
 * their next code, so they are pushed at each boundary instead.
 */
export function nextPushAt(periodsMs: Iterable<number>, now: number, windowMs = NEXT_CODE_WINDOW_MS): number | null {
  let earliest: number | null = null;
  for (const period of new Set(periodsMs)) {
    if (!(period > 0)) continue;
    const at =
      period <= windowMs
        ? (Math.floor(now / period) + 1) * period
        : (Math.floor((now + windowMs) / period) + 1) * period - windowMs;
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}
