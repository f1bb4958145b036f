// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { groupCode } from '../../../renderer/shared/format-code';

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['12345678', '1234 5678'],
    ['123456789', '123 456 789'],
    ['12345', '12 345'],
    ['1234567', '123 4567'],
    ['1234567890', '12345 67890'],
    ['1234', '1234'],
  ])('groups %s as %s', (code, grouped) => {
    expect(groupCode(code, 'totp')).toBe(grouped);
    expect(groupCode(code, 'hotp')).toBe(grouped);
  });

  it('leaves Steam Guard codes whole', () => {
    expect(groupCode('K7Q2X', 'steam')).toBe('K7Q2X');
  });
});
