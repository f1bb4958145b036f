// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Options for acquireLock on a fake clock that moves only when the lock loop sleeps (or the test
 * advances it), with the sleeps and attempts counted and a runaway loop stopped after `maxAttempts`.
 */
import type { LockFileOptions } from '../../../../electron/vault/lock-file';
import { seededRandom } from './fakes';

export function lockClock(seed: string, maxAttempts: number, extra: Partial<LockFileOptions> = {}) {
  const wall0 = Date.now();
  let t = 0;
  let attempts = 0;
  const sleeps: number[] = [];
  const random = seededRandom(seed);
  const options: LockFileOptions = {
    now: () => wall0 + t,
    monotonicNow: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    randomBytes: (n: number) => {
      if (n === 8 && ++attempts > maxAttempts) throw new Error(`runaway lock loop: ${maxAttempts} attempts`);
      return random(n);
    },
    ...extra,
  };
  return {
    options,
    sleeps,
    elapsed: () => t,
    attempts: () => attempts,
    advance: (ms: number) => {
      t += ms;
    },
  };
}
