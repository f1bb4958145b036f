// SPDX-License-Identifier: GPL-3.0-or-later
import { describe, expect, it } from 'vitest';
import { periodSeconds, secondsLeft } from '../../../renderer/codes/countdown';

describe('countdown arithmetic', () => {
  it('counts partial seconds as a whole second left', () => {
    expect(secondsLeft(60_000, 59_800)).toBe(1);
    expect(secondsLeft(60_000, 60_000)).toBe(0);
    expect(periodSeconds(30_000, 60_000)).toBe(30);
  });
});
