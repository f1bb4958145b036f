// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One animated image per period for every countdown ring (one shared clock, no per-row timers, so
 * the cost each second does not grow with the list). The browser plays an animated image on the compositor and produces a frame
 * only when the image's frame changes — once a second — with no script, style or layout on the
 * main thread. (CSS or Web Animations of the same rings make the compositor produce 60 frames a
 * second: about 2 s of CPU per 30 s across processes; a script tick once a second costs ~2 ms of
 * main thread per tick. Measured in scripts/bench/renderer.ts.)
 *
 * The browser starts an animated image at the first frame it paints it, and from then on keeps
 * it in step with its monotonic clock (catching up after a hide or a stall of up to five minutes).
 * So an image is in phase exactly when its first paint is on time. It is made with its frames
 * rotated to begin at the frame due at a coming frame change, decoded before then, published at
 * that moment, and its first paint is checked: a paint more than PAINT_LATE_MS late (a busy main
 * thread, a hidden window) means it would run behind the clock for good, so it is withdrawn and
 * made again (the previous image, in phase, stays meanwhile; a ring with nothing in phase shows
 * its track alone — never a wrong number). All rings of a period share the image and its
 * animation, so rows that appear later join in step.
 *
 * It is made again when it may have lost phase: the wall clock moved against the monotonic one
 * (a suspend, a clock change; checked on each new code — main pushes codes again when the computer
 * wakes — and when the window is shown or focused), the window was hidden, or a period had no ring
 * on screen, for longer than the browser catches up; and when the theme or the screen density
 * changes. Nothing runs on a timer at rest: a timer waking the page each second cost ~1 ms a wake.
 *
 * This module is the schedule alone: the clocks, timers, painting and keepers come in as
 * RingImageDeps, so tests run it on fakes. shared-ring-images.ts wires it to the window.
 */
import { frameIndexAt, nextFrameChange, ringFrames } from './ring-frames';

/** Time given to painting, encoding and decoding before the frame change the image is published at. */
const LEAD_MS = 250;
/** The lead never grows beyond this, however many tries a busy machine needs. */
const MAX_LEAD_MS = 4_000;
/** A wall/monotonic disagreement beyond this puts the rings out of phase enough to see. */
const DRIFT_MS = 250;
/** A publish timer this late would start the animation visibly out of phase. */
const LATE_MS = 100;
/** A first paint this late after the frame change: the image would run behind; it is withdrawn. */
export const PAINT_LATE_MS = 200;
/**
 * Unseen longer than this (hidden, or no ring of the period on screen), an animation may have been
 * restarted rather than caught up (Chromium's cc ImageAnimationController resyncs after 5 min).
 */
export const UNSEEN_RESYNC_MS = 4 * 60_000;

export interface RingImageDeps {
  /** Wall clock, Unix ms. */
  readonly now: () => number;
  /** Monotonic clock, ms (performance.now). */
  readonly monotonic: () => number;
  readonly setTimeout: (run: () => void, ms: number) => unknown;
  readonly clearTimeout: (handle: unknown) => void;
  /** The looping image for `period` starting at frame `firstFrame`; null when it cannot be painted. */
  readonly render: (period: number, firstFrame: number) => Promise<Blob | null>;
  readonly createUrl: (blob: Blob) => string;
  readonly revokeUrl: (url: string) => void;
  /** Resolves once the image at `url` is decoded, so that publishing it paints at once. */
  readonly preload: (url: string) => Promise<void>;
  /**
   * Shows `url` (null: nothing) in the period's keeper: a ring drawn on screen whatever the list
   * shows, so the browser starts the animation when it is published even if every row of the period
   * is scrolled out of view (an animation starts at its first frame on screen) and keeps it running.
   */
  readonly keep: (period: number, url: string | null) => void;
  /**
   * Calls back with the wall-clock time of the first frame that paints the period's keeper with `url`
   * (loaded and complete), at least one frame after the call.
   */
  readonly onPainted: (period: number, url: string, callback: (paintedAt: number) => void) => void;
}

interface PeriodImage {
  /** The image shown, in phase; null when none is (the ring shows its track). */
  url: string | null;
  /** Bumped for each new image asked for; work for an older one is dropped. */
  generation: number;
  /** Tries since the last image that started in phase: each try gets more lead. */
  attempts: number;
  timer: unknown;
  /** The decoded image waiting for `timer` to publish it. */
  scheduled: string | null;
  /** `url` is published but its first paint not yet checked; `fallback` is the image in phase before it. */
  pending: boolean;
  fallback: string | null;
  /** Monotonic time the last ring of the period went away; null while one is shown. */
  unseenSince: number | null;
  readonly listeners: Set<() => void>;
}

export interface RingImages {
  /** The current image URL for `period`, or null while none is in phase. */
  get(period: number): string | null;
  /** Listens to `period`'s image; the first listener of a period has its image made. */
  subscribe(period: number, listener: () => void): () => void;
  /** Withdraws and makes every image again if the wall clock moved against the monotonic one since they started. */
  checkPhase(): void;
  /** Makes every shown image again (theme or density changed), keeping the old ones until then; forgets the others. */
  refresh(): void;
  /** The window was hidden for `hiddenMs`: beyond what the browser catches up, the images are made again. */
  shown(hiddenMs: number): void;
  /** Forgets every image and cancels pending work. */
  dispose(): void;
}

export function createRingImages(deps: RingImageDeps): RingImages {
  const images = new Map<number, PeriodImage>();
  /** wall − monotonic when the shown images started; null before the first. */
  let clockOffset: number | null = null;
  /** Encoded images by period and first frame, for this theme: a retry publishes again without painting again. */
  let blobs = new Map<string, Promise<Blob | null>>();

  const notify = (image: PeriodImage): void => {
    for (const listener of image.listeners) listener();
  };
  const show = (period: number, image: PeriodImage, url: string | null): void => {
    if (image.url === url) return;
    image.url = url;
    deps.keep(period, image.listeners.size > 0 ? url : null);
    notify(image);
  };
  const blobFor = (period: number, firstFrame: number): Promise<Blob | null> => {
    const key = `${period}:${firstFrame}`;
    let blob = blobs.get(key);
    if (!blob) {
      blob = deps.render(period, firstFrame).catch(() => null);
      blobs.set(key, blob);
    }
    return blob;
  };

  /** Cancels the work for a new image; an image published but not yet checked gives way to the one before. */
  function cancel(period: number, image: PeriodImage): void {
    image.generation++;
    if (image.timer !== null) deps.clearTimeout(image.timer);
    image.timer = null;
    if (image.scheduled !== null) deps.revokeUrl(image.scheduled);
    image.scheduled = null;
    if (image.pending) {
      const unchecked = image.url;
      image.pending = false;
      show(period, image, image.fallback);
      image.fallback = null;
      if (unchecked !== null) deps.revokeUrl(unchecked);
    }
  }

  async function make(period: number, image: PeriodImage): Promise<void> {
    const generation = ++image.generation;
    const lead = Math.min(LEAD_MS * 2 ** image.attempts, MAX_LEAD_MS);
    image.attempts++;
    const frames = ringFrames(period);
    const startAt = nextFrameChange(frames, period, deps.now() + lead);
    const blob = await blobFor(period, frameIndexAt(frames, period, startAt));
    // No canvas: the ring keeps its track; the codes and their time left are unaffected.
    if (generation !== image.generation || !blob) return;
    const url = deps.createUrl(blob);
    try {
      await deps.preload(url);
    } catch {
      // Published undecoded, it may paint late; the check after the first paint says.
    }
    if (generation !== image.generation) return deps.revokeUrl(url);
    const wait = startAt - deps.now();
    // Too slow (a busy machine): starting late would put it out of phase, so try with more time.
    if (wait < 0) {
      deps.revokeUrl(url);
      return void make(period, image);
    }
    image.scheduled = url;
    image.timer = deps.setTimeout(() => {
      image.timer = null;
      image.scheduled = null;
      // A hidden window's timers run late: the image would start out of phase.
      if (deps.now() - startAt > LATE_MS) {
        deps.revokeUrl(url);
        return void make(period, image);
      }
      publish(period, image, url, startAt, generation);
    }, wait);
  }

  /** Shows the new image at once, then checks that its first paint came on time. */
  function publish(period: number, image: PeriodImage, url: string, startAt: number, generation: number): void {
    image.fallback = image.url;
    image.pending = true;
    clockOffset = deps.now() - deps.monotonic();
    show(period, image, url);
    deps.onPainted(period, url, (paintedAt) => {
      if (generation !== image.generation) return;
      const fallback = image.fallback;
      image.pending = false;
      image.fallback = null;
      if (paintedAt - startAt > PAINT_LATE_MS) {
        // Started late, it would run behind the clock: back to the image in phase (or none), try again.
        show(period, image, fallback);
        deps.revokeUrl(url);
        return void make(period, image);
      }
      image.attempts = 0;
      if (fallback !== null) deps.revokeUrl(fallback);
    });
  }

  /** Withdraws the image (it is out of phase) and makes a new one. */
  function resync(image: PeriodImage, period: number): void {
    forget(period, image);
    image.attempts = 0;
    void make(period, image);
  }

  /** Cancels its work and shows nothing. */
  function forget(period: number, image: PeriodImage): void {
    cancel(period, image);
    const old = image.url;
    show(period, image, null);
    if (old !== null) deps.revokeUrl(old);
  }

  const rings: RingImages = {
    get: (period) => images.get(period)?.url ?? null,
    subscribe(period, listener) {
      let image = images.get(period);
      if (!image) {
        image = {
          url: null,
          generation: 0,
          attempts: 0,
          timer: null,
          scheduled: null,
          pending: false,
          fallback: null,
          unseenSince: null,
          listeners: new Set(),
        };
        images.set(period, image);
        void make(period, image);
      } else if (image.unseenSince !== null && deps.monotonic() - image.unseenSince > UNSEEN_RESYNC_MS) {
        resync(image, period);
      }
      const own = image;
      own.unseenSince = null;
      if (own.listeners.size === 0) deps.keep(period, own.url);
      own.listeners.add(listener);
      return () => {
        own.listeners.delete(listener);
        if (own.listeners.size > 0) return;
        // Nothing on screen needs it: the browser pauses it, and catches up if it comes back soon.
        own.unseenSince = deps.monotonic();
        deps.keep(period, null);
      };
    },
    checkPhase() {
      if (clockOffset === null || Math.abs(deps.now() - deps.monotonic() - clockOffset) <= DRIFT_MS) return;
      clockOffset = null;
      for (const [period, image] of images) resync(image, period);
    },
    refresh() {
      blobs = new Map();
      for (const [period, image] of images) {
        if (image.listeners.size > 0) {
          cancel(period, image);
          image.attempts = 0;
          void make(period, image);
        } else {
          forget(period, image);
          images.delete(period);
        }
      }
    },
    shown(hiddenMs) {
      if (hiddenMs > UNSEEN_RESYNC_MS) {
        clockOffset = null;
        for (const [period, image] of images) resync(image, period);
      } else {
        rings.checkPhase();
      }
    },
    dispose() {
      for (const [period, image] of images) forget(period, image);
      images.clear();
      blobs = new Map();
      clockOffset = null;
    },
  };
  return rings;
}
