// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How often and how lately each account's code was copied on this computer: what the "most used"
 * and "recently used" orders sort by. Kept in this computer's app data folder (usage.json), never in
 * the vault, so copying a code never causes a save, a backup or a sync.
 */
import type { EntryId } from './entry';

export interface EntryUsage {
  /** Times a code of the account was copied (app or CLI) on this computer. */
  readonly count: number;
  /** When it was last copied (ms since the epoch). */
  readonly lastUsed: number;
}

/** Usage by entry id; an account never copied here has no key. */
export type UsageMap = Readonly<Record<EntryId, EntryUsage>>;
