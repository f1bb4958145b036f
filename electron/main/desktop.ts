// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Desktop integration, wired to the settings: the tray icon (Show / Lock / Quit), close to tray,
 * the global shortcut that shows the window with search focused, and the native theme. Every
 * decision is a pure function (window-behaviour.ts, electron/platform/tray-menu.ts,
 * electron/services/shortcut-controller.ts); this file only connects them to Electron.
 */
import { app, nativeTheme, type BrowserWindow } from 'electron';
import type { Settings, VaultStatus } from '../domain';
import { electronShortcutPort } from '../platform/global-shortcut';
import { createShortcutController } from '../services/shortcut-controller';
import { installTray } from '../platform/tray';
import { trayIconPath, type TrayState } from '../platform/tray-menu';
import { closeAction } from './window-behaviour';
import type { AppServices } from '../services/app-services';

export interface DesktopDeps {
  readonly services: AppServices;
  /** Shows, restores and focuses the main window. */
  readonly showWindow: () => void;
  /** Shows the window and asks the renderer to focus the search field. */
  readonly showSearch: () => void;
  /** True once the app is quitting: closing must not hide to the tray then. */
  readonly isQuitting: () => boolean;
}

export interface Desktop {
  readonly trayAvailable: boolean;
  /** Follows the vault status (the tray's Lock item). */
  onStatus(status: VaultStatus): void;
  /** Hides the window to the tray on close, when the settings say so. */
  attachWindow(win: BrowserWindow): void;
  /** Unregisters the shortcut and removes the tray icon. */
  dispose(): void;
}

const trayStateOf = (status: VaultStatus): TrayState => ({ locked: status.status !== 'unlocked' });

export function installDesktop(deps: DesktopDeps): Desktop {
  const settings = deps.services.settings.service;
  const tray = installTray(
    trayIconPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
    { locked: true },
    { show: deps.showWindow, lock: () => void deps.services.lock('manual'), quit: () => app.quit() },
  );
  const shortcut = createShortcutController(electronShortcutPort, deps.showSearch);

  const apply = (current: Settings): void => {
    nativeTheme.themeSource = current.theme;
    settings.setNote('globalShortcut', shortcut.apply(current.globalShortcut));
  };
  apply(settings.current());
  const stopFollowing = settings.onChange((view) => apply(view.settings));

  return {
    trayAvailable: tray !== null,
    onStatus: (status) => tray?.update(trayStateOf(status)),
    attachWindow(win) {
      win.on('close', (event) => {
        const action = closeAction({
          closeToTray: settings.current().closeToTray,
          trayAvailable: tray !== null,
          quitting: deps.isQuitting(),
        });
        if (action === 'hide') {
          event.preventDefault();
          win.hide();
        }
      });
    },
    dispose() {
      stopFollowing();
      shortcut.dispose();
      tray?.destroy();
    },
  };
}
