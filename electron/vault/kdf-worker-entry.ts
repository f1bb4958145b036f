// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The key-derivation thread's body, built to out/main/kdf-worker.js (electron.vite.config.ts) and
 * started by createWorkerKdf (kdf-worker.ts): the same-thread Argon2id of kdf.ts, off the caller's
 * event loop. The key goes back moved, not copied, so no copy of it stays in this thread; the
 * password copy it was given is wiped here, whatever happens.
 */
import { serveJobs } from '../workers/worker-host';
import { createInlineKdf } from './kdf';
import type { KdfJob } from './kdf-worker';

const kdf = createInlineKdf();

serveJobs<KdfJob, Uint8Array>(async ({ password, salt, params }) => {
  try {
    const key = await kdf.derive(password, salt, params);
    return { value: key, transfer: [key.buffer as ArrayBuffer] };
  } finally {
    password.fill(0);
  }
});
