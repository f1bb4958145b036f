// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One worker thread for one kind of work, so that work never runs on main's event loop (which
 * serves the window: codes, copies, locking). The thread is started when a job comes, runs the
 * jobs one at a time in the order they came, and ends after `idleMs` without a job, giving its
 * memory back. Its V8 heap can be capped (`resourceLimits`; the import worker's is): a hostile
 * file that makes a parser allocate without end stops that worker, never the app. The key-derivation
 * thread (vault/kdf-worker.ts), the QR decoder (import/qr/worker.ts) and the import worker
 * (services/import-runner.ts) are such pools.
 *
 * A job ends in exactly one of these ways:
 * - its value, from the worker;
 * - `WorkerError` `cancelled`: its AbortSignal fired. A queued job is dropped; the running one is
 *   stopped by terminating the thread (JavaScript in a thread cannot be interrupted any other way),
 *   and the next job starts a fresh one;
 * - `out-of-memory`: the worker reached its heap cap; `crashed`: it threw outside a job, exited or
 *   could not start; `failed`: the job itself threw (a bug of the job); `closed`: the pool was stopped
 *   or closed.
 *
 * The worker's body is a built, type-checked entry file that calls `serveJobs` (worker-host.ts);
 * where the file is comes from locate.ts. An idle worker never keeps the process alive.
 */
import { Worker, type ResourceLimits, type TransferListItem } from 'node:worker_threads';
import type { JobMessage, JobReply } from './protocol';
import { realSchedule, type Schedule } from './schedule';
import { WorkerError } from './worker-error';

export { isCancelled, WorkerError, type WorkerErrorReason } from './worker-error';
export { realSchedule, type Schedule } from './schedule';

/** How long a thread may idle before it ends, unless `idleMs` says otherwise. */
const DEFAULT_IDLE_MS = 30_000;

export interface WorkerPoolOptions {
  /** What messages call the worker: "the import worker". */
  readonly name: string;
  /** The worker's built entry file (absolute path), or a function finding it when the first thread starts. */
  readonly script: string | (() => string);
  /** The thread's heap caps. Buffers (ArrayBuffers, WebAssembly memory) are outside V8's heap and these caps. */
  readonly resourceLimits?: ResourceLimits | undefined;
  /** Milliseconds without a job after which the thread ends. Default 30 s. */
  readonly idleMs?: number | undefined;
  /** Default {@link realSchedule}. */
  readonly schedule?: Schedule | undefined;
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
  /**
   * Starts the thread now, when there is none, so that its start-up (loading the entry, compiling
   * WebAssembly) is done before the first job; unused, it ends after `idleMs` as usual. A thread
   * that cannot start is reported by the next job.
   */
  warmUp(): void;
  /** Whether a thread exists now (running a job or idle). */
  readonly alive: boolean;
  /** How many threads were started so far. */
  readonly started: number;
  /** Ends the thread; queued and running jobs fail with `closed`. The next job starts a fresh thread. */
  stop(): Promise<void>;
  /** As `stop`, and later runs fail with `closed` too. */
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

/** Starts nothing until the first job (or `warmUp`). */
export function createWorkerPool<Req, Res>(options: WorkerPoolOptions): WorkerPool<Req, Res> {
  return new Pool<Req, Res>(options);
}

/** The state of one pool: the queue, the running job and the thread. Events of a thread it stopped are ignored. */
class Pool<Req, Res> implements WorkerPool<Req, Res> {
  private readonly name: string;
  private readonly queue: Job<Req, Res>[] = [];
  private current: Job<Req, Res> | null = null;
  private worker: Worker | null = null;
  private cancelIdle: (() => void) | null = null;
  private threads = 0;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.name = options.name;
  }

  get alive(): boolean {
    return this.worker !== null;
  }

  get started(): number {
    return this.threads;
  }

  run(request: Req, runOptions: RunOptions = {}): Promise<Res> {
    if (this.closed) return Promise.reject(new WorkerError('closed', `${this.name} was closed.`));
    const { signal } = runOptions;
    if (signal?.aborted) return Promise.reject(this.cancelledError());
    return new Promise<Res>((resolve, reject) => {
      const job: Job<Req, Res> = {
        id: this.nextId++,
        request,
        transfer: runOptions.transfer ?? [],
        resolve,
        reject,
        detach: () => undefined,
      };
      if (signal) {
        const onAbort = (): void => this.abort(job);
        signal.addEventListener('abort', onAbort, { once: true });
        job.detach = () => signal.removeEventListener('abort', onAbort);
      }
      this.queue.push(job);
      this.pump();
    });
  }

  warmUp(): void {
    if (this.closed || this.worker || this.current) return;
    try {
      this.worker = this.spawn();
    } catch {
      return; // reported by the next job, which tries again
    }
    this.worker.unref();
    this.armIdle();
  }

  async stop(): Promise<void> {
    this.disarmIdle();
    const error = new WorkerError('closed', `${this.name} was closed.`);
    for (const job of this.queue.splice(0)) this.settle(job, { error });
    const job = this.current;
    this.current = null;
    if (job) this.settle(job, { error });
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }

  close(): Promise<void> {
    this.closed = true;
    return this.stop();
  }

  private cancelledError(): WorkerError {
    return new WorkerError('cancelled', `The job of ${this.name} was cancelled.`);
  }

  private settle(job: Job<Req, Res>, outcome: { value: Res } | { error: Error }): void {
    job.detach();
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
  }

  /** Ends `w` on our side: events it still sends are ignored from now on. */
  private stopThread(w: Worker): void {
    if (this.worker === w) this.worker = null;
    void w.terminate();
  }

  /** The running job (if any) fails with `error` and the next one starts. */
  private failCurrent(error: Error): void {
    const job = this.current;
    this.current = null;
    if (job) this.settle(job, { error });
    this.pump();
  }

  private spawn(): Worker {
    const { script, resourceLimits } = this.options;
    const w = new Worker(typeof script === 'string' ? script : script(), resourceLimits ? { resourceLimits } : {});
    this.threads++;
    this.listen(w);
    return w;
  }

  private listen(w: Worker): void {
    w.on('message', (reply: JobReply<Res>) => this.onReply(w, reply));
    w.on('messageerror', (error) => {
      if (w !== this.worker) return;
      this.failCurrent(new WorkerError('failed', `${this.name} sent an answer that cannot be read.`, { cause: error }));
    });
    w.on('error', (error) => {
      if (w !== this.worker) return;
      this.stopThread(w);
      this.failCurrent(this.crashError(error));
    });
    w.on('exit', (code) => {
      if (w !== this.worker) return;
      this.worker = null;
      this.failCurrent(new WorkerError('crashed', `${this.name} stopped unexpectedly (exit code ${code}).`));
    });
  }

  private onReply(w: Worker, reply: JobReply<Res>): void {
    const job = this.current;
    if (w !== this.worker || !job || reply.id !== job.id) return;
    this.current = null;
    w.unref();
    this.settle(
      job,
      reply.ok ? { value: reply.value } : { error: new WorkerError('failed', `${this.name}: ${reply.message}`) },
    );
    this.pump();
  }

  private crashError(error: Error): WorkerError {
    const { name } = this;
    if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const cap = this.options.resourceLimits?.maxOldGenerationSizeMb;
      const limit = cap === undefined ? '' : ` (${cap} MB)`;
      return new WorkerError('out-of-memory', `${name} reached its memory limit${limit} and was stopped.`, {
        cause: error,
      });
    }
    return new WorkerError('crashed', `${name} stopped unexpectedly: ${error.message}`, { cause: error });
  }

  /** Starts the next job if none runs; with nothing left to do, arms the idle timeout. */
  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      this.armIdle();
      return;
    }
    this.disarmIdle();
    this.current = job;
    let w: Worker;
    try {
      w = this.worker ??= this.spawn();
    } catch (error) {
      this.failCurrent(new WorkerError('crashed', `${this.name} could not start.`, { cause: error }));
      return;
    }
    this.send(w, job);
  }

  private send(w: Worker, job: Job<Req, Res>): void {
    w.ref(); // a running job keeps the process alive until it answers
    try {
      const message: JobMessage<Req> = { id: job.id, request: job.request };
      w.postMessage(message, [...job.transfer]);
    } catch (error) {
      w.unref();
      this.failCurrent(new WorkerError('failed', `The job cannot be sent to ${this.name}.`, { cause: error }));
    }
  }

  private disarmIdle(): void {
    this.cancelIdle?.();
    this.cancelIdle = null;
  }

  private armIdle(): void {
    this.disarmIdle();
    const w = this.worker;
    if (!w) return;
    this.cancelIdle = (this.options.schedule ?? realSchedule)(() => {
      this.cancelIdle = null;
      if (this.worker === w && !this.current && this.queue.length === 0) this.stopThread(w);
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
  }

  private abort(job: Job<Req, Res>): void {
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.settle(job, { error: this.cancelledError() });
      return;
    }
    if (this.current !== job) return;
    if (this.worker) this.stopThread(this.worker);
    this.failCurrent(this.cancelledError());
  }
}
