// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Wires the operating system's power and session events to locking. System suspend and screen
 * lock lock the vault at once; the idle policy arrives with the settings screen.
 */
import { powerMonitor } from 'electron';
import type { LockReason } from '../ipc/contract';

/** Subscribes; returns a function that unsubscribes. */
export function installPowerLocking(lock: (reason: LockReason) => void): () => void {
  const onSuspend = (): void => lock('suspend');
  const onScreenLock = (): void => lock('screen-lock');
  powerMonitor.on('suspend', onSuspend);
  powerMonitor.on('lock-screen', onScreenLock);
  return () => {
    powerMonitor.off('suspend', onSuspend);
    powerMonitor.off('lock-screen', onScreenLock);
  };
}
