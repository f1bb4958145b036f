// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One animated image per period for every countdown ring (ARCHITECTURE.md §4: one shared clock,
 * no per-row timers). The browser plays an animated image on the compositor and produces a frame
 * only when the image's frame changes — once a second — with no script, style or layout on the
 * main thread. (CSS or Web Animations of the same rings make the compositor produce 60 frames a
 * second: about 2 s of CPU per 30 s across processes; a script tick once a second costs ~2 ms of
 * main thread per tick. Measured in scripts/bench/renderer.ts.)
 *
 * An image loops over one period, so it stays in phase once it starts in phase: it is made with
 * its frames rotated to begin at the frame due at the next frame change, then published exactly
 * then. All rings of a period share the image (and the browser's animation of it), so rows that
 * appear later join in step. It is made again when the theme or the screen density changes, and
 * when it may have lost phase: the wall clock moved against the monotonic clock the animation
 * runs on (a suspend, a clock change), or the window was hidden long enough for the browser to
 * restart hidden animations instead of catching up.
 */
import { frameIndexAt, nextFrameChange, ringFrames } from './ring-frames';
import { renderRingImage } from './ring-image-render';

/** Time given to painting and encoding before the frame change the image is published at. */
const LEAD_MS = 250;
/** A wall/monotonic disagreement beyond this puts the rings out of phase enough to see. */
const DRIFT_MS = 250;
/** Hidden longer than this, the images are made again on return. */
const HIDDEN_RESYNC_MS = 60_000;
/** A publish this late would start the animation visibly out of phase. */
const LATE_MS = 100;
/** Tries per image, each with twice the lead of the one before. */
const MAX_ATTEMPTS = 4;

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
}

interface PeriodImage {
  url: string | null;
  /** Bumped for each new image asked for; an older one that finishes late is dropped. */
  generation: number;
  timer: unknown;
  readonly listeners: Set<() => void>;
}

export interface RingImages {
  /** The current image URL for `period`, or null while the first one is being made. */
  get(period: number): string | null;
  /** Listens to `period`'s image; the first listener of a period has its image made. */
  subscribe(period: number, listener: () => void): () => void;
  /** Makes every image again if the wall clock moved against the monotonic one since they were made, or one could not be started. */
  checkPhase(): void;
  /** Makes every shown image again (theme or density changed, or the window was hidden long); forgets the others. */
  refresh(): void;
  /** Forgets every image and cancels pending work. */
  dispose(): void;
}

export function createRingImages(deps: RingImageDeps): RingImages {
  const images = new Map<number, PeriodImage>();
  /** wall − monotonic when the current images were started; null before the first. */
  let clockOffset: number | null = null;
  /** An image could not be started in phase after every try: `checkPhase` makes them again. */
  let gaveUp = false;

  /** Another try with more lead, or, after the last, a remake at the next `checkPhase`. */
  function retry(period: number, image: PeriodImage, attempt: number): void {
    if (attempt < MAX_ATTEMPTS) void make(period, image, attempt + 1);
    else gaveUp = true;
  }

  async function make(period: number, image: PeriodImage, attempt = 0): Promise<void> {
    const generation = ++image.generation;
    const frames = ringFrames(period);
    const lead = LEAD_MS * 2 ** attempt;
    const startAt = nextFrameChange(frames, period, deps.now() + lead);
    let blob: Blob | null;
    try {
      blob = await deps.render(period, frameIndexAt(frames, period, startAt));
    } catch {
      blob = null; // the ring keeps its track; the codes and their time left are unaffected
    }
    if (generation !== image.generation || !blob) return;
    const wait = startAt - deps.now();
    // Too slow (a busy machine): starting late would put it out of phase, so try with more time.
    if (wait < 0) return retry(period, image, attempt);
    image.timer = deps.setTimeout(() => {
      image.timer = null;
      if (generation !== image.generation) return;
      // A hidden window's timers run late: the image would start out of phase.
      if (deps.now() - startAt > LATE_MS) return retry(period, image, attempt);
      const url = deps.createUrl(blob);
      const old = image.url;
      image.url = url;
      clockOffset = deps.now() - deps.monotonic();
      for (const listener of image.listeners) listener();
      // Rings already show the new image; rows mounted later ask for the current URL only.
      if (old !== null) deps.revokeUrl(old);
    }, wait);
  }

  function remake(image: PeriodImage, period: number): void {
    if (image.timer !== null) deps.clearTimeout(image.timer);
    image.timer = null;
    void make(period, image);
  }

  function forget(image: PeriodImage): void {
    image.generation++;
    if (image.timer !== null) deps.clearTimeout(image.timer);
    if (image.url !== null) deps.revokeUrl(image.url);
  }

  return {
    get: (period) => images.get(period)?.url ?? null,
    subscribe(period, listener) {
      let image = images.get(period);
      if (!image) {
        image = { url: null, generation: 0, timer: null, listeners: new Set() };
        images.set(period, image);
        void make(period, image);
      }
      const own = image;
      own.listeners.add(listener);
      return () => own.listeners.delete(listener);
    },
    checkPhase() {
      const drifted = clockOffset !== null && Math.abs(deps.now() - deps.monotonic() - clockOffset) > DRIFT_MS;
      if (drifted || gaveUp) this.refresh();
    },
    refresh() {
      clockOffset = null;
      gaveUp = false;
      for (const [period, image] of images) {
        if (image.listeners.size > 0) {
          remake(image, period);
        } else {
          forget(image);
          images.delete(period);
        }
      }
    },
    dispose() {
      for (const image of images.values()) forget(image);
      images.clear();
      clockOffset = null;
      gaveUp = false;
    },
  };
}

/** Remakes the images when the theme, the system colour scheme or the screen density changes, or after a long hide. */
function watchDocument(rings: RingImages): void {
  const refresh = (): void => rings.refresh();
  new MutationObserver(refresh).observe(document.documentElement, { attributeFilter: ['data-theme'] });
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', refresh);
  const watchDensity = (): void => {
    window.matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`).addEventListener(
      'change',
      () => {
        refresh();
        watchDensity();
      },
      { once: true },
    );
  };
  watchDensity();
  let hiddenAt: number | null = null;
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      hiddenAt = performance.now();
    } else {
      if (hiddenAt !== null && performance.now() - hiddenAt > HIDDEN_RESYNC_MS) refresh();
      else rings.checkPhase();
      hiddenAt = null;
    }
  });
}

let shared: RingImages | null = null;

/** The window's ring images, made on first use. */
export function sharedRingImages(): RingImages {
  if (!shared) {
    shared = createRingImages({
      now: () => Date.now(),
      monotonic: () => performance.now(),
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      render: renderRingImage,
      createUrl: (blob) => URL.createObjectURL(blob),
      revokeUrl: (url) => URL.revokeObjectURL(url),
    });
    watchDocument(shared);
  }
  return shared;
}
