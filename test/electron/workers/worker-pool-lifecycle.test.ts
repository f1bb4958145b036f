// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The worker pool's `warmUp` and `stop` (electron/workers/worker-pool.ts), which the KDF and the QR
 * decoder build on, with real threads: the pool tests' worker body
 * (test/electron/services/import-worker-fixture.ts) bundled as the app's build bundles a worker
 * entry. Idle timeouts are fired by the test (an injected schedule), never waited for.
 */
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool, WorkerError, type Schedule, type WorkerPool } from '../../../electron/workers/worker-pool';
import type { FixtureJob, FixtureReply } from '../services/import-worker-fixture';
import { bundleLikeOutMain } from './bundle';

let dir = '';
beforeAll(async () => {
  dir = await bundleLikeOutMain('pool-lifecycle', { fixture: 'test/electron/services/import-worker-fixture.ts' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pools: WorkerPool<FixtureJob, FixtureReply>[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** A pool on the fixture whose idle timeouts the test fires: `idle()` fires the ones still armed. */
function pool(script = path.join(dir, 'fixture.js')) {
  const timers: { callback: () => void; cancelled: boolean }[] = [];
  const schedule: Schedule = (callback) => {
    const timer = { callback, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  const p = createWorkerPool<FixtureJob, FixtureReply>({ name: 'the test worker', script, schedule });
  pools.push(p);
  const idle = (): void => timers.filter((t) => !t.cancelled).forEach((t) => t.callback());
  return { p, armed: () => timers.filter((t) => !t.cancelled).length, idle };
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => new Error('expected the job to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkerError);
  return (error as WorkerError).reason;
}

describe('warmUp', () => {
  it('starts the thread before the first job, which it then serves; unused, it idles out', async () => {
    const { p, armed, idle } = pool();
    p.warmUp();
    p.warmUp(); // once is enough
    expect(p.alive).toBe(true);
    expect(p.started).toBe(1);
    expect(armed()).toBe(1);
    expect((await p.run({ kind: 'echo', text: 'warm' })).text).toBe('warm');
    expect(p.started).toBe(1);
    idle();
    expect(p.alive).toBe(false);
    p.warmUp();
    idle();
    expect(p.alive).toBe(false);
    expect(p.started).toBe(2);
  });

  it('leaves a thread that cannot start to the next job, which reports it', async () => {
    const { p } = pool(path.join(dir, 'missing.js'));
    p.warmUp();
    expect(await reason(p.run({ kind: 'echo', text: 'x' }))).toBe('crashed');
  });
});

describe('stop', () => {
  it('ends the thread and fails the running and queued jobs; the next job starts a fresh thread', async () => {
    const { p } = pool();
    const { port1, port2 } = new MessageChannel();
    const started = once(port1, 'message');
    const running = p.run({ kind: 'spin', started: port2 }, { transfer: [port2] });
    running.catch(() => undefined);
    await started;
    port1.close();
    const queued = reason(p.run({ kind: 'echo', text: 'queued' }));
    await p.stop();
    expect(await reason(running)).toBe('closed');
    expect(await queued).toBe('closed');
    expect(p.alive).toBe(false);
    expect((await p.run({ kind: 'echo', text: 'after' })).text).toBe('after');
    expect(p.started).toBe(2);
  });
});
