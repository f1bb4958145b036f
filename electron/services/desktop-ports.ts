// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What the import, export and backup services need from the desktop: native file and folder
 * dialogs, screen capture and the clipboard's image. Ports, so the services stay plain Node: the
 * Electron adapters live in electron/platform/desktop-adapters.ts, and the tests (vitest and the
 * Chromium tier) pass fakes fed with files from disk and screenshots from the corpus.
 */
import type { PixelOrder } from '../import/qr';

/** Pixels as the desktop hands them over: RGBA, or BGRA (Electron's `NativeImage.toBitmap()`). */
export interface DesktopImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
  readonly pixelOrder: PixelOrder;
}

/** One captured display. */
export interface CapturedScreen {
  /** "Screen 1", or the display's name. */
  readonly name: string;
  readonly image: DesktopImage;
}

/** The user declined to share the screen (the Wayland portal's prompt) or capture is unavailable. */
export class CaptureRefusedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CaptureRefusedError';
  }
}

/** A file filter of a native dialog. */
export interface FileFilter {
  readonly name: string;
  readonly extensions: readonly string[];
}

export interface DesktopPorts {
  /** The open dialog (several files); null when the user cancels. */
  pickFiles(options: { readonly title: string; readonly filters: readonly FileFilter[] }): Promise<string[] | null>;
  /** The save dialog; null when the user cancels. */
  pickSavePath(options: {
    readonly title: string;
    readonly defaultName: string;
    readonly filters: readonly FileFilter[];
  }): Promise<string | null>;
  /** The folder dialog; null when the user cancels. */
  pickFolder(options: { readonly title: string; readonly defaultPath: string }): Promise<string | null>;
  /**
   * Every display at native resolution. Resolves [] when the user closes the screen-sharing prompt.
   * @throws CaptureRefusedError when capture is refused or impossible, with a message for the user.
   */
  captureScreens(): Promise<CapturedScreen[]>;
  /** The clipboard's image (a copied screenshot), or null when it holds none. */
  readClipboardImage(): Promise<DesktopImage | null>;
  /** The clipboard's text ('' when none). */
  readClipboardText(): Promise<string>;
}

/** Where no desktop is attached (the services in unit tests): every facility says so. */
export const NO_DESKTOP: DesktopPorts = Object.freeze({
  pickFiles: () => Promise.reject(new CaptureRefusedError('File dialogs are not available here.')),
  pickSavePath: () => Promise.reject(new CaptureRefusedError('File dialogs are not available here.')),
  pickFolder: () => Promise.reject(new CaptureRefusedError('Folder dialogs are not available here.')),
  captureScreens: () => Promise.reject(new CaptureRefusedError('Screen capture is not available here.')),
  readClipboardImage: () => Promise.resolve(null),
  readClipboardText: () => Promise.resolve(''),
});
