// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The ring images' schedule, on a fake wall clock, monotonic clock, timers and frames: one image
 * per period, decoded, published exactly at the frame change it was built to start at, and kept
 * only if its first paint came on time; withdrawn (never shown out of phase) when the clocks
 * disagree, after a long hide or a long time unseen; every URL revoked once replaced. A property
 * test models the browser (an animation starts at its first paint and keeps the monotonic clock)
 * and holds every ring shown to the true seconds left, whatever the delays.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ringFrames, frameIndexAt } from '../../../renderer/codes/rings/ring-frames';
import {
  createRingImages,
  PAINT_LATE_MS,
  UNSEEN_RESYNC_MS,
  type RingImageDeps,
} from '../../../renderer/codes/rings/ring-images';

const T0 = Date.parse('2030-01-01T00:00:10.400Z'); // 10.4 s into a 30 s period

interface Timer {
  at: number;
  run: () => void;
}

/** A fake browser: clocks, timers, renders and decodes the test resolves, frames it paints. */
function world(start = T0) {
  let wall = start;
  let mono = 1_000;
  const timers = new Set<Timer>();
  const renders: { period: number; firstFrame: number; resolve: (b: Blob | null) => void }[] = [];
  const urls: string[] = [];
  const revoked: string[] = [];
  const kept = new Map<number, string | null>();
  const paintWaits: { period: number; url: string; callback: (at: number) => void }[] = [];
  const blobs = new Map<Blob, string>();
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
    createUrl: (blob) => {
      urls.push(`blob:ring-${urls.length}-${blobs.get(blob) ?? '?'}`);
      return urls.at(-1) ?? '';
    },
    revokeUrl: (url) => revoked.push(url),
    preload: async () => undefined,
    keep: (period, url) => kept.set(period, url),
    onPainted: (period, url, callback) => paintWaits.push({ period, url, callback }),
  };
  const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
  return {
    deps,
    timers,
    renders,
    urls,
    revoked,
    kept,
    paintWaits,
    get wall() {
      return wall;
    },
    /** Moves both clocks (as time passes) and runs the timers due. */
    advance(ms: number) {
      const until = wall + ms;
      for (;;) {
        const due = [...timers].filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        // An overdue timer (the wall clock jumped past it) runs now, late.
        mono += Math.max(0, due.at - wall);
        wall = Math.max(wall, due.at);
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
    /** Finishes painting render `index` as `name`. */
    async finish(index: number, name = `r${index}`, blob: Blob | null = new Blob([name])) {
      if (blob) blobs.set(blob, name);
      renders[index]?.resolve(blob);
      await flush();
    },
    /** Runs the next timer (a publish) and paints its frame `lateMs` after it. */
    publish(lateMs = 0) {
      const next = [...timers].sort((a, b) => a.at - b.at)[0];
      if (!next) throw new Error('nothing to publish');
      this.advance(next.at - wall);
      this.paint(lateMs);
    },

    /** Finishes every render asked for so far. */
    async finishAll() {
      for (const [i, r] of renders.entries()) {
        const blob = new Blob([`r${i}`]);
        blobs.set(blob, `r${i}`);
        r.resolve(blob);
      }
      await flush();
    },
    /** Paints the next frame `lateMs` after now: the published images' first paints are checked. */
    paint(lateMs = 0) {
      const waits = paintWaits.splice(0);
      for (const w of waits) w.callback(wall + lateMs);
    },
    flush,
  };
}

/** Subscribes, paints the first image and lets it start on time; returns the world and the rings. */
async function started(period = 30) {
  const w = world();
  const rings = createRingImages(w.deps);
  const unsubscribe = rings.subscribe(period, () => undefined);
  await w.finish(0);
  w.advance(600); // to the frame change at 11.000 s
  w.paint();
  return { w, rings, unsubscribe };
}

describe('ring images', () => {
  it('makes one image per period, decoded and published at the frame due, kept when it paints on time', async () => {
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
    expect(rings.get(30)).toBe('blob:ring-0-r0');
    expect(w.kept.get(30)).toBe('blob:ring-0-r0');
    expect(heard).toBe(2);
    w.paint(16);
    expect(rings.get(30)).toBe('blob:ring-0-r0');
    expect(w.timers.size).toBe(0); // nothing runs per second: the image animates itself
    expect(w.revoked).toEqual([]);
  });

  it('gives each period its own image and keeper', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    rings.subscribe(60, () => undefined);
    expect(w.renders.map((r) => [r.period, r.firstFrame])).toEqual([
      [30, 11],
      [60, 11],
    ]);
    await w.finish(0);
    await w.finish(1);
    w.advance(600);
    expect([...w.kept]).toEqual([
      [30, 'blob:ring-0-r0'],
      [60, 'blob:ring-1-r1'],
    ]);
  });

  it('leaves enough lead when the next change is too close', () => {
    const w = world(Date.parse('2030-01-01T00:00:10.900Z'));
    createRingImages(w.deps).subscribe(30, () => undefined);
    expect(w.renders[0]?.firstFrame).toBe(12);
  });

  it('withdraws an image whose first paint came late (a busy page) and tries again with more lead', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    w.advance(600);
    expect(rings.get(30)).toBe('blob:ring-0-r0');
    w.jumpWall(2_000); // the page was busy: its frame came two seconds late
    w.paint();
    expect(rings.get(30)).toBeNull(); // never a ring out of phase: the track alone
    expect(w.kept.get(30)).toBeNull();
    expect(w.revoked).toEqual(['blob:ring-0-r0']);
    expect(w.renders.at(-1)?.firstFrame).toBe(14); // at 13.000 s, 500 ms of lead: 14.000 s
    await w.finish(1);
    w.publish(PAINT_LATE_MS);
    expect(rings.get(30)).toBe('blob:ring-1-r1');
  });

  it('keeps the image in phase while a new one (another theme) is checked, and returns to it if that one is late', async () => {
    const { w, rings } = await started();
    rings.refresh();
    await w.finish(1, 'dark');
    w.advance(1_000);
    expect(rings.get(30)).toBe('blob:ring-1-dark');
    w.paint(PAINT_LATE_MS + 1);
    expect(rings.get(30)).toBe('blob:ring-0-r0');
    expect(w.revoked).toEqual(['blob:ring-1-dark']);
    await w.finish(2, 'dark2');
    w.advance(1_000);
    w.paint();
    expect(rings.get(30)).toBe('blob:ring-2-dark2');
    expect(w.revoked).toEqual(['blob:ring-1-dark', 'blob:ring-0-r0']);
  });

  it('keeps trying on a machine too busy to publish in time, with a lead that stops growing', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    for (let attempt = 0; attempt < 8; attempt++) {
      w.jumpWall(9_100); // each paint finishes after the frame it was made for
      await w.finishAll();
    }
    expect(rings.get(30)).toBeNull(); // never shown out of phase meanwhile
    // The machine calms down (the overdue publish is refused, once more): the lead doubled from
    // 250 ms and stopped at 4 s.
    w.advance(0);
    await w.finishAll();
    const publishAt = Math.min(...[...w.timers].map((t) => t.at));
    expect(publishAt - w.wall).toBeGreaterThan(3_000);
    expect(publishAt - w.wall).toBeLessThanOrEqual(5_000);
    w.publish();
    expect(rings.get(30)).not.toBeNull();
  });

  it('does not start an image whose publish timer ran late (a hidden window), and makes it again', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    const [timer] = [...w.timers];
    w.timers.clear();
    w.jumpWall((timer?.at ?? 0) - w.deps.now() + 1_000);
    timer?.run();
    expect(rings.get(30)).toBeNull();
    expect(w.revoked).toEqual(['blob:ring-0-r0']);
    expect(w.renders).toHaveLength(2);
  });

  it('asks for the encoded image once per first frame and theme', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    w.advance(600);
    w.jumpWall(29_000); // a late first paint, exactly a period later: the same first frame is due again
    w.paint();
    expect(w.renders).toHaveLength(1);
    await w.flush();
    expect(w.urls).toEqual(['blob:ring-0-r0', 'blob:ring-1-r0']);
  });

  it('shows the track alone when the image cannot be painted, with nothing left running', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    await w.finish(0, 'none', null);
    expect(rings.get(30)).toBeNull();
    expect(w.timers.size).toBe(0);
    const failing = createRingImages({ ...w.deps, render: () => Promise.reject(new Error('no canvas')) });
    failing.subscribe(30, () => undefined);
    await w.flush();
    expect(failing.get(30)).toBeNull();
  });

  it('withdraws every image at once when the wall clock moved against the monotonic one, and makes them again', async () => {
    const { w, rings } = await started();
    w.advance(40_000);
    rings.checkPhase();
    expect(w.renders).toHaveLength(1);
    w.jumpWall(2_000); // e.g. the machine slept and the animation clock stood still
    rings.checkPhase(); // the codes main pushes when the computer wakes
    expect(rings.get(30)).toBeNull();
    expect(w.revoked).toEqual(['blob:ring-0-r0']);
    expect(w.renders).toHaveLength(2);
    await w.finish(1);
    w.publish();
    expect(rings.get(30)).toBe('blob:ring-1-r1');
    rings.checkPhase();
    expect(w.renders).toHaveLength(2);
  });

  it('after a hide: a short one is caught up by the browser, a long one gets new images', async () => {
    const { w, rings } = await started();
    rings.shown(60_000);
    expect(rings.get(30)).toBe('blob:ring-0-r0');
    rings.shown(UNSEEN_RESYNC_MS + 1);
    expect(rings.get(30)).toBeNull();
    expect(w.renders).toHaveLength(2);
  });

  it('a period unseen for long (no ring on screen) gets a new image when a ring comes back', async () => {
    const { w, rings, unsubscribe } = await started();
    unsubscribe();
    expect(w.kept.get(30)).toBeNull(); // no keeper while nothing shows it
    w.advance(60_000);
    const again = rings.subscribe(30, () => undefined);
    expect(rings.get(30)).toBe('blob:ring-0-r0'); // the browser caught up
    expect(w.kept.get(30)).toBe('blob:ring-0-r0');
    again();
    w.advance(UNSEEN_RESYNC_MS + 1);
    rings.subscribe(30, () => undefined);
    expect(rings.get(30)).toBeNull();
    expect(w.renders).toHaveLength(2);
  });

  it('on refresh, forgets the periods nobody shows', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    const off = rings.subscribe(60, () => undefined);
    rings.subscribe(30, () => undefined);
    await w.finish(0);
    await w.finish(1);
    w.advance(600);
    w.paint();
    off();
    rings.refresh();
    expect(w.renders.map((r) => r.period)).toEqual([60, 30, 30]);
    expect(w.revoked).toEqual(['blob:ring-0-r0']);
    expect(rings.get(60)).toBeNull();
    expect(rings.get(30)).toBe('blob:ring-1-r1');
  });

  it('drops an image made for a theme that changed again meanwhile', async () => {
    const w = world();
    const rings = createRingImages(w.deps);
    rings.subscribe(30, () => undefined);
    rings.refresh(); // before the first image was even painted
    await w.finish(0);
    await w.finish(1);
    w.advance(1_000);
    expect(w.urls).toEqual(['blob:ring-0-r1']);
    expect(rings.get(30)).toBe('blob:ring-0-r1');
  });

  it('revokes everything and runs nothing once disposed', async () => {
    const { w, rings } = await started();
    rings.subscribe(60, () => undefined);
    await w.finish(1);
    rings.dispose();
    expect(w.timers.size).toBe(0);
    expect(w.revoked.sort()).toEqual(['blob:ring-0-r0', 'blob:ring-1-r1']);
    expect(rings.get(30)).toBeNull();
    expect(w.kept.get(30)).toBeNull();
  });
});

/**
 * The browser as the rings rely on it: an animation starts at its first paint and follows the
 * monotonic clock (catching up after a stall), so at monotonic time m an image whose frames start
 * at `firstFrame`, first painted at monotonic p, shows the frame (firstFrame + frames elapsed).
 */
describe('ring images against a model of the browser', () => {
  const period = 30;
  const frames = ringFrames(period);

  type Step =
    | { kind: 'wait'; ms: number }
    | { kind: 'finish' }
    | { kind: 'paint'; lateMs: number }
    | { kind: 'jump'; ms: number }
    | { kind: 'check' };

  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
    fc.record({ kind: fc.constant('finish' as const) }),
    fc.record({ kind: fc.constant('paint' as const), lateMs: fc.integer({ min: 0, max: 3_000 }) }),
    fc.record({ kind: fc.constant('jump' as const), ms: fc.integer({ min: 300, max: 120_000 }) }),
    fc.record({ kind: fc.constant('check' as const) }),
  );

  it('never shows a ring more than a second from the truth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const w = world();
        const rings = createRingImages(w.deps);
        // When each URL was first painted (monotonic) and the first frame its blob starts at.
        const started = new Map<string, { paintedMono: number; firstFrame: number }>();
        rings.subscribe(period, () => undefined);
        let rendered = 0;
        const shownFrame = (): number | null => {
          const url = rings.get(period);
          if (url === null) return null;
          const s = started.get(url);
          if (!s) return null; // published this instant, not yet painted: its first frame is due now
          return (s.firstFrame + Math.floor((w.deps.monotonic() - s.paintedMono) / 1_000)) % frames.length;
        };
        for (const s of steps) {
          if (s.kind === 'wait') w.advance(s.ms);
          else if (s.kind === 'jump') w.jumpWall(s.ms);
          else if (s.kind === 'check') rings.checkPhase();
          else if (s.kind === 'finish') {
            if (rendered < w.renders.length) {
              const r = w.renders[rendered];
              await w.finish(rendered, `f${r?.firstFrame}`);
              rendered++;
            }
          } else {
            const waits = w.paintWaits.splice(0);
            for (const wait of waits) {
              const firstFrame = Number(/-f(\d+)$/.exec(wait.url)?.[1]);
              // The frame that paints it comes lateMs after now: the animation starts then.
              w.advance(s.lateMs);
              if (!started.has(wait.url)) started.set(wait.url, { paintedMono: w.deps.monotonic(), firstFrame });
              wait.callback(w.wall);
            }
          }
          // What a person sees, when the ring shows an image that has been painted.
          const frame = shownFrame();
          if (frame !== null && !w.paintWaits.some((p) => p.url === rings.get(period))) {
            const truth = frameIndexAt(frames, period, w.wall);
            const diff = Math.abs(frame - truth);
            const off = Math.min(diff, frames.length - diff);
            // Within the tolerance of a first paint up to PAINT_LATE_MS late, unless the wall clock jumped
            // since (which the next check withdraws).
            if (off > 1) {
              rings.checkPhase();
              expect(rings.get(period) === null || shownFrame() === null).toBe(true);
            }
          }
        }
        rings.dispose();
      }),
      { numRuns: 200 },
    );
  });
});
