// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The frames of a countdown ring: what it shows over one TOTP period, second by second. Every
 * period starts at a multiple of its length since the Unix epoch, so the frame showing at any
 * moment depends on the period and the clock only — every ring of one period looks the same.
 * A frame shows what `secondsLeft` says over its span: the number, an arc of that fraction of
 * the circle, and the urgent colour for the last URGENT_SECONDS.
 */
import { MAX_LABELLED_PERIOD, URGENT_SECONDS } from '../countdown';

/** CSS pixels (styles/codes.css `.ring`). */
export const RING_SIZE = 36;
const STROKE = 3;
/** Long periods step more coarsely so an image never holds more than this (plus the urgent seconds). */
const MAX_STEPS = 120;

export interface RingFrame {
  /** Seconds into the period at which the frame starts. */
  readonly start: number;
  /** How long it shows, in seconds. */
  readonly seconds: number;
  /** Whole seconds left during the frame, as `secondsLeft` counts them. */
  readonly secondsLeft: number;
  readonly urgent: boolean;
}

/** One frame a second (coarser beyond MAX_STEPS seconds, but always one a second when urgent). */
export function ringFrames(period: number): RingFrame[] {
  const step = Math.max(1, Math.ceil(period / MAX_STEPS));
  const urgentFrom = Math.max(0, period - URGENT_SECONDS);
  const starts: number[] = [];
  for (let s = 0; s < urgentFrom; s += step) starts.push(s);
  for (let s = urgentFrom; s < period; s++) starts.push(s);
  return starts.map((start, i) => {
    const secondsLeft = period - start;
    return { start, seconds: (starts[i + 1] ?? period) - start, secondsLeft, urgent: secondsLeft <= URGENT_SECONDS };
  });
}

/** Milliseconds into the current period at `now` (Unix ms). */
export function phaseMs(now: number, period: number): number {
  const length = period * 1000;
  return ((now % length) + length) % length;
}

/** The index of the frame showing at `now`. */
export function frameIndexAt(frames: readonly RingFrame[], period: number, now: number): number {
  const into = phaseMs(now, period) / 1000;
  let index = 0;
  frames.forEach((frame, i) => {
    if (frame.start <= into) index = i;
  });
  return index;
}

/** The first frame change at or after `at` (Unix ms). */
export function nextFrameChange(frames: readonly RingFrame[], period: number, at: number): number {
  const periodStart = at - phaseMs(at, period);
  for (const frame of frames) {
    const t = periodStart + frame.start * 1000;
    if (t >= at) return t;
  }
  return periodStart + period * 1000;
}

export interface RingColours {
  readonly progress: string;
  readonly urgent: string;
  readonly label: string;
  /** A canvas font, e.g. `600 12px system-ui`, in CSS pixels. */
  readonly font: string;
}

/** The canvas calls a frame needs: both the real 2D context and the tests' recorder have them. */
export type RingCanvas = Pick<
  CanvasRenderingContext2D,
  | 'clearRect'
  | 'beginPath'
  | 'arc'
  | 'stroke'
  | 'fillText'
  | 'setTransform'
  | 'strokeStyle'
  | 'fillStyle'
  | 'lineWidth'
  | 'lineCap'
  | 'font'
  | 'textAlign'
  | 'textBaseline'
>;

/**
 * Draws one frame on a canvas of RING_SIZE × scale pixels: the arc left (from twelve o'clock,
 * clockwise) and, for periods that show one, the number. The track under it is CSS.
 */
export function drawRingFrame(
  ctx: RingCanvas,
  frame: RingFrame,
  period: number,
  colours: RingColours,
  scale: number,
): void {
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  ctx.clearRect(0, 0, RING_SIZE, RING_SIZE);
  const colour = frame.urgent ? colours.urgent : colours.progress;
  const radius = (RING_SIZE - STROKE) / 2;
  const top = -Math.PI / 2;
  ctx.beginPath();
  ctx.arc(RING_SIZE / 2, RING_SIZE / 2, radius, top, top + (2 * Math.PI * frame.secondsLeft) / period);
  ctx.strokeStyle = colour;
  ctx.lineWidth = STROKE;
  ctx.lineCap = 'butt';
  ctx.stroke();
  if (period > MAX_LABELLED_PERIOD) return;
  ctx.font = colours.font;
  ctx.fillStyle = frame.urgent ? colours.urgent : colours.label;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(String(frame.secondsLeft), RING_SIZE / 2, RING_SIZE / 2 + 0.5);
}
