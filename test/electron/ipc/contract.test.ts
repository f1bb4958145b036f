// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import {
  API_NAMESPACES,
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  isEventChannel,
  isInvokeChannel,
} from '../../../electron/ipc/contract';
import { validators } from '../../../electron/ipc/validators';

describe('IPC contract', () => {
  it('lists every channel once, namespaced feature:verb', () => {
    for (const list of [INVOKE_CHANNELS, EVENT_CHANNELS]) {
      expect(new Set(list).size).toBe(list.length);
      // Every channel belongs to one of the API's namespaces, spelt in kebab case ('quickUnlock' → 'quick-unlock').
      const prefixes = API_NAMESPACES.map((ns) => ns.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
      for (const c of list) expect(c).toMatch(new RegExp(`^(${prefixes.join('|')}):[a-z-]+$`));
    }
    expect(INVOKE_CHANNELS.length).toBeGreaterThanOrEqual(13);
  });

  it('has a validator for exactly the invoke channels', () => {
    expect(Object.keys(validators).sort()).toEqual([...INVOKE_CHANNELS].sort());
  });

  it('recognises channels by own keys only (no prototype tricks)', () => {
    expect(isInvokeChannel('vault:unlock')).toBe(true);
    expect(isInvokeChannel('toString')).toBe(false);
    expect(isInvokeChannel('__proto__')).toBe(false);
    expect(isInvokeChannel(42)).toBe(false);
    expect(isEventChannel('codes:update')).toBe(true);
    expect(isEventChannel('vault:unlock')).toBe(false);
  });

  it('exposes exactly the eleven API namespaces', () => {
    expect(API_NAMESPACES).toEqual([
      'app',
      'backups',
      'clock',
      'codes',
      'entries',
      'exports',
      'icons',
      'imports',
      'quickUnlock',
      'settings',
      'vault',
    ]);
  });
});
