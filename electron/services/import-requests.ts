// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How the import service's requests run: one after another, so two scans never interleave their
 * updates, each stamped with the epoch it began in. Cancel and lock bump the epoch and stop the
 * runner's job in progress (the worker is terminated): a request still running then keeps nothing
 * it found and answers `cancelled`, or says the vault locked when that was why.
 */
import type { ImportStep } from '../domain';
import type { ImportedEntry } from '../import';
import type { VaultEntry } from '../vault';
import { isCancelled, WorkerError } from '../workers/worker-pool';
import type { ImportJob, ImportJobReply } from './import-jobs';
import { describeWorkerFailure, type ImportRunner } from './import-runner';

/** The answer of a request that was cancelled, or that the user called off (a dialog closed). */
export const CANCELLED: ImportStep = Object.freeze({ step: 'cancelled' });

export interface ImportRequestsDeps {
  /** The accounts the user sees, asked for its @throws VaultLockedError when the vault is locked. */
  readonly shownEntries: () => readonly VaultEntry[];
  /** Where file jobs run. */
  readonly runner: ImportRunner;
}

export type ImportRequests = ReturnType<typeof createImportRequests>;

export function createImportRequests(deps: ImportRequestsDeps) {
  /** Bumped by cancel and lock: a request still running when it changes drops what it found. */
  let epoch = 0;
  /** Requests run one after another: two scans never interleave their updates. */
  let queue: Promise<unknown> = Promise.resolve();
  /** Stops the runner's job of the request in progress (Cancel, lock, quit). */
  let running: AbortController | null = null;

  /** A request begins: its epoch. @throws VaultLockedError when the vault is locked. */
  function begin(): number {
    deps.shownEntries();
    return epoch;
  }

  /** Runs `task` after every request queued before it has ended. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  /** A request whose work Cancel stopped answers `cancelled` (or says the vault locked, when that was why). */
  function step(task: () => Promise<ImportStep>): Promise<ImportStep> {
    return serial(async () => {
      try {
        return await task();
      } catch (error) {
        if (!isCancelled(error)) throw error;
        deps.shownEntries();
        return CANCELLED;
      }
    });
  }

  /**
   * Runs one job of the request that began at `start` in the runner, where Cancel can stop it (a
   * Cancel that came first, while a file was still being picked or loaded, stops it before it
   * starts); a worker failure is told in words about the file.
   */
  async function work(job: ImportJob, fileName: string, start: number): Promise<ImportJobReply> {
    if (!current(start)) throw new WorkerError('cancelled', 'The import was cancelled before its job started.');
    const controller = new AbortController();
    running = controller;
    try {
      return await deps.runner.run(job, controller.signal);
    } catch (error) {
      throw describeWorkerFailure(error, fileName);
    } finally {
      if (running === controller) running = null;
    }
  }

  /** A request that started before a cancel or lock: drop its finds (and say locked if it is). */
  function stale(start: number, found: readonly ImportedEntry[] = []): boolean {
    if (current(start)) return false;
    for (const e of found) e.secret.fill(0);
    deps.shownEntries(); // throws VaultLockedError when the lock was the reason
    return true;
  }

  /** Whether no cancel or lock came since the request that began at `start`. */
  function current(start: number): boolean {
    return start === epoch;
  }

  /** Cancel, lock, quit: the requests still running keep nothing they find; the runner's job stops now. */
  function stop(): void {
    epoch++;
    running?.abort();
  }

  return { begin, serial, step, work, stale, current, stop };
}
