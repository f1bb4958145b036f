// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The BUILT import worker (out/main/import-worker.js, what the app starts beside out/main/index.js)
 * behind the import service: a dropped export and a Tessera backup read in it, Cancel ending it in
 * the middle of a file as large as the work budget accepts, the heap cap stopping a file that
 * outgrows it, and the idle timeout (fired by the test). Fails with the way out when the build is
 * missing, as the main-bundle tests do.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeTesseraBackup } from '../../../electron/export';
import { importFile } from '../../../electron/import';
import type { ImportReview, ImportStep } from '../../../electron/domain';
import { NO_DESKTOP } from '../../../electron/services/desktop-ports';
import { toIpcError } from '../../../electron/services/error-report';
import type { ImportJob } from '../../../electron/services/import-jobs';
import {
  createWorkerImportRunner,
  IMPORT_WORKER_FILE,
  type WorkerImportRunnerOptions,
} from '../../../electron/services/import-runner';
import { createImportService, type ImportService } from '../../../electron/services/import-service';
import { createVault, KDF_FLOOR, type UnlockedVault } from '../../../electron/vault';
import { workerScriptPath } from '../../../electron/workers/locate';
import type { Schedule } from '../../../electron/workers/worker-pool';
import { fakeKdf } from '../export/arbitraries';
import { account, aegisPlainFile, budgetSizedFreeOtpXml, linkList, longLinkList } from './import-worker-files';

const ROOT = path.resolve(__dirname, '../../..');
const BUILT_WORKER = path.join(ROOT, 'out', 'main', IMPORT_WORKER_FILE);

beforeAll(() => {
  if (!existsSync(BUILT_WORKER)) throw new Error(`${BUILT_WORKER} is missing: run \`npm run build\` first`);
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A schedule the test fires by hand. */
function manualSchedule() {
  const timers: { ms: number; callback: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (callback, ms) => {
    const timer = { ms, callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return { schedule, pending: () => timers.filter((t) => !t.cancelled) };
}

interface Setup {
  readonly service: ImportService;
  readonly vault: UnlockedVault;
  readonly runner: ReturnType<typeof createWorkerImportRunner>;
  /** Resolves when the runner is handed its next job. */
  nextJob(): Promise<ImportJob>;
  readonly dir: string;
}

async function setUp(options: Omit<WorkerImportRunnerOptions, 'script'> = {}): Promise<Setup> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-import-built-'));
  const vault = await createVault(
    { path: path.join(dir, 'vault.tessera'), kdf: fakeKdf, kdfParams: KDF_FLOOR },
    'pw 1',
  );
  const runner = createWorkerImportRunner({ script: BUILT_WORKER, schedule: manualSchedule().schedule, ...options });
  let handed: ((job: ImportJob) => void) | null = null;
  const service = createImportService({
    desktop: NO_DESKTOP,
    now: () => Date.now(),
    shownEntries: () => vault.entries(),
    openFresh: async () => vault,
    changed: () => undefined,
    runner: {
      run: (job, signal) => {
        const result = runner.run(job, signal);
        handed?.(job);
        return result;
      },
      close: () => runner.close(),
    },
  });
  cleanups.push(async () => {
    await service.close();
    if (!vault.locked) vault.lock();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    service,
    vault,
    runner,
    dir,
    nextJob: () => new Promise((resolve) => (handed = resolve)),
  };
}

function reviewOf(step: ImportStep): ImportReview {
  if (step.step !== 'review') throw new Error(`expected a review, got ${step.step}`);
  return step.review;
}

describe('the built import worker', () => {
  it('reads a dropped export in its thread (its bytes moved there) and hands back the accounts, then added', async () => {
    const { service, vault, runner } = await setUp();
    const bytes = linkList([account('GitHub'), account('Proton')]);
    const review = reviewOf(await service.readFile('links.txt', bytes));
    expect(bytes.byteLength).toBe(0); // moved to the worker, never copied on main
    expect(review.candidates.map((c) => c.issuer)).toEqual(['GitHub', 'Proton']);
    expect(runner.pool.started).toBe(1);
    expect(await service.commit(['c0', 'c1'], 'merge')).toEqual({ added: 2, removed: 0 });
    expect(vault.entries().map((e) => e.issuer)).toEqual(['GitHub', 'Proton']);
  });

  it('the variant read and the kind of each skipped account cross from the thread into the review', async () => {
    const { service } = await setUp();
    const bytes = aegisPlainFile();
    // What the importer says on this thread, to compare with what arrives from the worker's.
    const here = await importFile(bytes.slice(), { fileName: 'aegis.json' });
    expect(here.variant).toEqual(expect.any(String));
    const review = reviewOf(await service.readFile('aegis.json', bytes));
    expect(review.sources).toEqual([
      { name: 'aegis.json', format: 'aegis', formatName: 'Aegis', variant: here.variant, found: 1, skipped: 2 },
    ]);
    expect(review.skipped.map((s) => [s.label, s.kind])).toEqual([
      ['Bank (bob)', 'unsupported'],
      ['Odd (eve)', 'malformed'],
    ]);
    for (const e of here.entries) e.secret.fill(0);
  });

  it('restores a Tessera backup with its Argon2id run in the worker', async () => {
    const { service, vault, dir } = await setUp();
    const file = path.join(dir, 'b.tessera');
    const github = account('GitHub');
    await writeTesseraBackup(
      [{ ...github, type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: null }],
      file,
      'backup password',
      { kdfParams: KDF_FLOOR },
    );
    const bytes = new Uint8Array(readFileSync(file));
    expect(await service.readFile('b.tessera', bytes)).toMatchObject({
      step: 'password',
      formatName: 'Tessera backup',
    });
    expect(await service.filePassword('wrong one')).toMatchObject({ step: 'password', wrongPassword: true });
    const review = reviewOf(await service.filePassword('backup password'));
    expect(review).toMatchObject({ kind: 'backup', title: 'Tessera backup' });
    expect(await service.commit(['c0'], 'merge')).toEqual({ added: 1, removed: 0 });
    expect(vault.entries().map((e) => e.issuer)).toEqual(['GitHub']);
  });

  it('Cancel in the middle of a budget-sized file ends the thread at once; nothing is staged', async () => {
    const { service, vault, runner, nextJob } = await setUp();
    const { bytes } = budgetSizedFreeOtpXml();
    const handed = nextJob();
    const reading = service.readFile('mystery.bin', bytes);
    expect((await handed).kind).toBe('read-file');
    expect(runner.pool.alive).toBe(true);

    const cancelledAt = performance.now();
    service.cancel();
    expect(await reading).toEqual({ step: 'cancelled' });
    // Parsing the file takes seconds; the answer came as soon as the thread was ended.
    expect(performance.now() - cancelledAt).toBeLessThan(1_000);
    expect(runner.pool.alive).toBe(false);
    expect(service.codes()).toEqual([]);
    expect(vault.entries()).toEqual([]);

    // The next file gets a fresh thread.
    reviewOf(await service.readFile('links.txt', linkList([account('GitHub')])));
    expect(runner.pool.started).toBe(2);
  });

  it('a file that outgrows the heap cap is stopped, and the person is told in words', async () => {
    const { service } = await setUp({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    const error = await service.readFile('long.txt', longLinkList(5_000)).then(
      () => new Error('expected a failure'),
      (e: unknown) => e,
    );
    expect(toIpcError(error)).toMatchObject({
      code: 'import-failed',
      message:
        'Reading long.txt needed more memory than Tessera allows for one file, so it was stopped. Exports of authenticator apps are far smaller: is it the right file?',
      details: 'the import worker reached its memory limit (16 MB) and was stopped.',
    });
    reviewOf(await service.readFile('links.txt', linkList([account('GitHub')])));
  });

  it('ends its thread when idle for the idle time, and starts another for the next file', async () => {
    const timers = manualSchedule();
    const { service, runner } = await setUp({ schedule: timers.schedule, idleMs: 30_000 });
    reviewOf(await service.readFile('a.txt', linkList([account('A')])));
    expect(timers.pending().map((t) => t.ms)).toEqual([30_000]);
    timers.pending()[0]?.callback();
    expect(runner.pool.alive).toBe(false);
    reviewOf(await service.readFile('b.txt', linkList([account('B')])));
    expect(runner.pool.started).toBe(2);
  });
});

// The service's own default: the worker file is found beside the built bundle (or, from these
// sources, in out/main) — the same file as above.
describe('locating the built worker', () => {
  it('finds out/main/import-worker.js from the sources', () => {
    expect(workerScriptPath(IMPORT_WORKER_FILE)).toBe(BUILT_WORKER);
  });
});
