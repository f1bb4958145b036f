// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The ring images' schedule, on a fake wall clock, monotonic clock and timers: one image per
 * period, published exactly at the frame change it was built to start at, made again when the
 * clocks disagree or on demand, never retried in a loop, and every URL revoked once replaced.
 */
import { describe, expect, it } from 'vitest';
import { createRingImages, type RingImageDeps } from '../../../renderer/lib/ring-images';

const T0 = Date.parse('2030-01-01T00:00:10.400Z'); // 10.4 s into a 30 s period

interface Timer {
  at: number;
  run: () => void;
}

function world(start = T0) {
  let wall = start;
  let mono = 1_000;
  const timers = new Set<Timer>();
  const renders: { period: number; firstFrame: number; resolve: (b: Blob | null) => void }[] = [];
  const urls: string[] = [];
  const revoked: string[] = [];
  const deps: RingImageDeps = {
    now: () => wall,
    monotonic: () => mono,
    setTimeout: (run, ms) => {
      const timer = { at: wall + ms, run };
      timers.add(timer);
      return timer;
    },
    clearTimeout: (handle) => timers.delete(handle as Timer),
    render: (period, firstFrame) => new Promise((resolve) => renders.push({ period, firstFrame, resolve })),
    createUrl: () => {
      urls.push(`blob:ring-${urls.length}`);
      return urls.at(-1) ?? '';
    },
    revokeUrl: (url) => revoked.push(url),
  };
  return {
    deps,
    timers,
    renders,
    urls,
    revoked,
    /** Moves both clocks (as time passes) and runs the timers due. */
    advance(ms: number) {
      const until = wall + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        mono += due.at - wall;
        wall = due.at;
        timers.delete(due);
        due.run();
      }
      mono += until - wall;
      wall = until;
    },
    /** Moves the wall clock alone (a suspend, or a clock set by hand). */
    jumpWall(ms: number) {
      wall += ms;
    },
    async finish(index: number, blob: Blob | null = new Blob(['png'])) {
      renders[index]?.resolve(blob);
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}

describe('ring images', () => {
  it('makes one image per period, starting at the frame due when it is published', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    let heard = 0;
    rings.subscribe(30, () => heard++);
    rings.subscribe(30, () => heard++);
    expect(w.renders.map((r) => [r.period, r.firstFrame])).toEqual([[30, 11]]); // 11.000 s is ≥ 250 ms away
    await w.finish(0);
    expect(rings.get(30)).toBeNull();
    w.advance(599); // to 10.999 s
    expect(rings.get(30)).toBeNull();
    w.advance(1);
    expect(rings.get(30)).toBe('blob:ring-0');
    expect(heard).toBe(2);
    expect(w.timers.size).toBe(0); // nothing runs per second: the image animates itself
  });

  it('gives each period its own image', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    rings.subscribe(60, () => undefined);
    expect(w.renders.map((r) => [r.period, r.firstFrame])).toEqual([
      [30, 11],
      [60, 11],
    ]);
  });

  it('leaves a second of lead when the next change is too close', async () => {
    const w = world(Date.parse('2030-01-01T00:00:10.900Z'));
    createRingImages(w.deps).subscribe(30, () => undefined);
    expect(w.renders[0]?.firstFrame).toBe(12);
  });

  it('tries again with more lead when painting took too long, and gives up after a few tries', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    for (let attempt = 0; attempt < 5; attempt++) {
      w.jumpWall(5_000); // the paint finishes after the frame it was made for
      await w.finish(attempt);
    }
    expect(w.renders).toHaveLength(5);
    expect(w.urls).toEqual([]);
    expect(w.timers.size).toBe(0);
    expect(rings.get(30)).toBeNull();
  });

  it('does not start an image whose publish ran late (a hidden window), and makes it again', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    for (let attempt = 1; attempt <= 5; attempt++) {
      // The timer fires a second late: starting then would be a second out of phase.
      const [timer] = [...w.timers];
      w.timers.clear();
      w.jumpWall((timer?.at ?? 0) - w.deps.now() + 1_000);
      timer?.run();
      expect(rings.get(30)).toBeNull();
      if (attempt < 5) await w.finish(attempt);
    }
    expect(w.renders).toHaveLength(5);
    expect(w.urls).toEqual([]);
    rings.checkPhase(); // e.g. the next code: after giving up, it tries again
    expect(w.renders).toHaveLength(6);
    await w.finish(5);
    w.advance(2_000);
    expect(rings.get(30)).toBe('blob:ring-0');
  });

  it('shows the track alone when the image cannot be painted, with nothing left running', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0, null);
    expect(rings.get(30)).toBeNull();
    expect(w.timers.size).toBe(0);
    const failing = createRingImages({ ...w.deps, render: () => Promise.reject(new Error('no canvas')) });
    failing.subscribe(30, () => undefined);
    await new Promise((r) => setTimeout(r, 0));
    expect(failing.get(30)).toBeNull();
  });

  it('makes the images again when the wall clock moved against the monotonic one, not otherwise', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    w.advance(600);
    w.advance(40_000);
    rings.checkPhase();
    expect(w.renders).toHaveLength(1);
    w.jumpWall(2_000); // e.g. the machine slept and the animation clock stood still
    rings.checkPhase();
    expect(w.renders).toHaveLength(2);
    await w.finish(1);
    w.advance(2_000);
    expect(rings.get(30)).toBe('blob:ring-1');
    expect(w.revoked).toEqual(['blob:ring-0']);
  });

  it('on refresh, keeps the old image until the new one starts, and forgets periods nobody shows', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    const off = rings.subscribe(60, () => undefined);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    await w.finish(1);
    w.advance(600);
    off();
    rings.refresh();
    expect(w.renders.map((r) => r.period)).toEqual([60, 30, 30]);
    expect(w.revoked).toEqual(['blob:ring-0']); // period 60: nobody shows it
    expect(rings.get(60)).toBeNull();
    expect(rings.get(30)).toBe('blob:ring-1');
    await w.finish(2);
    w.advance(1_000);
    expect(rings.get(30)).toBe('blob:ring-2');
    expect(w.revoked).toEqual(['blob:ring-0', 'blob:ring-1']);
  });

  it('drops an image made for a theme that changed again meanwhile', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    rings.refresh(); // before the first image was even painted
    await w.finish(0);
    await w.finish(1);
    w.advance(1_000);
    expect(w.urls).toEqual(['blob:ring-0']);
    expect(rings.get(30)).toBe('blob:ring-0');
    expect(w.renders).toHaveLength(2);
  });

  it('revokes everything and runs nothing once disposed', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    w.advance(600);
    rings.subscribe(60, () => undefined);
    await w.finish(1);
    rings.dispose();
    expect(w.timers.size).toBe(0);
    expect(w.urls).toEqual(['blob:ring-0']); // the pending one never got a URL
    expect(w.revoked).toEqual(['blob:ring-0']);
    expect(rings.get(30)).toBeNull();
  });
});
