// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Every option of the main window in one pure function, so a unit test pins each security flag.
 * @see https://www.electronjs.org/docs/latest/tutorial/security
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  readonly preloadPath: string;
  readonly isPackaged: boolean;
  readonly iconPath?: string;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 440,
    height: 680,
    minWidth: 360,
    minHeight: 480,
    title: 'Tessera',
    backgroundColor: '#101418',
    autoHideMenuBar: true,
    ...(input.iconPath === undefined ? {} : { icon: input.iconPath }),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Keeps typed text (the master password, secrets) away from the OS spellchecker.
      spellcheck: false,
      devTools: !input.isPackaged,
    },
  };
}
