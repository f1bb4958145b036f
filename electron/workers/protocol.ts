// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The messages between a worker pool (worker-pool.ts, in main) and the worker it starts
 * (worker-host.ts, inside the thread). Declared once so both sides are type-checked against the same
 * shapes. Plain data only: everything crosses by structured clone, Uint8Arrays' buffers by transfer.
 */

/** Main → worker: one job. `id` lets the pool drop a late answer from a job it gave up on. */
export interface JobMessage<Req> {
  readonly id: number;
  readonly request: Req;
}

/**
 * Worker → main: the job's value, or the text of an error it threw. Expected failures (a wrong
 * password, a damaged file) belong in the value; a thrown error is a bug of the job.
 */
export type JobReply<Res> =
  | { readonly id: number; readonly ok: true; readonly value: Res }
  | { readonly id: number; readonly ok: false; readonly message: string };
