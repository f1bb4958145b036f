// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The worker helper (electron/workers/worker-pool.ts) with real threads: a test worker body
 * (import-worker-fixture.ts) is bundled with rolldown, as the app's build bundles the import worker,
 * and run through the real worker-host. The idle timeout is fired by the test (an injected
 * schedule); a running job is known to be running because it says so on a port, never by a sleep.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { build } from 'rolldown';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { workerScriptCandidates, workerScriptPath } from '../../../electron/workers/locate';
import {
  createWorkerPool,
  isCancelled,
  WorkerError,
  type Schedule,
  type WorkerPool,
  type WorkerPoolOptions,
} from '../../../electron/workers/worker-pool';
import type { FixtureJob, FixtureReply } from './import-worker-fixture';

let dir = '';
let script = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tessera-pool-'));
  script = path.join(dir, 'pool-fixture.cjs');
  await build({
    input: path.join(__dirname, 'import-worker-fixture.ts'),
    platform: 'node',
    external: (id) => id.startsWith('node:'),
    output: { file: script, format: 'cjs' },
    logLevel: 'warn',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pools: WorkerPool<FixtureJob, FixtureReply>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** A schedule the test fires by hand: the idle timeouts the pool asked for, and whether each was called off. */
function manualSchedule() {
  const timers: { ms: number; callback: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (callback, ms) => {
    const timer = { ms, callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return { schedule, timers, pending: () => timers.filter((t) => !t.cancelled) };
}

function pool(options: Partial<WorkerPoolOptions> = {}): WorkerPool<FixtureJob, FixtureReply> {
  const p = createWorkerPool<FixtureJob, FixtureReply>({
    name: 'the test worker',
    script,
    schedule: manualSchedule().schedule,
    ...options,
  });
  pools.push(p);
  return p;
}

/** Starts a job that never ends; resolves once it is running in the thread, with its outcome to come. */
async function spinning(
  p: WorkerPool<FixtureJob, FixtureReply>,
  signal: AbortSignal,
): Promise<{ readonly done: Promise<FixtureReply> }> {
  const { port1, port2 } = new MessageChannel();
  const started = once(port1, 'message');
  const done = p.run({ kind: 'spin', started: port2 }, { signal, transfer: [port2] });
  done.catch(() => undefined); // observed by the test later
  expect(await started).toEqual(['started']);
  port1.close();
  return { done };
}

async function failure(promise: Promise<unknown>): Promise<WorkerError> {
  const error = await promise.then(
    () => new Error('expected the job to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkerError);
  return error as WorkerError;
}

describe('worker pool', () => {
  it('starts a thread for the first job, not before, and answers it', async () => {
    const p = pool();
    expect(p.alive).toBe(false);
    expect(p.started).toBe(0);
    const reply = await p.run({ kind: 'echo', text: 'hello' });
    expect(reply.text).toBe('hello');
    expect(reply.threadId).toBeGreaterThan(0);
    expect(p.alive).toBe(true);
    expect(p.started).toBe(1);
  });

  it('moves transferred bytes to the thread and the answer’s bytes back', async () => {
    const p = pool();
    const bytes = Uint8Array.from([1, 2, 3, 250]);
    const run = p.run({ kind: 'bytes', bytes }, { transfer: [bytes.buffer] });
    expect(bytes.byteLength).toBe(0); // moved, not copied: nothing left on this side
    const reply = await run;
    expect(reply.sum).toBe(256);
    expect([...(reply.bytes ?? [])]).toEqual([250, 3, 2, 1]);
  });

  it('runs two jobs in sequence in the same thread, in the order they came', async () => {
    const p = pool();
    const order: string[] = [];
    const [a, b] = await Promise.all([
      p.run({ kind: 'echo', text: 'a' }).then((r) => (order.push('a'), r)),
      p.run({ kind: 'echo', text: 'b' }).then((r) => (order.push('b'), r)),
    ]);
    expect(order).toEqual(['a', 'b']);
    expect(a.threadId).toBe(b.threadId);
    const c = await p.run({ kind: 'echo', text: 'c' });
    expect(c.threadId).toBe(a.threadId);
    expect(p.started).toBe(1);
  });

  it('cancels a running job by terminating its thread; the next job gets a fresh one', async () => {
    const p = pool();
    const first = await p.run({ kind: 'echo', text: 'warm' });
    const controller = new AbortController();
    const { done } = await spinning(p, controller.signal);
    controller.abort();
    const error = await failure(done);
    expect(error.reason).toBe('cancelled');
    expect(isCancelled(error)).toBe(true);
    expect(p.alive).toBe(false);
    const next = await p.run({ kind: 'echo', text: 'after' });
    expect(next.text).toBe('after');
    expect(next.threadId).not.toBe(first.threadId);
    expect(p.started).toBe(2);
  });

  it('drops a queued job that is cancelled; the running one goes on', async () => {
    const p = pool();
    const spin = new AbortController();
    const { done } = await spinning(p, spin.signal);
    const queued = new AbortController();
    const waiting = p.run({ kind: 'echo', text: 'never' }, { signal: queued.signal });
    queued.abort();
    expect((await failure(waiting)).reason).toBe('cancelled');
    expect(p.alive).toBe(true);
    expect(p.started).toBe(1);
    spin.abort();
    expect((await failure(done)).reason).toBe('cancelled');
  });

  it('refuses a job whose signal has already fired, without starting a thread', async () => {
    const p = pool();
    const controller = new AbortController();
    controller.abort();
    expect((await failure(p.run({ kind: 'echo', text: 'x' }, { signal: controller.signal }))).reason).toBe('cancelled');
    expect(p.started).toBe(0);
  });

  it('reports an error thrown outside a job as a crash, and carries on in a new thread', async () => {
    const p = pool();
    const error = await failure(p.run({ kind: 'crash' }));
    expect(error.reason).toBe('crashed');
    expect(error.message).toBe('the test worker stopped unexpectedly: boom outside the job');
    expect((await p.run({ kind: 'echo', text: 'again' })).text).toBe('again');
    expect(p.started).toBe(2);
  });

  it('reports a thread that exits as a crash with its exit code', async () => {
    const p = pool();
    const error = await failure(p.run({ kind: 'exit', code: 3 }));
    expect(error.reason).toBe('crashed');
    expect(error.message).toBe('the test worker stopped unexpectedly (exit code 3).');
  });

  it('reports a job that throws as failed, and keeps the thread', async () => {
    const p = pool();
    const before = await p.run({ kind: 'echo', text: 'x' });
    const error = await failure(p.run({ kind: 'fail' }));
    expect(error.reason).toBe('failed');
    expect(error.message).toBe('the test worker: the job failed on purpose');
    expect((await p.run({ kind: 'echo', text: 'y' })).threadId).toBe(before.threadId);
  });

  it('stops a job that outgrows the heap cap with a clear out-of-memory error', async () => {
    const p = pool({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } });
    const error = await failure(p.run({ kind: 'hog' }));
    expect(error.reason).toBe('out-of-memory');
    expect(error.message).toBe('the test worker reached its memory limit (16 MB) and was stopped.');
    expect((await p.run({ kind: 'echo', text: 'fine' })).text).toBe('fine');
  });

  it('ends an idle thread when the idle timeout fires, and not while jobs keep coming', async () => {
    const timers = manualSchedule();
    const p = pool({ schedule: timers.schedule, idleMs: 1234 });
    const first = await p.run({ kind: 'echo', text: 'one' });
    expect(timers.pending().map((t) => t.ms)).toEqual([1234]);
    const armed = timers.pending()[0];

    // A job before the timeout calls it off; the same thread answers.
    const second = await p.run({ kind: 'echo', text: 'two' });
    expect(armed?.cancelled).toBe(true);
    expect(second.threadId).toBe(first.threadId);

    const [idle] = timers.pending();
    idle?.callback();
    expect(p.alive).toBe(false);
    const third = await p.run({ kind: 'echo', text: 'three' });
    expect(third.threadId).not.toBe(first.threadId);
    expect(p.started).toBe(2);
  });

  it('arms no idle timeout while a job runs', async () => {
    const timers = manualSchedule();
    const p = pool({ schedule: timers.schedule });
    const controller = new AbortController();
    const { done } = await spinning(p, controller.signal);
    expect(timers.pending()).toEqual([]);
    controller.abort();
    await failure(done);
    expect(timers.pending()).toEqual([]); // the cancel ended the thread: nothing left to idle out
  });

  it('fails a job clearly when the worker file is missing', async () => {
    const p = pool({ script: path.join(dir, 'missing.cjs') });
    const error = await failure(p.run({ kind: 'echo', text: 'x' }));
    expect(error.reason).toBe('crashed');
    expect(error.message).toMatch(/^the test worker stopped unexpectedly: Cannot find module/);
  });

  it('close ends the thread and fails the running, queued and later jobs', async () => {
    const p = pool();
    const { done } = await spinning(p, new AbortController().signal);
    const queued = failure(p.run({ kind: 'echo', text: 'queued' }));
    await p.close();
    expect((await failure(done)).reason).toBe('closed');
    expect((await queued).reason).toBe('closed');
    expect((await failure(p.run({ kind: 'echo', text: 'late' }))).reason).toBe('closed');
    expect(p.alive).toBe(false);
  });
});

describe('locating a worker file', () => {
  it('looks beside the bundle, one folder up (a shared chunk), and from the sources in out/main', () => {
    expect(workerScriptCandidates('w.js', '/app/out/main', false)).toEqual(['/app/out/main/w.js', '/app/out/w.js']);
    expect(workerScriptCandidates('w.js', '/repo/electron/workers', true)).toEqual([
      '/repo/electron/workers/w.js',
      '/repo/electron/w.js',
      '/repo/out/main/w.js',
    ]);
  });

  it('says where it looked and how to build the file when it is missing', () => {
    expect(() => workerScriptPath('nothing-here.js', () => false)).toThrow(
      /^The worker file nothing-here\.js is missing \(looked at .*\): run `npm run build`\.$/,
    );
  });
});
