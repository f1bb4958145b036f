// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Argon2id in a worker thread, so a 256 MiB derivation (~1 s) never freezes the window or the CLI's
 * prompt (electron-security.md §2.3 rule 5).
 *
 * The worker body is a small self-contained CommonJS source string run with `eval: true`. That
 * works the same under vitest (TypeScript sources), in electron-vite's CommonJS bundle
 * (`out/main/index.js`, `out/main/cli.js`) and in any other bundle, because there is no second
 * entry file to locate: the parent resolves `libsodium-wrappers-sumo` with Node's resolver and
 * passes the absolute path in `workerData`.
 *
 * One worker serves all derivations and exits after `idleMs` without work: a warm worker avoids
 * paying WASM memory growth twice in a row (create = calibrate + wrap; unlock + re-wrap), and an
 * exiting worker gives its up-to-1-GiB WASM heap back to the OS.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { assertDeriveInput, type Kdf, type KdfParams } from './kdf';

/**
 * The worker's code. Plain JavaScript on purpose (it is never bundled or type-checked): it takes
 * `{ id, password, salt, opslimit, memlimit }`, replies `{ id, key }` (key transferred, so no copy
 * stays in the worker) or `{ id, error }`, and wipes its copy of the password.
 */
export const KDF_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
const KEY_BYTES = 32;
parentPort.on('message', async (m) => {
  try {
    await sodium.ready;
    const key = sodium.crypto_pwhash(KEY_BYTES, m.password, m.salt, m.opslimit, m.memlimit,
      sodium.crypto_pwhash_ALG_ARGON2ID13);
    sodium.memzero(m.password);
    parentPort.postMessage({ id: m.id, key }, [key.buffer]);
  } catch (error) {
    sodium.memzero(m.password);
    parentPort.postMessage({ id: m.id, error: String(error && error.message ? error.message : error) });
  }
});
`;

/** Where Node's resolver finds libsodium (its CommonJS build), from this module or, failing that, the cwd. */
export function resolveSodiumPath(): string {
  const bases = [typeof __filename === 'string' ? __filename : undefined, path.join(process.cwd(), 'index.js')];
  let lastError: unknown;
  for (const base of bases) {
    if (!base) continue;
    try {
      return createRequire(base).resolve('libsodium-wrappers-sumo');
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error('Cannot locate libsodium-wrappers-sumo for the KDF worker', { cause: lastError });
}

interface Pending {
  readonly resolve: (key: Uint8Array) => void;
  readonly reject: (error: Error) => void;
}

type WorkerReply = { id: number; key: Uint8Array } | { id: number; error: string };

/** Options of `createWorkerKdf`. */
export interface WorkerKdfOptions {
  /** Milliseconds without a derivation after which the worker exits. Default 30 s. */
  readonly idleMs?: number;
}

/** A worker-thread Argon2id `Kdf`; `close()` ends the worker and fails derivations still pending. */
export function createWorkerKdf(options: WorkerKdfOptions = {}): Kdf & { close(): Promise<void> } {
  const idleMs = options.idleMs ?? 30_000;
  const pending = new Map<number, Pending>();
  let worker: Worker | null = null;
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | null = null;

  function failAll(error: Error): void {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const w = new Worker(KDF_WORKER_SOURCE, { eval: true, workerData: { sodiumPath: resolveSodiumPath() } });
    w.unref(); // an idle worker never keeps the process alive; derive() refs it while work is pending
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('key' in reply) p.resolve(new Uint8Array(reply.key.buffer, reply.key.byteOffset, reply.key.byteLength));
      else p.reject(new Error(`Argon2id failed in the worker: ${reply.error}`));
      armIdleTimer();
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(new Error('The key-derivation worker crashed', { cause: error }));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0) failAll(new Error(`The key-derivation worker exited (code ${code})`));
    });
    return w;
  }

  function armIdleTimer(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    if (pending.size > 0 || !worker) return;
    const w = worker;
    w.unref();
    idleTimer = setTimeout(() => {
      if (worker === w && pending.size === 0) {
        worker = null;
        void w.terminate();
      }
    }, idleMs);
    idleTimer.unref();
  }

  return {
    derive(password: Uint8Array, salt: Uint8Array, params: KdfParams): Promise<Uint8Array> {
      try {
        assertDeriveInput(salt, params);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      worker ??= start();
      const id = nextId++;
      // A private copy is transferred (moved) to the worker, which wipes it: nothing stays here.
      const passwordCopy = password.slice();
      const message = {
        id,
        password: passwordCopy,
        salt: salt.slice(),
        opslimit: params.opslimit,
        memlimit: params.memlimit,
      };
      const w = worker;
      w.ref();
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage(message, [passwordCopy.buffer]);
      });
    },
    async close(): Promise<void> {
      if (idleTimer) clearTimeout(idleTimer);
      idleTimer = null;
      const w = worker;
      worker = null;
      failAll(new Error('The key-derivation worker was closed'));
      if (w) await w.terminate();
    },
  };
}

let shared: (Kdf & { close(): Promise<void> }) | null = null;

/** The process-wide worker KDF, used when `VaultOptions.kdf` is not given. */
export function sharedWorkerKdf(): Kdf {
  shared ??= createWorkerKdf();
  return shared;
}
