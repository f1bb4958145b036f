// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A clock offset in words ("42 seconds behind"), rounded the way a person would say it; the exact
 * milliseconds are shown apart (the CLI's `--json`, the window's "Details"). The wording of
 * `tessera clock`; the window writes the same words in renderer/clock/clock-words.ts (it imports no
 * runtime code from electron/), and a test holds the two equal.
 * Offsets are server − this computer, in ms.
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

/**
 * How this computer's clock stands, from an offset (server − this computer): "42 seconds behind",
 * "3 minutes ahead", or "right" under half a second.
 */
export function clockInWords(offsetMs: number): string {
  if (Math.abs(offsetMs) < 500) return 'right';
  return `${spanInWords(offsetMs)} ${offsetMs > 0 ? 'behind' : 'ahead'}`;
}
