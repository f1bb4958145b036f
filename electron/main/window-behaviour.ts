// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What closing and starting the window do, as pure decisions of the settings and the platform
 * (tested under Node); desktop.ts and window.ts only carry them out.
 */

export type CloseAction = 'hide' | 'close';
export type StartAction = 'show' | 'hide' | 'minimise';

/**
 * Closing the window hides it to the tray when the user asked for that and a tray icon exists;
 * never while the app is quitting (the tray's Quit, the OS logging out), or quitting would stall.
 */
export function closeAction(input: { closeToTray: boolean; trayAvailable: boolean; quitting: boolean }): CloseAction {
  return input.closeToTray && input.trayAvailable && !input.quitting ? 'hide' : 'close';
}

/**
 * How the window first appears: hidden in the tray when starting minimised with a tray icon,
 * minimised to the taskbar without one (a hidden window without a tray could not be reached).
 */
export function startAction(input: { startMinimised: boolean; trayAvailable: boolean }): StartAction {
  if (!input.startMinimised) return 'show';
  return input.trayAvailable ? 'hide' : 'minimise';
}
