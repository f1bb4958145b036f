// SPDX-License-Identifier: GPL-3.0-or-later
/** Electron's clipboard as the services' narrow `ClipboardPort` (async since Electron 44). */
import { clipboard } from 'electron';
import type { ClipboardPort } from '../services/clipboard-guard';

export const electronClipboard: ClipboardPort = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  clear: async () => clipboard.clear(),
};
