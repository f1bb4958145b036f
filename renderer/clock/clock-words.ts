// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A clock offset in the window's sentences ("Your computer's clock is 42 seconds behind."), on the
 * wording `tessera clock` uses too (electron/domain/clock-words.ts); the exact figures go behind
 * "Details". Offsets are server − this computer, in ms.
 */
import { clockInWords } from '../../electron/domain/clock-words';

/** "Your computer's clock is 42 seconds behind." / "… 3 minutes ahead." / "… is right." */
export function clockSentence(offsetMs: number): string {
  return `Your computer’s clock is ${clockInWords(offsetMs)}.`;
}

/** "+42,317 ms": the exact difference for the details. */
export function signedMs(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${Math.abs(ms).toLocaleString('en-US')} ms`;
}
