// SPDX-License-Identifier: GPL-3.0-or-later
/** The groups in use, for the filter chips above the list. */
import type { EntrySummary } from '../../electron/domain';

/** Distinct group names, sorted for reading; entries without a group add none. */
export function groupsInUse(entries: readonly EntrySummary[]): string[] {
  const names = new Set<string>();
  for (const entry of entries) if (entry.group) names.add(entry.group);
  return [...names].sort((a, b) => a.localeCompare(b));
}
