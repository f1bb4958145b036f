// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The ring's frames: at every moment the frame showing says what `secondsLeft` says, turns urgent
 * exactly for the last five seconds, and frames tile the period without gaps — for every period
 * the vault allows (fast-check), so an image built from them can loop in phase with the clock.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LABELLED_PERIOD, secondsLeft, URGENT_SECONDS } from '../../../renderer/codes/countdown';
import {
  drawRingFrame,
  frameIndexAt,
  nextFrameChange,
  phaseMs,
  RING_SIZE,
  ringFrames,
  type RingCanvas,
} from '../../../renderer/codes/rings/ring-frames';

const PERIOD = fc.integer({ min: 1, max: 3600 }); // the vault's limits (electron/vault/validate.ts)
const TIME = fc.integer({ min: 0, max: 4_102_444_800_000 }); // up to 2100

/** The validUntil of the code current at `now`. */
const validUntil = (period: number, now: number): number => now - phaseMs(now, period) + period * 1000;

describe('ring frames', () => {
  it('show every second of a 30-second period, the last five urgent', () => {
    const frames = ringFrames(30);
    expect(frames.map((f) => f.secondsLeft)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(frames.filter((f) => f.urgent).map((f) => f.secondsLeft)).toEqual([5, 4, 3, 2, 1]);
    expect(frames.every((f) => f.seconds === 1)).toBe(true);
  });

  it('step coarsely through long periods but keep the urgent seconds', () => {
    const frames = ringFrames(3600);
    expect(frames).toHaveLength(125);
    expect(frames.slice(0, 2).map((f) => [f.start, f.seconds])).toEqual([
      [0, 30],
      [30, 30],
    ]);
    expect(frames.slice(-6).map((f) => [f.start, f.seconds])).toEqual([
      [3570, 25],
      [3595, 1],
      [3596, 1],
      [3597, 1],
      [3598, 1],
      [3599, 1],
    ]);
  });

  it('tile the period and never hold more than 125 frames', () => {
    fc.assert(
      fc.property(PERIOD, (period) => {
        const frames = ringFrames(period);
        expect(frames.length).toBeLessThanOrEqual(125);
        let at = 0;
        for (const frame of frames) {
          expect(frame.start).toBe(at);
          expect(frame.seconds).toBeGreaterThan(0);
          at += frame.seconds;
        }
        expect(at).toBe(period);
      }),
    );
  });

  it('show at any moment the seconds left (exactly, up to 120 s periods) and urgency', () => {
    fc.assert(
      fc.property(PERIOD, TIME, (period, now) => {
        const frame = ringFrames(period)[frameIndexAt(ringFrames(period), period, now)];
        const left = secondsLeft(validUntil(period, now), now);
        expect(frame?.urgent).toBe(left <= URGENT_SECONDS);
        if (period <= MAX_LABELLED_PERIOD) expect(frame?.secondsLeft).toBe(left);
        else expect(frame?.secondsLeft).toBeGreaterThanOrEqual(left);
      }),
    );
  });

  it('find the next frame change: a frame start, with none in between', () => {
    fc.assert(
      fc.property(PERIOD, TIME, (period, at) => {
        const frames = ringFrames(period);
        const next = nextFrameChange(frames, period, at);
        expect(next).toBeGreaterThanOrEqual(at);
        expect(frames.some((f) => f.start * 1000 === phaseMs(next, period))).toBe(true);
        if (next > at) expect(frameIndexAt(frames, period, next - 1)).toBe(frameIndexAt(frames, period, at));
      }),
    );
  });
});

/** Records what a frame draws. */
function recorder(): RingCanvas & { arcs: number[][]; texts: [string, string][]; strokes: string[] } {
  const rec = {
    arcs: [] as number[][],
    texts: [] as [string, string][],
    strokes: [] as string[],
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 0,
    lineCap: 'butt',
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clearRect: () => undefined,
    beginPath: () => undefined,
    setTransform: () => undefined,
    arc: (x: number, y: number, r: number, a: number, b: number) => rec.arcs.push([x, y, r, a, b]),
    stroke: () => rec.strokes.push(String(rec.strokeStyle)),
    fillText: (text: string) => rec.texts.push([text, String(rec.fillStyle)]),
  };
  return rec as unknown as RingCanvas & typeof rec;
}

const COLOURS = { progress: 'teal', urgent: 'red', label: 'gray', font: '600 12px sans-serif' };

describe('drawing a frame', () => {
  it('draws the arc left from twelve o’clock and the number', () => {
    const ctx = recorder();
    const [frame] = ringFrames(30).filter((f) => f.secondsLeft === 15);
    drawRingFrame(ctx, frame!, 30, COLOURS, 2);
    const [[x, y, , from, to]] = ctx.arcs as [number[]];
    expect([x, y]).toEqual([RING_SIZE / 2, RING_SIZE / 2]);
    expect(from).toBeCloseTo(-Math.PI / 2);
    expect((to ?? 0) - (from ?? 0)).toBeCloseTo(Math.PI); // half the period left: half the circle
    expect(ctx.strokes).toEqual(['teal']);
    expect(ctx.texts).toEqual([['15', 'gray']]);
  });

  it('draws the last seconds in the urgent colour, and no number for long periods', () => {
    const urgent = recorder();
    drawRingFrame(urgent, ringFrames(30).at(-1)!, 30, COLOURS, 1);
    expect(urgent.strokes).toEqual(['red']);
    expect(urgent.texts).toEqual([['1', 'red']]);
    const long = recorder();
    drawRingFrame(long, ringFrames(MAX_LABELLED_PERIOD + 1)[0]!, MAX_LABELLED_PERIOD + 1, COLOURS, 1);
    expect(long.texts).toEqual([]);
    expect(long.strokes).toEqual(['teal']);
  });
});
