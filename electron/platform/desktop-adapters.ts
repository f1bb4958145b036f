// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The Electron adapters behind the services' DesktopPorts (electron/services/desktop-ports.ts, the
 * interfaces): the native open, save and folder dialogs (attached to the app's window), screen
 * capture and the clipboard's screenshot and text. Thin on purpose; the logic lives in plain
 * modules tested under Node: electron/services/screen-capture.ts, and clipboard-image.ts, which
 * reads the clipboard's picture as the image bytes the system offers.
 */
import {
  clipboard,
  desktopCapturer,
  dialog,
  screen,
  systemPreferences,
  type BrowserWindow,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { DesktopImage, DesktopPorts, FileFilter } from '../services/desktop-ports';
import { imageFromClipboardItems } from '../services/clipboard-image';
import { captureAllScreens } from '../services/screen-capture';

export interface ElectronDesktopAdaptersOptions {
  /** The app's window: dialogs are attached to it, and it is hidden while the screens are captured. */
  readonly getWindow: () => BrowserWindow | null;
}

export function createElectronDesktopAdapters(options: ElectronDesktopAdaptersOptions): DesktopPorts {
  const parent = (): BrowserWindow | null => {
    const win = options.getWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  const showOpen = (o: OpenDialogOptions): ReturnType<typeof dialog.showOpenDialog> => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, o) : dialog.showOpenDialog(o);
  };

  return {
    async pickFiles({ title, filters }) {
      const result = await showOpen({
        title,
        filters: toFilters(filters),
        properties: ['openFile', 'multiSelections'],
      });
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async pickSavePath({ title, defaultName, filters }) {
      const o: SaveDialogOptions = {
        title,
        defaultPath: defaultName,
        filters: toFilters(filters),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = parent();
      const result = await (win ? dialog.showSaveDialog(win, o) : dialog.showSaveDialog(o));
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async pickFolder({ title, defaultPath }) {
      const result = await showOpen({ title, defaultPath, properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    captureScreens: () =>
      captureAllScreens({
        displays: () => screen.getAllDisplays(),
        getSources: (o) => desktopCapturer.getSources(o),
        window: parent,
        screenAccess: () => (process.platform === 'darwin' ? systemPreferences.getMediaAccessStatus('screen') : null),
        wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      }),
    readClipboardImage,
    readClipboardText: () => clipboard.readText(),
  };
}

function toFilters(filters: readonly FileFilter[]): { name: string; extensions: string[] }[] {
  return filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
}

/** The clipboard's picture (a copied screenshot), or null when it holds none or cannot be read. */
async function readClipboardImage(): Promise<DesktopImage | null> {
  let items: Awaited<ReturnType<typeof clipboard.read>>;
  try {
    items = await clipboard.read();
  } catch {
    return null; // the clipboard is busy or holds nothing readable: the caller tries its text next
  }
  return imageFromClipboardItems(items);
}
