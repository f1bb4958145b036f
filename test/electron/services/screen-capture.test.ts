// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Screen capture with fakes of Electron's desktopCapturer, screen and window: the window is hidden
 * while capturing and shown again whatever happens; an empty source list is a cancel; errors and a
 * denied macOS permission are CaptureRefusedError with what to do.
 */
import { describe, expect, it } from 'vitest';
import {
  captureAllScreens,
  type CaptureSource,
  type ScreenCaptureDeps,
} from '../../../electron/services/screen-capture';
import { CaptureRefusedError } from '../../../electron/services/desktop-ports';

function source(displayId: string, width: number, height: number, fill = 1): CaptureSource {
  return {
    display_id: displayId,
    thumbnail: {
      isEmpty: () => width === 0,
      getSize: () => ({ width, height }),
      toBitmap: () => new Uint8Array(width * height * 4).fill(fill),
    },
  };
}

class FakeWindow {
  visible = true;
  minimised = false;
  destroyed = false;
  log: string[] = [];
  isDestroyed = (): boolean => this.destroyed;
  isVisible = (): boolean => this.visible;
  isMinimized = (): boolean => this.minimised;
  hide = (): void => {
    this.visible = false;
    this.log.push('hide');
  };
  show = (): void => {
    this.visible = true;
    this.log.push('show');
  };
}

function deps(overrides: Partial<ScreenCaptureDeps> & { win?: FakeWindow | null } = {}) {
  const win = overrides.win === undefined ? new FakeWindow() : overrides.win;
  const requests: unknown[] = [];
  const d: ScreenCaptureDeps = {
    displays: () => [
      { id: 1, size: { width: 1920, height: 1080 }, scaleFactor: 1 },
      { id: 2, size: { width: 1280, height: 720 }, scaleFactor: 2 },
    ],
    getSources: async (options) => {
      requests.push(options);
      win?.log.push(`capture (visible: ${String(win.visible)})`);
      return [source('2', 4, 2, 2), source('1', 2, 2, 1)];
    },
    window: () => win,
    screenAccess: () => null,
    wait: async (ms) => void win?.log.push(`wait ${ms}`),
    settleMs: 10,
    ...overrides,
  };
  return { d, win, requests };
}

describe('captureAllScreens', () => {
  it('hides the window, captures at native size, shows it again and names the screens in display order', async () => {
    const { d, win, requests } = deps();
    const screens = await captureAllScreens(d);
    expect(win?.log).toEqual(['hide', 'wait 10', 'capture (visible: false)', 'show']);
    expect(requests).toEqual([
      { types: ['screen'], thumbnailSize: { width: 2560, height: 1440 }, fetchWindowIcons: false },
    ]);
    expect(screens.map((s) => [s.name, s.image.width, s.image.height, s.image.pixelOrder])).toEqual([
      ['Screen 1', 2, 2, 'bgra'],
      ['Screen 2', 4, 2, 'bgra'],
    ]);
    expect(screens[0]?.image.data[0]).toBe(1);
  });

  it('shows the window again when the capture fails, and says what to do instead', async () => {
    const { d, win } = deps({
      getSources: () => Promise.reject(new Error('portal failure')),
    });
    const error = await captureAllScreens(d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureRefusedError);
    expect((error as Error).message).toMatch(/screenshot of the QR code/);
    expect((error as Error).message).not.toMatch(/portal failure/);
    expect(win?.log).toEqual(['hide', 'wait 10', 'show']);
    expect(win?.visible).toBe(true);
  });

  it('returns [] when the sharing prompt was closed (no source)', async () => {
    const { d, win } = deps({ getSources: async () => [] });
    expect(await captureAllScreens(d)).toEqual([]);
    expect(win?.log).toEqual(['hide', 'wait 10', 'show']);
  });

  it('leaves a hidden or minimised window alone, and works without one', async () => {
    const hidden = new FakeWindow();
    hidden.visible = false;
    await captureAllScreens(deps({ win: hidden }).d);
    expect(hidden.log).toEqual(['capture (visible: false)']);
    const minimised = new FakeWindow();
    minimised.minimised = true;
    await captureAllScreens(deps({ win: minimised }).d);
    expect(minimised.log).toEqual(['capture (visible: true)']);
    expect(await captureAllScreens(deps({ win: null }).d)).toHaveLength(2);
  });

  it('refuses at once when macOS denies Screen Recording, naming the setting', async () => {
    const { d, win } = deps({ screenAccess: () => 'denied' });
    const error = await captureAllScreens(d).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CaptureRefusedError);
    expect((error as Error).message).toMatch(/Privacy & Security → Screen Recording/);
    expect(win?.log).toEqual([]);
  });

  it('treats sources without pixels as a refusal (macOS without the permission)', async () => {
    const { d } = deps({ screenAccess: () => 'not-determined', getSources: async () => [source('1', 0, 0)] });
    await expect(captureAllScreens(d)).rejects.toThrow(/Screen Recording/);
  });
});
