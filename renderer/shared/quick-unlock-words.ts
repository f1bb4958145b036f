// SPDX-License-Identifier: GPL-3.0-or-later
/** What the unlock screen and Settings say about quick unlock: the PIN's shape and the tries left. */
import { QUICK_UNLOCK_LIMITS } from './domain-values';

/** The PIN's shape, as the hint and the refusal say it. */
export const PIN_SHAPE_TEXT = `A PIN has at least ${QUICK_UNLOCK_LIMITS.pinMinLength} digits or letters, without spaces or symbols.`;

/** How many wrong PINs are left before quick unlock switches itself off. */
export function attemptsLeftText(left: number): string {
  if (left <= 1) return 'One more wrong PIN switches quick unlock off.';
  return `${left} tries left before quick unlock switches off.`;
}
