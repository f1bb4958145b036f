// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Groups a code for reading aloud or typing: `123 456`, `1234 5678`, `123 456 789`.
 * Rule: lengths divisible by 3 go in threes, else lengths divisible by 4 in fours, else two halves
 * with the shorter first (5 → `12 345`, 7 → `123 4567`). Steam Guard codes are letters and stay whole.
 */
import type { OtpType } from '../../electron/domain';

export function groupCode(code: string, type: OtpType): string {
  if (type === 'steam' || code.length < 5) return code;
  const size = code.length % 3 === 0 ? 3 : code.length % 4 === 0 ? 4 : 0;
  if (size === 0) {
    const cut = Math.floor(code.length / 2);
    return `${code.slice(0, cut)} ${code.slice(cut)}`;
  }
  const groups: string[] = [];
  for (let i = 0; i < code.length; i += size) groups.push(code.slice(i, i + size));
  return groups.join(' ');
}

/**
 * A code as a screen reader should say it: grouped digits, and Steam Guard's letters one by one
 * ("6 D R J N"), which would otherwise be read as a word.
 */
export function spokenCode(code: string, type: OtpType): string {
  return type === 'steam' ? code.split('').join(' ') : groupCode(code, type);
}
