// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The time codes run on in this window: this computer's clock plus the correction main computes
 * codes with (ClockStatus.correction; 0 unless the user chose "Use the corrected time"). A code's
 * `validUntil` is on that time, so whatever compares with it — the rollover, the countdown rings,
 * the seconds left, the add form's preview — reads `appNow()`, never `Date.now()`.
 */

let correctionMs = 0;

/** Unix ms on the codes' time. */
export function appNow(): number {
  return Date.now() + correctionMs;
}

/** Follows main's correction (renderer/clock/useClockStatus.ts); null is this computer's clock. */
export function setAppClockCorrection(ms: number | null): void {
  correctionMs = ms ?? 0;
}
