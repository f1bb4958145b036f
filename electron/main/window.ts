// SPDX-License-Identifier: GPL-3.0-or-later
/** Creates the one main window from the pure options and loads the bundle. */
import { BrowserWindow } from 'electron';
import type { StartAction } from './window-behaviour';
import { APP_ENTRY_URL } from './protocol';
import { mainWindowOptions } from './window-options';

export function createMainWindow(input: {
  preloadPath: string;
  isPackaged: boolean;
  iconPath?: string;
  devServerUrl?: string;
  /** How the window first appears (window-behaviour.ts); default: shown. */
  start?: StartAction;
  /** The bundle (or the dev server) could not be loaded into the window. */
  onLoadFailed: (error: unknown) => void;
}): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(input));
  // Best effort: keeps codes out of screen shares on macOS and Windows (no effect on Linux).
  win.setContentProtection(true);
  win.once('ready-to-show', () => {
    if (input.start === 'hide') return;
    if (input.start === 'minimise') {
      win.showInactive();
      win.minimize();
      return;
    }
    win.show();
  });
  win.loadURL(input.devServerUrl ?? APP_ENTRY_URL).catch(input.onLoadFailed);
  return win;
}
