// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Time. `Clock` is the port every service that schedules work takes (tests pass an exact fake one);
 * `ClockMeasurement` and `ClockStatus` describe this computer's clock as measured against a time
 * server (SNTP), and the corrected time codes may be computed with.
 */

/** A pending timer, as the clock that set it identifies it. */
export interface TimerHandle {
  readonly id: unknown;
}

/** Wall-clock time (Unix ms) and timers. */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

/** One measurement of this computer's clock. */
export interface ClockMeasurement {
  /** The server as the user named it ("pool.ntp.org", "[2001:db8::1]:1123"). */
  readonly server: string;
  /** How far the server's clock is ahead of this computer's (ms): positive when this computer's clock is behind. */
  readonly offsetMs: number;
  /** The network's share of the exchange (ms). */
  readonly roundTripMs: number;
  /** When it was measured, Unix ms by this computer's clock. */
  readonly at: number;
}

/** What the window shows about the clock: the last check, and the correction codes use. */
export interface ClockStatus {
  /** The last measurement since the app started (after an unlock, a resume or "Check now"); null before. */
  readonly measured: ClockMeasurement | null;
  /** Why the last check gave no measurement, in plain words; null after a success. */
  readonly problem: string | null;
  /** A check is under way. */
  readonly checking: boolean;
  /** The correction codes are computed with (Settings' `clockCorrection`), or null: this computer's clock. */
  readonly correction: ClockMeasurement | null;
  /**
   * The window warns: the last measurement is off by more than 15 s either way (codes may be
   * refused) and codes use this computer's clock.
   */
  readonly warning: boolean;
}
