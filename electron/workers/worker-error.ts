// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How a worker pool's job (worker-pool.ts) can fail, in a module of its own so that callers that
 * only word failures for people (services/import-requests.ts, import-runner.ts) and the pool share one type.
 */

/** How a job failed without a value; see worker-pool.ts's module comment. */
export type WorkerErrorReason = 'cancelled' | 'out-of-memory' | 'crashed' | 'failed' | 'closed';

/** A job that gave no value. The message is technical (logs, "Details"); callers word it for people. */
export class WorkerError extends Error {
  constructor(
    readonly reason: WorkerErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WorkerError';
  }
}

/** Whether `error` is a job stopped by its AbortSignal. */
export function isCancelled(error: unknown): error is WorkerError {
  return error instanceof WorkerError && error.reason === 'cancelled';
}
