// SPDX-License-Identifier: GPL-3.0-or-later
// Loaded with NODE_OPTIONS=--require by test/electron-app/desktop.spec.ts (unpackaged app only):
// records the tray and its latest menu on globalThis, since Electron offers no list of trays.
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require hook is CommonJS by nature
const { Tray } = require('electron');

const setContextMenu = Tray.prototype.setContextMenu;
Tray.prototype.setContextMenu = function recordMenu(menu) {
  globalThis.__tesseraTray = this;
  globalThis.__tesseraTrayMenu = menu;
  return setContextMenu.call(this, menu);
};
