// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Reads what a countdown ring shows, from pixels: the ring's arc covers the fraction of the circle
 * that the seconds left are of the period (renderer/codes/rings/ring-frames.ts `drawRingFrame`: clockwise
 * from twelve o'clock). The arc is compared with the CSS track it is drawn over, so the reading
 * does not depend on the theme's colours, on the number's font, or on how the ring is drawn (an
 * animated image today). A screenshot is the only way to see an animated image's current frame.
 */
import type { Locator } from '@playwright/test';
import sharp from 'sharp';

export interface RingReading {
  /** Whole seconds the ring shows left (the arc's share of the circle × the period). */
  readonly seconds: number;
  /** True when no arc is drawn at all: the ring shows its track only. */
  readonly blank: boolean;
  /** Wall-clock time (Unix ms) just before and just after the screenshot. */
  readonly before: number;
  readonly after: number;
}

type Rgb = readonly [number, number, number];

const distance = (a: Rgb, b: Rgb): number => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

function parseCssColour(text: string): Rgb {
  const m = /rgba?\(\s*(\d+)[,\s]+(\d+)[,\s]+(\d+)/.exec(text);
  if (!m) throw new Error(`cannot read the colour ${text}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * Reads the ring in `ring` (the `.ring` element) whose period is `period` seconds. `now` gives the
 * page's wall clock (so a faked page clock is honoured).
 */
export async function readRing(ring: Locator, period: number, now: () => Promise<number>): Promise<RingReading> {
  const cssTrack = parseCssColour(
    await ring.locator('.ring-track').evaluate((el) => getComputedStyle(el).borderTopColor),
  );
  const before = await now();
  const png = await ring.screenshot({ animations: 'allow', scale: 'css' });
  const after = await now();
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const size = Math.min(info.width, info.height);
  const centre = size / 2;
  // The middle of the 3 px stroke (RING_SIZE 36, STROKE 3).
  const radius = (size * (36 - 3)) / 2 / 36;
  const pixel = (angleDeg: number): Rgb => {
    const a = (angleDeg * Math.PI) / 180;
    const x = Math.min(info.width - 1, Math.max(0, Math.round(centre + radius * Math.sin(a) - 0.5)));
    const y = Math.min(info.height - 1, Math.max(0, Math.round(centre - radius * Math.cos(a) - 0.5)));
    const i = (y * info.width + x) * 3;
    return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
  };
  // As rendered (a dialog's backdrop may dim them): the arc starts just after twelve o'clock, and
  // just before it is track unless the circle is full.
  const arc = pixel(0.5);
  const track = pixel(359.5);
  let covered: number;
  if (distance(arc, track) < 40) {
    // One colour all round: the track alone (blank), or a full circle of arc.
    covered = distance(arc, cssTrack) < 40 ? 0 : 360;
  } else {
    covered = 0;
    for (let deg = 0.5; deg < 360 && distance(pixel(deg), arc) < distance(pixel(deg), track); deg += 1) covered++;
  }
  return { seconds: Math.round((covered / 360) * period), blank: covered === 0, before, after };
}

/** The seconds a true countdown shows for `validUntil` at `at` (renderer/codes/countdown.ts secondsLeft). */
export function trueSecondsLeft(validUntil: number, at: number): number {
  return Math.max(0, Math.ceil((validUntil - at) / 1000));
}

/** The error of a reading against a period's true countdown: 0 if it matches at any instant it was taken. */
export function readingError(reading: RingReading, period: number): number {
  const ms = period * 1000;
  const validUntilAt = (t: number): number => Math.floor(t / ms) * ms + ms;
  const a = trueSecondsLeft(validUntilAt(reading.before), reading.before);
  const b = trueSecondsLeft(validUntilAt(reading.after), reading.after);
  const candidates = [a, b];
  // Across a rollover, the true value went from 1 (or 0) to the full period.
  const lo = Math.min(...candidates);
  const hi = Math.max(...candidates);
  if (reading.seconds >= lo && reading.seconds <= hi && hi - lo <= 1) return 0;
  const circular = (x: number, y: number): number => {
    const d = Math.abs(x - y) % period;
    return Math.min(d, period - d);
  };
  return Math.min(...candidates.map((c) => circular(reading.seconds, c)));
}
