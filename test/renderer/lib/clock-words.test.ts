// SPDX-License-Identifier: GPL-3.0-or-later
/** The window's clock wording is `tessera clock`'s, word for word (the renderer keeps its own copy). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockInWords as cliWords } from '../../../electron/domain/clock-words';
import { clockInWords, clockSentence } from '../../../renderer/clock/clock-words';

describe('clock words in the window', () => {
  it('say what tessera clock says, for every offset', () => {
    const edges = [0, 499, 500, 1_499, 89_999, 90_000, 5_399_999, 5_400_000, 129_599_999, 129_600_000];
    for (const ms of [...edges, ...edges.map((e) => -e)]) expect(clockInWords(ms)).toBe(cliWords(ms));
    fc.assert(
      fc.property(fc.integer({ min: -4e12, max: 4e12 }), (ms) => clockInWords(ms) === cliWords(ms)),
      { numRuns: 2000 },
    );
  });

  it('make the sentence', () => {
    expect(clockSentence(42_317)).toBe('Your computer’s clock is 42 seconds behind.');
    expect(clockSentence(-180_000)).toBe('Your computer’s clock is 3 minutes ahead.');
    expect(clockSentence(200)).toBe('Your computer’s clock is right.');
  });
});
