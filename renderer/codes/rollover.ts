// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Main pushes each code once per period with the code that follows it (electron/services/
 * push-schedule.ts); at `validUntil` the renderer promotes that next code itself, in step with
 * the countdowns and with no message from main. The store keeps the codes as pushed and the time
 * of the last rollover; the code showing is derived from the two, so a rollover changes one
 * number instead of copying every code (1,000 objects once per period, run cold by the engine).
 * Pure, so the arithmetic is tested on its own.
 */
import type { CodeSnapshot } from '../../electron/domain';

/** Promoted codes, made once per pushed code: selectors get the same object each time. */
const promoted = new WeakMap<CodeSnapshot, CodeSnapshot>();

/** True when `code` ended by `rolledAt` and carries the code that follows it. */
function rolls(code: CodeSnapshot, rolledAt: number): boolean {
  return code.validUntil !== null && code.validUntil <= rolledAt && code.next !== undefined;
}

/** The code showing after the rollover at `rolledAt`: as pushed, or its next code (same period, no next of its own). */
export function currentCode(code: CodeSnapshot, rolledAt: number): CodeSnapshot {
  if (code.validUntil === null || code.validUntil > rolledAt || code.next === undefined) return code;
  let next = promoted.get(code);
  if (!next) {
    const period = code.validUntil - code.validFrom;
    next = { id: code.id, code: code.next, validFrom: code.validUntil, validUntil: code.validUntil + period };
    promoted.set(code, next);
  }
  return next;
}

/** `currentCode(code, rolledAt).code`, without making the promoted code. */
export function shownCode(code: CodeSnapshot, rolledAt: number): string {
  return rolls(code, rolledAt) && code.next !== undefined ? code.next : code.code;
}

/** `currentCode(code, rolledAt).validUntil`, without making the promoted code. */
function currentUntil(code: CodeSnapshot, rolledAt: number): number | null {
  if (code.validUntil === null) return null;
  return rolls(code, rolledAt) ? 2 * code.validUntil - code.validFrom : code.validUntil;
}

/**
 * One code per distinct validity window (its start, its end, and whether it carries a next code).
 * Every question the rollover timer asks (`nextRollAt`, whether any code is stale) has the same
 * answer for these few codes as for all of them, so a push is walked once, not once per question.
 */
export function timingRepresentatives(codes: readonly CodeSnapshot[]): CodeSnapshot[] {
  const found: CodeSnapshot[] = [];
  for (const code of codes) {
    const seen = found.some(
      (f) =>
        f.validUntil === code.validUntil &&
        f.validFrom === code.validFrom &&
        (f.next === undefined) === (code.next === undefined),
    );
    if (!seen) found.push(code);
  }
  return found;
}

/** Codes that have ended at `now` with no next code (a push was missed): the renderer asks main. */
export function staleCodes(codes: readonly CodeSnapshot[], now: number): CodeSnapshot[] {
  const stale: CodeSnapshot[] = [];
  for (const code of codes) {
    const until = currentUntil(code, now);
    if (until !== null && until <= now) stale.push(currentCode(code, now));
  }
  return stale;
}

/**
 * When the rollover timer should fire, with codes rolled at `rolledAt`: the earliest end still
 * ahead, or `now` when an ended code has a next code waiting. Stale codes are left out (no busy loop).
 */
export function nextRollAt(codes: readonly CodeSnapshot[], rolledAt: number, now: number): number | null {
  let earliest: number | null = null;
  for (const code of codes) {
    if (code.validUntil === null) continue;
    const waiting = code.next !== undefined && code.validUntil > rolledAt;
    const until = waiting ? code.validUntil : currentUntil(code, rolledAt);
    if (until === null || (until <= now && !waiting)) continue;
    const at = Math.max(now, until);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}
