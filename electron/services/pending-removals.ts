// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Delete with undo, decided in main: a removed entry is hidden at once and deleted from the vault
 * only when its undo time has passed with the vault still open. Anything that cuts the time short
 * (lock, quit, a crash) leaves the entry in the vault, so a slip never loses an account; the lock
 * reports how many deletions it cancelled. The secret never moves: it stays in the vault session.
 */
import type { Clock, TimerHandle } from '../domain';

/** How long a deletion can be undone. */
export const UNDO_SECONDS = 10;

export interface PendingRemovals {
  /** True while `id` is waiting for its undo time to pass (and so hidden from the renderer). */
  has(id: string): boolean;
  /** The ids waiting, oldest first. */
  ids(): string[];
  /** Starts the undo time for `id`; returns its length in seconds. */
  start(id: string): number;
  /** Cancels the deletion of `id`; false when there is none (already deleted, or never asked). */
  undo(id: string): boolean;
  /** Cancels every waiting deletion (lock, quit); returns how many there were. */
  cancelAll(): number;
}

export function createPendingRemovals(deps: {
  readonly clock: Clock;
  /** Deletes the entry for good; runs when the undo time has passed. */
  readonly commit: (id: string) => Promise<void>;
  readonly undoSeconds?: number;
}): PendingRemovals {
  const seconds = deps.undoSeconds ?? UNDO_SECONDS;
  const timers = new Map<string, TimerHandle>();

  return {
    has: (id) => timers.has(id),
    ids: () => [...timers.keys()],
    start(id) {
      const existing = timers.get(id);
      if (existing) deps.clock.clearTimeout(existing);
      timers.set(
        id,
        deps.clock.setTimeout(() => {
          timers.delete(id);
          void deps.commit(id);
        }, seconds * 1000),
      );
      return seconds;
    },
    undo(id) {
      const timer = timers.get(id);
      if (!timer) return false;
      deps.clock.clearTimeout(timer);
      timers.delete(id);
      return true;
    },
    cancelAll() {
      const count = timers.size;
      for (const timer of timers.values()) deps.clock.clearTimeout(timer);
      timers.clear();
      return count;
    },
  };
}
