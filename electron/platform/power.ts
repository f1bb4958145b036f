// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Feeds the operating system's power and session events to the auto-lock policy (which decides,
 * by the user's settings, whether they lock), and tells it how long the system has been idle.
 */
import { powerMonitor } from 'electron';

/** Milliseconds since the last keyboard or mouse input anywhere on the system. */
export const systemIdleMs = (): number => powerMonitor.getSystemIdleTime() * 1000;

/** Calls `onResume` when the computer wakes from sleep; returns a function that unsubscribes. */
export function installResumeWatch(onResume: () => void): () => void {
  const listener = (): void => onResume();
  powerMonitor.on('resume', listener);
  return () => void powerMonitor.off('resume', listener);
}

/** Subscribes; returns a function that unsubscribes. */
export function installPowerLocking(onEvent: (type: 'suspend' | 'screen-lock') => void): () => void {
  const onSuspend = (): void => onEvent('suspend');
  const onScreenLock = (): void => onEvent('screen-lock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onScreenLock);
  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onScreenLock);
  };
}
