// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One worker thread for one kind of work, so that work never runs on main's event loop (which
 * serves the window: codes, copies, locking). The thread is started when a job comes, runs the
 * jobs one at a time in the order they came, and ends after `idleMs` without a job, giving its
 * memory back. Its V8 heap is capped (`resourceLimits`): a hostile file that makes a parser
 * allocate without end stops that worker, never the app.
 *
 * A job ends in exactly one of these ways:
 * - its value, from the worker;
 * - `WorkerError` `cancelled`: its AbortSignal fired. A queued job is dropped; the running one is
 *   stopped by terminating the thread (JavaScript in a thread cannot be interrupted any other way),
 *   and the next job starts a fresh one;
 * - `out-of-memory`: the worker reached its heap cap; `crashed`: it threw outside a job, exited or
 *   could not start; `failed`: the job itself threw (a bug of the job); `closed`: the pool was closed.
 *
 * The worker's body is a built, type-checked entry file that calls `serveJobs` (worker-host.ts);
 * where the file is comes from locate.ts. An idle worker never keeps the process alive.
 */
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import type { JobMessage, JobReply } from './protocol';

/** How a job failed without a value; see the module comment. */
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

/**
 * Calls `callback` after `ms` and returns the function that calls it off. Injected so that a test
 * fires the idle timeout itself instead of waiting for it.
 */
export type Schedule = (callback: () => void, ms: number) => () => void;

/** `setTimeout`, unref'd: a pending idle timeout never keeps the process alive. */
export const realSchedule: Schedule = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

export interface WorkerPoolOptions {
  /** What messages call the worker: "the import worker". */
  readonly name: string;
  /** The worker's built entry file (absolute path), or a function finding it when the first thread starts. */
  readonly script: string | (() => string);
  /** The thread's heap caps. Buffers (ArrayBuffers, WebAssembly memory) are outside V8's heap and these caps. */
  readonly resourceLimits?: ResourceLimits;
  /** Given to every thread as `workerData`. */
  readonly workerData?: unknown;
  /** Milliseconds without a job after which the thread ends. Default 30 s. */
  readonly idleMs?: number;
  /** Default {@link realSchedule}. */
  readonly schedule?: Schedule;
}

export interface RunOptions {
  /** Buffers moved to the worker with the request (unusable here afterwards). */
  readonly transfer?: readonly TransferListItem[];
  /** Cancels the job: see the module comment. */
  readonly signal?: AbortSignal | undefined;
}

export interface WorkerPool<Req, Res> {
  /** Runs one job in the worker; see the module comment for how it can end. */
  run(request: Req, options?: RunOptions): Promise<Res>;
  /** Whether a thread exists now (running a job or idle). */
  readonly alive: boolean;
  /** How many threads were started so far. */
  readonly started: number;
  /** Ends the thread; queued and running jobs fail with `closed`; later runs too. */
  close(): Promise<void>;
}

interface Job<Req, Res> {
  readonly id: number;
  readonly request: Req;
  readonly transfer: readonly TransferListItem[];
  readonly resolve: (value: Res) => void;
  readonly reject: (error: Error) => void;
  /** Stops listening to the job's AbortSignal. */
  detach: () => void;
}

/** Starts nothing until the first job. */
export function createWorkerPool<Req, Res>(options: WorkerPoolOptions): WorkerPool<Req, Res> {
  const { name } = options;
  const idleMs = options.idleMs ?? 30_000;
  const schedule = options.schedule ?? realSchedule;
  const queue: Job<Req, Res>[] = [];
  let current: Job<Req, Res> | null = null;
  let worker: Worker | null = null;
  let cancelIdle: (() => void) | null = null;
  let started = 0;
  let nextId = 1;
  let closed = false;

  function settle(job: Job<Req, Res>, outcome: { value: Res } | { error: Error }): void {
    job.detach();
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  }

  /** Ends `w` on our side: events it still sends are ignored from now on. */
  function stop(w: Worker): void {
    if (worker === w) worker = null;
    void w.terminate();
  }

  /** The running job (if any) fails with `error` and the next one starts. */
  function failCurrent(error: Error): void {
    const job = current;
    current = null;
    if (job) settle(job, { error });
    pump();
  }

  function spawn(): Worker {
    const script = typeof options.script === 'string' ? options.script : options.script();
    const w = new Worker(script, {
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
      ...(options.workerData === undefined ? {} : { workerData: options.workerData }),
    });
    started++;
    w.on('message', (reply: JobReply<Res>) => {
      const job = current;
      if (w !== worker || !job || reply.id !== job.id) return;
      current = null;
      w.unref();
      settle(
        job,
        reply.ok ? { value: reply.value } : { error: new WorkerError('failed', `${name}: ${reply.message}`) },
      );
      pump();
    });
    w.on('messageerror', (error) => {
      if (w !== worker) return;
      failCurrent(new WorkerError('failed', `${name} sent an answer that cannot be read.`, { cause: error }));
    });
    w.on('error', (error) => {
      if (w !== worker) return;
      stop(w);
      failCurrent(crashError(error));
    });
    w.on('exit', (code) => {
      if (w !== worker) return;
      worker = null;
      failCurrent(new WorkerError('crashed', `${name} stopped unexpectedly (exit code ${code}).`));
    });
    return w;
  }

  function crashError(error: Error): WorkerError {
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const cap = options.resourceLimits?.maxOldGenerationSizeMb;
      const limit = cap === undefined ? '' : ` (${cap} MB)`;
      return new WorkerError('out-of-memory', `${name} reached its memory limit${limit} and was stopped.`, {
        cause: error,
      });
    }
    return new WorkerError('crashed', `${name} stopped unexpectedly: ${error.message}`, { cause: error });
  }

  /** Starts the next job if none runs; with nothing left to do, arms the idle timeout. */
  function pump(): void {
    if (current || closed) return;
    const job = queue.shift();
    if (!job) {
      armIdle();
      return;
    }
    cancelIdle?.();
    cancelIdle = null;
    current = job;
    let w: Worker;
    try {
      w = worker ??= spawn();
    } catch (error) {
      failCurrent(new WorkerError('crashed', `${name} could not start.`, { cause: error }));
      return;
    }
    w.ref(); // a running job keeps the process alive until it answers
    try {
      const message: JobMessage<Req> = { id: job.id, request: job.request };
      w.postMessage(message, [...job.transfer]);
    } catch (error) {
      w.unref();
      failCurrent(new WorkerError('failed', `The job cannot be sent to ${name}.`, { cause: error }));
    }
  }

  function armIdle(): void {
    cancelIdle?.();
    cancelIdle = null;
    const w = worker;
    if (!w) return;
    cancelIdle = schedule(() => {
      cancelIdle = null;
      if (worker === w && !current && queue.length === 0) stop(w);
    }, idleMs);
  }

  function abort(job: Job<Req, Res>): void {
    const cancelled = new WorkerError('cancelled', `The job of ${name} was cancelled.`);
    const index = queue.indexOf(job);
    if (index >= 0) {
      queue.splice(index, 1);
      settle(job, { error: cancelled });
      return;
    }
    if (current !== job) return;
    if (worker) stop(worker);
    failCurrent(cancelled);
  }

  return {
    run(request, runOptions = {}) {
      if (closed) return Promise.reject(new WorkerError('closed', `${name} was closed.`));
      const { signal } = runOptions;
      if (signal?.aborted) return Promise.reject(new WorkerError('cancelled', `The job of ${name} was cancelled.`));
      return new Promise<Res>((resolve, reject) => {
        const job: Job<Req, Res> = {
          id: nextId++,
          request,
          transfer: runOptions.transfer ?? [],
          resolve,
          reject,
          detach: () => undefined,
        };
        if (signal) {
          const onAbort = (): void => abort(job);
          signal.addEventListener('abort', onAbort, { once: true });
          job.detach = () => signal.removeEventListener('abort', onAbort);
        }
        queue.push(job);
        pump();
      });
    },
    get alive() {
      return worker !== null;
    },
    get started() {
      return started;
    },
    async close() {
      closed = true;
      cancelIdle?.();
      cancelIdle = null;
      const error = new WorkerError('closed', `${name} was closed.`);
      for (const job of queue.splice(0)) settle(job, { error });
      const job = current;
      current = null;
      if (job) settle(job, { error });
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
