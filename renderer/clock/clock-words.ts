// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A clock offset in the window's sentences ("Your computer's clock is 42 seconds behind."); the
 * exact figures go behind "Details". Offsets are server − this computer, in ms. The wording is
 * `tessera clock`'s (electron/domain/clock-words.ts): the window imports no runtime code from
 * electron/, so it is written here again and test/renderer/lib/clock-words.test.ts holds the two equal.
 */

/** "1 second", "42 seconds", "3 minutes", "5 hours", "2 days": the unit that keeps the number small. */
function spanInWords(ms: number): string {
  const abs = Math.abs(ms);
  const unit = (n: number, name: string): string => `${n} ${name}${n === 1 ? '' : 's'}`;
  if (abs < 90_000) return unit(Math.max(1, Math.round(abs / 1000)), 'second');
  if (abs < 90 * 60_000) return unit(Math.round(abs / 60_000), 'minute');
  if (abs < 36 * 3_600_000) return unit(Math.round(abs / 3_600_000), 'hour');
  return unit(Math.round(abs / 86_400_000), 'day');
}

/** "42 seconds behind", "3 minutes ahead", or "right" under half a second. */
export function clockInWords(offsetMs: number): string {
  if (Math.abs(offsetMs) < 500) return 'right';
  return `${spanInWords(offsetMs)} ${offsetMs > 0 ? 'behind' : 'ahead'}`;
}

/** "Your computer's clock is 42 seconds behind." / "… 3 minutes ahead." / "… is right." */
export function clockSentence(offsetMs: number): string {
  return `Your computer’s clock is ${clockInWords(offsetMs)}.`;
}

/** "+42,317 ms": the exact difference for the details. */
export function signedMs(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${Math.abs(ms).toLocaleString('en-US')} ms`;
}
