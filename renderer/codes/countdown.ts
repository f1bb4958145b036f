// SPDX-License-Identifier: GPL-3.0-or-later
/** Countdown arithmetic against the shared clock; times are Unix milliseconds. */

/** Seconds at or below which a countdown is shown as urgent and the next code matters. */
export const URGENT_SECONDS = 5;

/** Periods up to this many seconds show a number in the ring; longer ones show the ring only. */
export const MAX_LABELLED_PERIOD = 120;

/** Whole seconds left, counting the current partial second (so 0.2 s left shows as 1). */
export function secondsLeft(validUntil: number, now: number): number {
  return Math.max(0, Math.ceil((validUntil - now) / 1000));
}

/** The code's period in whole seconds, at least 1. */
export function periodSeconds(validFrom: number, validUntil: number): number {
  return Math.max(1, Math.round((validUntil - validFrom) / 1000));
}
