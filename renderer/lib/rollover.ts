// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Main pushes each code once per period with the code that follows it (electron/services/
 * push-schedule.ts); at `validUntil` the renderer promotes that next code itself, in step with
 * the countdowns and with no message from main. Pure, so the arithmetic is tested on its own.
 */
import type { CodeSnapshot, EntryId } from '../../electron/ipc/contract';

export interface Rollover {
  /** Every code after promoting the expired ones that had a next code; null when none did. */
  readonly codes: CodeSnapshot[] | null;
  /** Expired codes without a next one: the renderer asks main for fresh codes. */
  readonly stale: CodeSnapshot[];
}

/** Promotes each expired code's `next` (same period length, no next of its own yet). */
export function rollCodes(byId: Readonly<Record<EntryId, CodeSnapshot>>, now: number): Rollover {
  let changed = false;
  const stale: CodeSnapshot[] = [];
  const codes = Object.values(byId).map((code): CodeSnapshot => {
    if (code.validUntil === null || code.validUntil > now) return code;
    if (code.next === undefined) {
      stale.push(code);
      return code;
    }
    changed = true;
    const period = code.validUntil - code.validFrom;
    return { id: code.id, code: code.next, validFrom: code.validUntil, validUntil: code.validUntil + period };
  });
  return { codes: changed ? codes : null, stale };
}

/**
 * When the rollover timer should fire: the earliest `validUntil` still ahead, or `now` when an
 * expired code has a next code waiting. Expired codes without one are left out (no busy loop).
 */
export function nextRollAt(byId: Readonly<Record<EntryId, CodeSnapshot>>, now: number): number | null {
  let earliest: number | null = null;
  for (const code of Object.values(byId)) {
    if (code.validUntil === null) continue;
    if (code.validUntil <= now && code.next === undefined) continue;
    const at = Math.max(now, code.validUntil);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}
