// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Follows a state main owns and pushes when it changes (the vault's status, the settings, the clock,
 * the backups): listen for the pushes first, then ask once for the current value. A push that
 * arrives before the answer is newer than it, so the answer is then dropped; so is one that arrives
 * after the caller stopped following.
 */
import type { IpcError } from '../../electron/domain';
import type { Result } from '../../electron/ipc/contract';

export interface MainState<T> {
  /** Listens for main's pushes; answers the function that stops listening. */
  readonly subscribe: (listener: (value: T) => void) => () => void;
  /** Asks main for the current value. */
  readonly ask: () => Promise<Result<T>>;
  readonly onValue: (value: T) => void;
  /** Main could not answer (no push came first); without it, a failure is ignored. */
  readonly onError?: (error: IpcError) => void;
}

/** Starts following; answers the function that stops (for an effect's cleanup). */
export function followMain<T>({ subscribe, ask, onValue, onError }: MainState<T>): () => void {
  let pushed = false;
  let live = true;
  const unsubscribe = subscribe((value) => {
    pushed = true;
    onValue(value);
  });
  void ask().then((result) => {
    if (!live || pushed) return;
    if (result.ok) onValue(result.value);
    else onError?.(result.error);
  });
  return () => {
    live = false;
    unsubscribe();
  };
}
