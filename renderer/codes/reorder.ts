// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Moving one account in the list, by drag or by Alt+↑/↓. The list shows favourites first, then the
 * user's order, so a move stays within its part: a favourite cannot be dragged among the others.
 * The result is the new order of every entry, as `vault.reorder(ids)` wants it.
 */
import type { EntryId, EntrySummary } from '../../electron/domain';
import { compareEntries } from './entry-query';

export type DropPosition = 'before' | 'after';

/**
 * All entry ids in display order after moving `id` before or after `targetId`, or null when the
 * move changes nothing or would cross between favourites and the rest.
 */
export function moveEntry(
  entries: readonly EntrySummary[],
  id: EntryId,
  targetId: EntryId,
  position: DropPosition,
): EntryId[] | null {
  const ordered = [...entries].sort(compareEntries);
  const moving = ordered.find((e) => e.id === id);
  const target = ordered.find((e) => e.id === targetId);
  if (!moving || !target || id === targetId || moving.favourite !== target.favourite) return null;
  const rest = ordered.filter((e) => e.id !== id);
  const at = rest.indexOf(target) + (position === 'after' ? 1 : 0);
  const ids = [...rest.slice(0, at), moving, ...rest.slice(at)].map((e) => e.id);
  return ids.every((value, i) => value === ordered[i]?.id) ? null : ids;
}

/** The neighbour an Alt+↑/↓ move targets in the rows shown (which may be filtered). */
export function keyboardMove(
  visible: readonly EntrySummary[],
  id: EntryId,
  direction: -1 | 1,
): { targetId: EntryId; position: DropPosition } | null {
  const index = visible.findIndex((e) => e.id === id);
  const neighbour = index < 0 ? undefined : visible[index + direction];
  if (!neighbour) return null;
  return { targetId: neighbour.id, position: direction < 0 ? 'before' : 'after' };
}
