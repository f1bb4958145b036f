// SPDX-License-Identifier: GPL-3.0-or-later
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAccelerator } from '../../../electron/domain/accelerator';

describe('checkAccelerator', () => {
  it.each([
    ['', ''],
    ['CommandOrControl+Alt+T', 'CommandOrControl+Alt+T'],
    ['ctrl+alt+t', 'Control+Alt+T'],
    ['CmdOrCtrl+Shift+2', 'CommandOrControl+Shift+2'],
    ['Super+Space', 'Super+Space'],
    ['Meta+enter', 'Super+Return'],
    ['Alt+esc', 'Alt+Escape'],
    ['Control+F12', 'Control+F12'],
    ['Option+/', 'Alt+/'],
    ['Control+Plus', 'Control+Plus'],
    ['F13', 'F13'],
    ['Shift+F24', 'Shift+F24'],
    ['  Control + Alt + K  ', 'Control+Alt+K'],
  ])('accepts %j as %j', (raw, canonical) => {
    expect(checkAccelerator(raw)).toEqual({ ok: true, accelerator: canonical });
  });

  it.each([
    ['T', /must not take a plain key/],
    ['Shift+A', /must not take a plain key/],
    ['F5', /must not take a plain key/],
    ['Control+', /joined by/],
    ['Control++', /joined by/],
    ['+A', /joined by/],
    ['Control+Alt', /not a key a shortcut can end with/],
    ['Control+Hyper+T', /not a modifier/],
    ['Control+T+Alt', /not a key|not a modifier/],
    ['Ctrl+Control+T', /twice/],
    ['Control+Banana', /not a key/],
    ['Control+' + 'A'.repeat(120), /at most/],
  ])('refuses %j', (raw, message) => {
    const result = checkAccelerator(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('never throws and is idempotent on what it accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (raw) => {
        const first = checkAccelerator(raw);
        if (first.ok) expect(checkAccelerator(first.accelerator)).toEqual(first);
      }),
      { numRuns: 2000 },
    );
  });
});
