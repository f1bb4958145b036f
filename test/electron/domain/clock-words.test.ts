// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { clockInWords, spanInWords } from '../../../electron/domain';

describe('clock offset in words (shared by tessera clock and the window)', () => {
  it('says the unit that keeps the number small, rounded', () => {
    expect(spanInWords(1)).toBe('1 second');
    expect(spanInWords(1_499)).toBe('1 second');
    expect(spanInWords(-42_317)).toBe('42 seconds');
    expect(spanInWords(89_999)).toBe('90 seconds');
    expect(spanInWords(90_000)).toBe('2 minutes');
    expect(spanInWords(5_400_000)).toBe('2 hours');
    expect(spanInWords(36 * 3_600_000)).toBe('2 days');
  });

  it('says behind for a positive offset (server − this computer), ahead for a negative one, right under 0.5 s', () => {
    expect(clockInWords(0)).toBe('right');
    expect(clockInWords(-499)).toBe('right');
    expect(clockInWords(500)).toBe('1 second behind');
    expect(clockInWords(42_317)).toBe('42 seconds behind');
    expect(clockInWords(-180_000)).toBe('3 minutes ahead');
  });
});
