// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { entryLabel, formatTable, printable, toJsonLine } from '../../../electron/cli/io';

describe('terminal safety', () => {
  it('printable replaces controls and bidi overrides', () => {
    expect(printable('Evil\u001b[2J\u009b31m\u202egnp.exe\u0007')).toBe('Evil\ufffd[2J\ufffd31m\ufffdgnp.exe\ufffd');
    expect(printable('Bänk 😀')).toBe('Bänk 😀');
  });

  it('toJsonLine escapes DEL, C1 and bidi controls; the JSON value is unchanged', () => {
    const value = { issuer: 'a\u001bb\u007fc\u009bd\u202ee' };
    const line = toJsonLine(value);
    expect(line).toBe('{"issuer":"a\\u001bb\\u007fc\\u009bd\\u202ee"}\n');
    expect(JSON.parse(line)).toEqual(value);
  });

  it('entryLabel', () => {
    expect(entryLabel({ issuer: 'GitHub', account: 'alice' })).toBe('GitHub (alice)');
    expect(entryLabel({ issuer: '', account: 'alice' })).toBe('alice');
    expect(entryLabel({ issuer: 'GitHub', account: '' })).toBe('GitHub');
  });

  it('formatTable pads all but the last column', () => {
    expect(
      formatTable([
        ['a', 'bb', 'c'],
        ['ccc', 'd', 'eeee'],
      ]),
    ).toBe('a    bb  c\nccc  d   eeee\n');
  });
});
