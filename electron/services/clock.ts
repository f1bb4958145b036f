// SPDX-License-Identifier: GPL-3.0-or-later
/** The real clock behind the domain's `Clock` port (tests pass an exact fake one instead). */
import type { Clock } from '../domain';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const id = setTimeout(fn, ms);
    // Timers must not keep the CLI or a test process alive on their own.
    id.unref?.();
    return { id };
  },
  clearTimeout: (handle) => clearTimeout(handle.id as ReturnType<typeof setTimeout>),
};
