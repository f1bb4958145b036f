// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import worker's body, built to out/main/import-worker.js (electron.vite.config.ts) and started
 * by the import runner (import-runner.ts): it answers the import service's jobs (import-jobs.ts) off
 * main's event loop. A Tessera backup's Argon2id runs right here, on this thread, rather than in a
 * second worker: the thread is already off main, and a Cancel that terminates it stops the
 * derivation too.
 */
import { createInlineKdf } from '../vault';
import { serveJobs } from '../workers/worker-host';
import { runImportJob, type ImportJob, type ImportJobReply } from './import-jobs';

const kdf = createInlineKdf();

serveJobs<ImportJob, ImportJobReply>((job) => runImportJob(job, kdf));
