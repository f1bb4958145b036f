// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../../electron/domain/accelerator';
import { acceleratorFromKeyPress, acceleratorLabel } from '../../../renderer/settings/accelerator';

const press = (code: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  key: '',
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('shortcut recorder', () => {
  it('builds accelerators that main accepts as they are', () => {
    const cases: [ReturnType<typeof press>, boolean, string][] = [
      [press('KeyT', { ctrlKey: true, altKey: true }), false, 'CommandOrControl+Alt+T'],
      [press('KeyT', { metaKey: true, shiftKey: true }), true, 'Command+Shift+T'],
      [press('Digit2', { ctrlKey: true }), true, 'Control+2'],
      [press('Space', { metaKey: true }), false, 'Super+Space'],
      [press('F13'), false, 'F13'],
      [press('ArrowUp', { altKey: true }), false, 'Alt+Up'],
      [press('Slash', { ctrlKey: true }), false, 'CommandOrControl+/'],
      [press('Numpad7', { altKey: true }), false, 'Alt+num7'],
    ];
    for (const [p, mac, expected] of cases) {
      expect(acceleratorFromKeyPress(p, mac)).toBe(expected);
      expect(checkAccelerator(expected)).toEqual({ ok: true, accelerator: expected });
    }
  });

  it('waits while only modifiers are held', () => {
    expect(acceleratorFromKeyPress(press('ControlLeft', { ctrlKey: true }), false)).toBeNull();
    expect(acceleratorFromKeyPress(press('AltRight', { altKey: true }), false)).toBeNull();
  });

  it('writes a shortcut in the platform’s words', () => {
    expect(acceleratorLabel('CommandOrControl+Alt+T', false)).toBe('Ctrl+Alt+T');
    expect(acceleratorLabel('CommandOrControl+Alt+T', true)).toBe('⌘⌥T');
    expect(acceleratorLabel('', false)).toBe('');
  });
});
