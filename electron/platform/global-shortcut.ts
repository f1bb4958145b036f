// SPDX-License-Identifier: GPL-3.0-or-later
/** Electron's `globalShortcut` as the controller's narrow port. */
import { globalShortcut } from 'electron';
import type { ShortcutPort } from '../services/shortcut-controller';

export const electronShortcutPort: ShortcutPort = {
  register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
  unregister: (accelerator) => globalShortcut.unregister(accelerator),
};
