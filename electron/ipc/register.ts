// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Installs the dispatcher on Electron's `ipcMain` for every invoke channel of the contract. Nothing
 * else in the app calls `ipcMain.handle`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { INVOKE_CHANNELS, type EventChannel, type EventContract } from './contract';
import type { Dispatch } from './dispatch';

/** Registers every channel; returns a function that removes them again. */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, payload: unknown) => dispatch(channel, event, payload));
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends a typed event to the renderer, if the window is still there. */
export function sendEvent<C extends EventChannel>(
  target: Pick<WebContents, 'send' | 'isDestroyed'> | null,
  channel: C,
  payload: EventContract[C],
): void {
  if (target && !target.isDestroyed()) target.send(channel, payload);
}
