// SPDX-License-Identifier: GPL-3.0-or-later
/** The tray icon: Show / Lock / Quit. Thin: the menu comes from the pure tray-menu.ts. */
import { existsSync } from 'node:fs';
import { Menu, Tray, nativeImage } from 'electron';
import { trayMenuTemplate, trayTooltip, type TrayActions, type TrayState } from './tray-menu';

export interface TrayHandle {
  /** Rebuilds the menu (e.g. Lock greyed out once locked). */
  update(state: TrayState): void;
  destroy(): void;
}

/** Creates the tray icon, or returns null where the image is missing or the desktop has no tray. */
export function installTray(iconPath: string, state: TrayState, actions: TrayActions): TrayHandle | null {
  if (!existsSync(iconPath)) return null;
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromPath(iconPath));
  } catch {
    return null;
  }
  const apply = (next: TrayState): void => {
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(next, actions)));
    tray.setToolTip(trayTooltip(next));
  };
  apply(state);
  // Windows and most Linux trays: a click on the icon itself shows the window.
  tray.on('click', () => actions.show());
  return {
    update: apply,
    destroy: () => tray.destroy(),
  };
}
