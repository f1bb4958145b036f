// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The worker side of a pool (worker-pool.ts): a worker entry calls {@link serveJobs} with its job
 * function and nothing else. Jobs arrive one at a time; each answer goes back with the buffers the
 * job names transferred, so a result's secrets are moved to main rather than copied, and no copy
 * stays in the worker.
 */
import { parentPort, type MessagePort, type TransferListItem } from 'node:worker_threads';
import type { JobMessage, JobReply } from './protocol';

/** What a job gives back: its value (structured-cloned) and the buffers to move with it. */
export interface JobOutput<Res> {
  readonly value: Res;
  readonly transfer?: readonly TransferListItem[];
}

/**
 * Answers every job the pool sends with `handle`. A job that throws is answered with the error's
 * text (the pool rejects its run with reason `failed`); the worker stays up for the next job.
 * @throws Error when called outside a worker thread.
 */
export function serveJobs<Req, Res>(
  handle: (request: Req) => Promise<JobOutput<Res>> | JobOutput<Res>,
  port: MessagePort | null = parentPort,
): void {
  if (!port) throw new Error('serveJobs runs only inside a worker thread.');
  const reply = (message: JobReply<Res>, transfer: readonly TransferListItem[] = []): void =>
    port.postMessage(message, [...transfer]);
  port.on('message', (message: JobMessage<Req>) => {
    void (async () => {
      try {
        const output = await handle(message.request);
        reply({ id: message.id, ok: true, value: output.value }, output.transfer);
      } catch (error) {
        reply({ id: message.id, ok: false, message: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
}
