// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The tray icon's menu as data: Show / Lock / Quit, with Lock greyed out while the vault is already
 * locked. Pure (types only from Electron), so the template is tested under Node; tray.ts builds the
 * native menu from it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import path from 'node:path';

export interface TrayState {
  /** True when there is nothing to lock (locked, absent or unreadable vault). */
  readonly locked: boolean;
}

export interface TrayActions {
  readonly show: () => void;
  readonly lock: () => void;
  readonly quit: () => void;
}

/** The menu template for the current state. */
export function trayMenuTemplate(state: TrayState, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { id: 'show', label: 'Show Tessera', click: () => actions.show() },
    { id: 'lock', label: 'Lock', enabled: !state.locked, click: () => actions.lock() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Tessera', click: () => actions.quit() },
  ];
}

/** The tooltip: says whether the codes are open. */
export function trayTooltip(state: TrayState): string {
  return state.locked ? 'Tessera — locked' : 'Tessera — unlocked';
}

/**
 * Where the tray image is: beside app.asar under `<resources>/tray/` when packaged (electron-builder
 * copies build/tray there, see electron-builder.yml extraResources), in build/tray/ otherwise.
 */
export function trayIconPath(input: { isPackaged: boolean; resourcesPath: string; appPath: string }): string {
  const base = input.isPackaged ? input.resourcesPath : path.join(input.appPath, 'build');
  return path.join(base, 'tray', 'tray.png');
}
