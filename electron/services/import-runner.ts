// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Where the import service's jobs (import-jobs.ts) run. The app runs them in the import worker: a
 * thread with a capped heap, started on demand, that a Cancel terminates, so a large or hostile file
 * never stalls main (the codes, copying, locking) and can be stopped at any moment. Tests inject a
 * runner with the same interface that runs them in-process, or a fake one they hold and release.
 */
import type { ResourceLimits } from 'node:worker_threads';
import { ImportError } from '../import';
import type { Kdf } from '../vault';
import { workerScriptPath } from '../workers/locate';
import { createWorkerPool, WorkerError, type Schedule, type WorkerPool } from '../workers/worker-pool';
import { jobBytes, ownsBuffer, runImportJob, type ImportJob, type ImportJobReply } from './import-jobs';

/** Runs import jobs. */
export interface ImportRunner {
  /**
   * One job. A `read-file` or `decode-bmp` job takes the caller's bytes (the worker gets them moved,
   * not copied: main never copies a 50 MB file); a password step hands them back in the answer. An
   * `unlock-file` job works on a copy: the locked file stays the caller's for another try.
   * @throws WorkerError `cancelled` once `signal` fires (nothing of the job's is kept), or another
   *   WorkerError when the worker fails (see describeWorkerFailure).
   */
  run(job: ImportJob, signal?: AbortSignal): Promise<ImportJobReply>;
  /** Ends the worker, if there is one. */
  close(): Promise<void>;
}

/** The worker's entry file beside the main bundle (electron.vite.config.ts builds it there). */
export const IMPORT_WORKER_FILE = 'import-worker.js';

/**
 * The import worker's heap. The heaviest file the import's work budget admits (200,000 XML
 * elements in 48 MB, test/electron/services/import-worker-files.ts) reads in 128–256 MB of heap;
 * twice that leaves room and still stops a parser that runs away. The file's bytes, a backup's
 * Argon2id memory and decoded pixels are buffers, outside these caps: the budget's `memory` limit
 * and the image limits bound those.
 */
export const IMPORT_WORKER_LIMITS: ResourceLimits = Object.freeze({
  maxOldGenerationSizeMb: 512,
  maxYoungGenerationSizeMb: 32,
});

export interface WorkerImportRunnerOptions {
  /** The built entry file; default: located beside the main bundle (workers/locate.ts). */
  readonly script?: string;
  /** Default {@link IMPORT_WORKER_LIMITS}. */
  readonly resourceLimits?: ResourceLimits;
  /** Milliseconds without a job after which the thread ends; default 30 s. */
  readonly idleMs?: number;
  readonly schedule?: Schedule;
}

/** The import worker: each job's bytes are moved to the thread (see ImportRunner.run). */
export function createWorkerImportRunner(
  options: WorkerImportRunnerOptions = {},
): ImportRunner & { readonly pool: WorkerPool<ImportJob, ImportJobReply> } {
  const pool = createWorkerPool<ImportJob, ImportJobReply>({
    name: 'the import worker',
    script: options.script ?? (() => workerScriptPath(IMPORT_WORKER_FILE)),
    resourceLimits: options.resourceLimits ?? IMPORT_WORKER_LIMITS,
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs }),
    ...(options.schedule ? { schedule: options.schedule } : {}),
  });
  return {
    pool,
    run(job, signal) {
      const sent = handOver(job);
      return pool.run(sent, { transfer: [jobBytes(sent).buffer as ArrayBuffer], signal });
    },
    close: () => pool.close(),
  };
}

/**
 * The job as it is sent: a read's bytes as they are when they alone own their buffer (so it can be
 * moved), else a copy that does; an unlock's bytes always copied (main keeps the locked file).
 */
function handOver(job: ImportJob): ImportJob {
  if (job.kind === 'unlock-file') return { ...job, file: { ...job.file, bytes: job.file.bytes.slice() } };
  return ownsBuffer(job.bytes) ? job : { ...job, bytes: job.bytes.slice() };
}

/**
 * The jobs on this thread, for tests and scripts: the same code as the worker runs, on a
 * structured clone of the job (so the caller's bytes are copied here, where the worker moves them). Cancelling rejects at once; the work
 * itself cannot be interrupted here and its late answer is wiped. `kdf` reads Tessera backups
 * (default: the shared KDF worker).
 */
export function createInProcessImportRunner(options: { readonly kdf?: Kdf | undefined } = {}): ImportRunner {
  return {
    run(job, signal) {
      if (signal?.aborted) return Promise.reject(cancelledError());
      const work = runImportJob(structuredClone(job), options.kdf).then((output) => output.value);
      if (!signal) return work;
      return new Promise<ImportJobReply>((resolve, reject) => {
        const onAbort = (): void => {
          reject(cancelledError());
          void work.then(wipeReply, () => undefined);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        work.then(
          (reply) => {
            signal.removeEventListener('abort', onAbort);
            resolve(reply);
          },
          (error: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
    },
    close: async () => undefined,
  };
}

function cancelledError(): WorkerError {
  return new WorkerError('cancelled', 'The import job was cancelled.');
}

/** Zeroes whatever secret or pixel an answer carries. */
export function wipeReply(reply: ImportJobReply): void {
  if (reply.type === 'image') reply.image.data.fill(0);
  if (reply.type === 'file' && reply.answer.kind !== 'password') for (const e of reply.answer.entries) e.secret.fill(0);
}

/**
 * The runner the import service gets when none is injected: the import worker, unless the caller
 * injected its own `Kdf`. A Kdf is a function, which cannot be sent to a thread, and a caller that
 * injects one (a test with a fast fake KDF) expects backups to be read with it: those jobs then run
 * on this thread.
 */
export function defaultImportRunner(kdf: Kdf | undefined): ImportRunner {
  return kdf ? createInProcessImportRunner({ kdf }) : createWorkerImportRunner();
}

/**
 * A worker failure in words for the person importing `fileName`; anything else (a cancel, an
 * expected import error) is returned as it is.
 */
export function describeWorkerFailure(error: unknown, fileName: string): unknown {
  if (!(error instanceof WorkerError)) return error;
  switch (error.reason) {
    case 'out-of-memory':
      return new ImportError(
        'too-large',
        `Reading ${fileName} needed more memory than Tessera allows for one file, so it was stopped. Exports of authenticator apps are far smaller: is it the right file?`,
        { cause: error, details: error.message },
      );
    case 'crashed':
      return new ImportError(
        'corrupt',
        `Tessera could not finish reading ${fileName}: the reader stopped unexpectedly. Try again; if it happens again, the file may be damaged.`,
        { cause: error, details: error.message },
      );
    default:
      return error;
  }
}
