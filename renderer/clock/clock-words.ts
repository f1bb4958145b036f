// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A clock offset in words for the window ("42 seconds behind"), rounded the way a person would say
 * it; the exact figures go behind "Details". (The CLI has its own copy, electron/time/offset-words.ts:
 * the renderer imports nothing from main.) Offsets are server − this computer, in ms.
 */

/** "1 second", "42 seconds", "3 minutes", "5 hours", "2 days": the unit that keeps the number small. */
export function spanInWords(ms: number): string {
  const abs = Math.abs(ms);
  const unit = (n: number, name: string): string => `${n} ${name}${n === 1 ? '' : 's'}`;
  if (abs < 90_000) return unit(Math.max(1, Math.round(abs / 1000)), 'second');
  if (abs < 90 * 60_000) return unit(Math.round(abs / 60_000), 'minute');
  if (abs < 36 * 3_600_000) return unit(Math.round(abs / 3_600_000), 'hour');
  return unit(Math.round(abs / 86_400_000), 'day');
}

/** "Your computer's clock is 42 seconds behind." / "… 3 minutes ahead." / "… is right." */
export function clockSentence(offsetMs: number): string {
  if (Math.abs(offsetMs) < 500) return 'Your computer’s clock is right.';
  return `Your computer’s clock is ${spanInWords(offsetMs)} ${offsetMs > 0 ? 'behind' : 'ahead'}.`;
}

/** "+42,317 ms": the exact difference for the details. */
export function signedMs(ms: number): string {
  return `${ms > 0 ? '+' : ms < 0 ? '−' : ''}${Math.abs(ms).toLocaleString('en-US')} ms`;
}
