// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key as the window shows it and checks the copy typed back. Main makes the key and
 * reads it (electron/vault/recovery.ts): 36 characters of Crockford's base32 in 9 groups of 4, the
 * last a check. What a person types back is read the way main reads it: any case, spaces and hyphens
 * ignored, O read as 0 and I or L as 1, so a copy written by hand matches however it was spaced.
 */

import { normaliseRecoveryKey } from '../shared/domain-values';

/** Characters in a group, as main writes the key. */
export const RECOVERY_GROUP_LENGTH = 4;
/** How many groups, counted from the end, the user types back to show the copy is right. */
export const CONFIRM_GROUP_COUNT = 2;

export { normaliseRecoveryKey };

/** The key's groups of four, in order: ["7Q2M", "K4XD", …]. */
export function recoveryKeyGroups(key: string): string[] {
  return normaliseRecoveryKey(key).match(/.{1,4}/g) ?? [];
}

/** The last `count` groups, as one normalised string (what the confirmation compares with). */
export function lastGroups(key: string, count = CONFIRM_GROUP_COUNT): string {
  return recoveryKeyGroups(key).slice(-count).join('');
}

/** How the typed-back copy of the last groups compares with the key. */
export type ConfirmState = 'empty' | 'partial' | 'match' | 'mismatch';

/**
 * `match` when the text is the key's last groups (however spaced or cased); `mismatch` once as many
 * characters as they have were typed and they differ; `partial` while fewer were typed.
 */
export function confirmState(key: string, typed: string): ConfirmState {
  const wanted = lastGroups(key);
  const got = normaliseRecoveryKey(typed);
  if (got === '') return 'empty';
  if (got === wanted) return 'match';
  return got.length < wanted.length ? 'partial' : 'mismatch';
}

/** The groups' positions in words, for the confirmation's label: "groups 8 and 9". */
export function lastGroupsText(key: string, count = CONFIRM_GROUP_COUNT): string {
  const total = recoveryKeyGroups(key).length;
  const numbers = Array.from({ length: count }, (_, i) => total - count + 1 + i);
  if (numbers.length === 1) return `group ${numbers[0]}`;
  return `groups ${numbers.slice(0, -1).join(', ')} and ${numbers.at(-1)}`;
}
