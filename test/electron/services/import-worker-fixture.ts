// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A worker body for the worker pool's tests (import-worker-pool.test.ts bundles it, as the app's
 * build bundles the import worker): jobs that answer, move bytes both ways, run until they are
 * cancelled, fail, crash, exit, or eat memory until the heap cap stops them.
 */
import { threadId, type MessagePort } from 'node:worker_threads';
import { serveJobs } from '../../../electron/workers/worker-host';

export type FixtureJob =
  | { readonly kind: 'echo'; readonly text: string }
  /** Answers the bytes' sum and the bytes reversed, moved back. */
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  /** Says so on `started`, then never ends: only terminating the thread stops it. */
  | { readonly kind: 'spin'; readonly started: MessagePort }
  /** The job throws: the worker answers with the error's text and stays up. */
  | { readonly kind: 'fail' }
  /** An error thrown outside any job (the thread dies with it). */
  | { readonly kind: 'crash' }
  | { readonly kind: 'exit'; readonly code: number }
  /** Keeps allocating objects on the heap. */
  | { readonly kind: 'hog' };

export interface FixtureReply {
  readonly threadId: number;
  readonly text?: string;
  readonly sum?: number;
  readonly bytes?: Uint8Array;
}

serveJobs<FixtureJob, FixtureReply>(async (job) => {
  switch (job.kind) {
    case 'echo':
      return { value: { threadId, text: job.text } };
    case 'bytes': {
      const sum = job.bytes.reduce((a, b) => a + b, 0);
      const back = Uint8Array.from(job.bytes).reverse();
      return { value: { threadId, sum, bytes: back }, transfer: [back.buffer] };
    }
    case 'spin': {
      job.started.postMessage('started');
      for (;;) {
        // Busy: no await, no timer. Only Worker.terminate() ends this.
      }
    }
    case 'fail':
      throw new Error('the job failed on purpose');
    case 'crash':
      setImmediate(() => {
        throw new Error('boom outside the job');
      });
      return new Promise<never>(() => undefined);
    case 'exit':
      return process.exit(job.code);
    case 'hog': {
      const kept: unknown[] = [];
      for (;;) kept.push({ a: Math.random(), b: [kept.length, kept.length + 1], c: `item ${kept.length}` });
    }
  }
  throw new Error(`unknown job ${JSON.stringify(job)}`);
});
