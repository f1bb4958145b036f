// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { closeAction, startAction } from '../../../electron/main/window-behaviour';

describe('window behaviour', () => {
  it.each([
    [{ closeToTray: true, trayAvailable: true, quitting: false }, 'hide'],
    [{ closeToTray: true, trayAvailable: true, quitting: true }, 'close'],
    [{ closeToTray: true, trayAvailable: false, quitting: false }, 'close'],
    [{ closeToTray: false, trayAvailable: true, quitting: false }, 'close'],
  ] as const)('close with %j → %s', (input, action) => {
    expect(closeAction(input)).toBe(action);
  });

  it.each([
    [{ startMinimised: false, trayAvailable: true }, 'show'],
    [{ startMinimised: true, trayAvailable: true }, 'hide'],
    [{ startMinimised: true, trayAvailable: false }, 'minimise'],
  ] as const)('start with %j → %s', (input, action) => {
    expect(startAction(input)).toBe(action);
  });
});
