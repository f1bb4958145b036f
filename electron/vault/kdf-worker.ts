// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Argon2id in a worker thread, so a 256 MiB derivation (~1 s) never freezes the window or the CLI's
 * prompt. The thread's body is kdf-worker-entry.ts, built to out/main/kdf-worker.js beside the main
 * bundle and the CLI; the thread is the shared worker pool (electron/workers/worker-pool.ts).
 *
 * One thread serves all derivations, one at a time, and ends after `idleMs` without work: a warm
 * thread avoids paying WASM memory growth twice in a row (create = calibrate + wrap; unlock +
 * re-wrap), and an ending thread gives its up-to-1-GiB WASM heap back to the OS. An idle thread
 * never keeps the process alive, so the CLI exits as soon as its command is done. Its V8 heap is not
 * capped: Argon2id's memory is WebAssembly memory, outside that heap, and KDF_CEILING bounds it.
 */
import { workerScriptPath } from '../workers/locate';
import { createWorkerPool } from '../workers/worker-pool';
import { assertDeriveInput, KDF_ENGINE_WEBASSEMBLY, type Kdf, type KdfParams } from './kdf';

/** The thread's entry file beside the main bundle (electron.vite.config.ts builds it there). */
export const KDF_WORKER_FILE = 'kdf-worker.js';

/** One derivation as the thread gets it: `password` is a private copy, moved there and wiped there. */
export interface KdfJob {
  readonly password: Uint8Array;
  readonly salt: Uint8Array;
  readonly params: KdfParams;
}

/** Options of `createWorkerKdf`. */
export interface WorkerKdfOptions {
  /** Milliseconds without a derivation after which the thread ends. Default 30 s. */
  readonly idleMs?: number;
}

/**
 * A worker-thread Argon2id `Kdf`; `close()` ends the thread and fails derivations still pending
 * (a later derivation starts a new thread).
 */
export function createWorkerKdf(options: WorkerKdfOptions = {}): Kdf & { close(): Promise<void> } {
  const pool = createWorkerPool<KdfJob, Uint8Array>({
    name: 'the key-derivation worker',
    script: () => workerScriptPath(KDF_WORKER_FILE),
    idleMs: options.idleMs,
  });
  return {
    engine: async () => KDF_ENGINE_WEBASSEMBLY,
    async derive(password, salt, params) {
      assertDeriveInput(salt, params);
      // A private copy is moved to the thread, which wipes it: nothing of it stays here.
      const copy = password.slice();
      const key = await pool.run(
        { password: copy, salt: salt.slice(), params: { opslimit: params.opslimit, memlimit: params.memlimit } },
        { transfer: [copy.buffer] },
      );
      return new Uint8Array(key.buffer, key.byteOffset, key.byteLength);
    },
    close: () => pool.stop(),
  };
}
