// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The sandboxed preload: bundled into one CommonJS file, it exposes `window.tessera` and nothing
 * else. Listeners drop the IpcRendererEvent so the page never holds a handle to ipcRenderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createTesseraApi } from './api';

const api = createTesseraApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe: (channel, listener) => {
    const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('tessera', api);
