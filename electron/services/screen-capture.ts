// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Capturing every display for the QR scan: Tessera's window is hidden first (it would cover the
 * QR code) and shown again afterwards whatever happens; each screen is taken at native resolution
 * and handed over as BGRA pixels. Written against the narrow shapes it uses of Electron's
 * `desktopCapturer`, `screen` and `BrowserWindow`, so it is unit-tested with fakes; the Electron adapter
 * (electron/platform/desktop-adapters.ts) passes the real ones.
 *
 * Outcomes: the Wayland portal's prompt closed (no source) → []; an error, or macOS's Screen
 * Recording permission denied → CaptureRefusedError with what to do instead.
 *
 * @see https://www.electronjs.org/docs/latest/api/desktop-capturer
 */
import { CaptureRefusedError, type CapturedScreen } from './desktop-ports';
import {
  bitmapToDesktopImage,
  captureThumbnailSize,
  orderByDisplay,
  screenName,
  type DisplayGeometry,
  type PixelSize,
} from './capture-geometry';

/** The part of a `DesktopCapturerSource` used here. */
export interface CaptureSource {
  readonly display_id: string;
  readonly thumbnail: {
    isEmpty(): boolean;
    getSize(): PixelSize;
    toBitmap(): Uint8Array;
  };
}

/** The part of a `BrowserWindow` used here. */
export interface CaptureWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  isMinimized(): boolean;
  hide(): void;
  show(): void;
}

export interface ScreenCaptureDeps {
  /** `screen.getAllDisplays()`. */
  displays(): readonly DisplayGeometry[];
  /** `desktopCapturer.getSources`. */
  getSources(options: {
    types: ['screen'];
    thumbnailSize: PixelSize;
    fetchWindowIcons: false;
  }): Promise<readonly CaptureSource[]>;
  /** The app's window, if any. */
  window(): CaptureWindow | null;
  /** macOS: `systemPreferences.getMediaAccessStatus('screen')`; null on other systems. */
  screenAccess(): string | null;
  /** Waits `ms` (the window manager takes a moment to take a hidden window off the screen). */
  wait(ms: number): Promise<void>;
  /** How long to wait after hiding; default {@link HIDE_SETTLE_MS}. */
  readonly settleMs?: number;
}

/** Long enough for the window managers' hide animations (macOS's is the slowest, ~250 ms). */
export const HIDE_SETTLE_MS = 350;

const MAC_PERMISSION_MESSAGE =
  'Tessera is not allowed to record the screen. Allow it in System Settings → Privacy & Security → Screen ' +
  'Recording, quit and reopen Tessera, and scan again. Or take a screenshot of the QR code and paste it or open it.';
const GENERIC_MESSAGE =
  'The screen could not be captured. Take a screenshot of the QR code (for example with Print Screen) and paste ' +
  'it or open it instead.';

/**
 * Every display as pixels, "Screen 1", "Screen 2"… in the order the system lists the displays.
 * @throws CaptureRefusedError when capture fails or is not allowed.
 */
export async function captureAllScreens(deps: ScreenCaptureDeps): Promise<CapturedScreen[]> {
  const access = deps.screenAccess();
  const refusedMessage = access === null ? GENERIC_MESSAGE : MAC_PERMISSION_MESSAGE;
  if (access === 'denied' || access === 'restricted') throw new CaptureRefusedError(MAC_PERMISSION_MESSAGE);

  const displays = deps.displays();
  const sources = await withWindowHidden(deps, async () => {
    try {
      return await deps.getSources({
        types: ['screen'],
        thumbnailSize: captureThumbnailSize(displays),
        fetchWindowIcons: false,
      });
    } catch (cause) {
      throw new CaptureRefusedError(refusedMessage, { cause });
    }
  });
  if (sources.length === 0) return [];
  const usable = orderByDisplay(sources, displays).filter((s) => !s.thumbnail.isEmpty());
  // Sources without pixels: the system refused silently (macOS without the permission does this).
  if (usable.length === 0) throw new CaptureRefusedError(refusedMessage);
  return usable.map((s, i) => ({
    name: screenName(i),
    image: bitmapToDesktopImage(s.thumbnail.toBitmap(), s.thumbnail.getSize()),
  }));
}

/** Runs `task` with the app's window hidden (if it was showing), and shows it again after, whatever happens. */
async function withWindowHidden<T>(deps: ScreenCaptureDeps, task: () => Promise<T>): Promise<T> {
  const win = deps.window();
  const hide = win !== null && !win.isDestroyed() && win.isVisible() && !win.isMinimized();
  if (!hide) return task();
  try {
    win.hide();
    await deps.wait(deps.settleMs ?? HIDE_SETTLE_MS);
    return await task();
  } finally {
    if (!win.isDestroyed()) win.show();
  }
}
