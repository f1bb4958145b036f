// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it, vi } from 'vitest';
import { createShortcutController, type ShortcutPort } from '../../../electron/services/shortcut-controller';

function fakePort(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  const port: ShortcutPort = {
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (taken.includes(accelerator) || registered.has(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => void registered.delete(accelerator)),
  };
  return { port, registered };
}

describe('global shortcut controller', () => {
  it('registers, swaps and removes the shortcut', () => {
    const { port, registered } = fakePort();
    const onPress = vi.fn();
    const controller = createShortcutController(port, onPress);
    expect(controller.apply('Control+Alt+T')).toBeNull();
    registered.get('Control+Alt+T')?.();
    expect(onPress).toHaveBeenCalledOnce();
    expect(controller.apply('Control+Alt+Y')).toBeNull();
    expect([...registered.keys()]).toEqual(['Control+Alt+Y']);
    expect(controller.apply('')).toBeNull();
    expect(registered.size).toBe(0);
  });

  it('says so when another application holds the accelerator, and recovers', () => {
    const { port, registered } = fakePort(['Control+Alt+T']);
    const controller = createShortcutController(port, vi.fn());
    expect(controller.apply('Control+Alt+T')).toMatch(/another application/);
    expect(controller.apply('Control+Alt+T')).toMatch(/another application/);
    expect(port.register).toHaveBeenCalledTimes(1);
    expect(controller.apply('Control+Alt+U')).toBeNull();
    expect([...registered.keys()]).toEqual(['Control+Alt+U']);
  });

  it('treats a throwing register as a refusal and unregisters on dispose', () => {
    const { port, registered } = fakePort();
    const controller = createShortcutController(port, vi.fn());
    controller.apply('Control+Alt+T');
    controller.dispose();
    expect(registered.size).toBe(0);
    vi.mocked(port.register).mockImplementationOnce(() => {
      throw new Error('bad accelerator');
    });
    expect(controller.apply('Control+Alt+V')).toMatch(/could not be set up/);
  });
});
