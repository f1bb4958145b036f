// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The timer behind a worker pool's idle timeout (worker-pool.ts), injectable so that a test fires
 * the timeout itself instead of waiting for it.
 */

/** Calls `callback` after `ms` and returns the function that calls it off. */
export type Schedule = (callback: () => void, ms: number) => () => void;

/** `setTimeout`, unref'd: a pending idle timeout never keeps the process alive. */
export const realSchedule: Schedule = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
};
