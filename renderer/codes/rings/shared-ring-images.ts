// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The window's ring images: the schedule of ring-images.ts wired to this document. Made on first
 * use, on the codes' time (appNow), with window timers, object URLs, decoding ahead of time and the
 * keepers (one ring per period drawn on screen, so its animation starts and keeps running whatever
 * the list shows). It watches the document: a theme, colour scheme or density change makes the
 * images again; showing the window again or focusing it checks their phase.
 */
import { appNow } from '../../clock/app-clock';
import { renderRingImage } from './ring-image-render';
import { createRingImages, type RingImages } from './ring-images';

/**
 * Remakes the images when the theme, the system colour scheme or the screen density changes, and
 * checks their phase when the window is shown again or gets the focus (events, not a timer).
 */
function watchDocument(rings: RingImages): void {
  window.addEventListener('focus', () => rings.checkPhase());
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
      rings.shown(hiddenAt === null ? 0 : performance.now() - hiddenAt);
      hiddenAt = null;
    }
  });
}

let shared: RingImages | null = null;
const preloaded = new Map<string, HTMLImageElement>();
const keepers = new Map<number, HTMLImageElement>();

/** The keepers: one tiny, all but transparent image per period, fixed in a corner of the window. */
function keepRing(period: number, url: string | null): void {
  let keeper = keepers.get(period);
  if (url === null) {
    keeper?.remove();
    keepers.delete(period);
    return;
  }
  if (!keeper) {
    keeper = document.createElement('img');
    keeper.className = 'ring-keeper';
    keeper.alt = '';
    keeper.setAttribute('aria-hidden', 'true');
    keeper.draggable = false;
    document.body.append(keeper);
    keepers.set(period, keeper);
  }
  keeper.src = url;
}

/** The window's ring images, made on first use. */
export function sharedRingImages(): RingImages {
  if (!shared) {
    shared = createRingImages({
      // The codes' time: rings turn over when the codes do, also with the corrected time in use.
      now: () => appNow(),
      monotonic: () => performance.now(),
      setTimeout: (run, ms) => window.setTimeout(run, ms),
      clearTimeout: (handle) => window.clearTimeout(handle as number),
      render: renderRingImage,
      createUrl: (blob) => URL.createObjectURL(blob),
      revokeUrl: (url) => {
        preloaded.delete(url);
        URL.revokeObjectURL(url);
      },
      preload: (url) => {
        // Held until the URL is revoked, so the rings find it decoded in the memory cache.
        const image = new Image();
        image.src = url;
        preloaded.set(url, image);
        return image.decode();
      },
      keep: keepRing,
      onPainted: (period, url, callback) => {
        const keeper = keepers.get(period);
        if (keeper?.src !== url) return callback(Number.POSITIVE_INFINITY);
        // The frame after the image is loaded is the one that paints it.
        const painted = (): void => void window.requestAnimationFrame(() => callback(appNow()));
        if (keeper.complete && keeper.naturalWidth > 0) return painted();
        keeper.addEventListener('load', painted, { once: true });
        keeper.addEventListener('error', () => callback(Number.POSITIVE_INFINITY), { once: true });
      },
    });
    watchDocument(shared);
  }
  return shared;
}
