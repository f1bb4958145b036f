// SPDX-License-Identifier: GPL-3.0-or-later
/** When the review's code preview asks main again: once, just after the earliest code expires. */
import type { ImportCode } from '../../electron/domain';

/** Ask a hair after the boundary, so the new period has begun in main too. */
export const REFRESH_SLACK_MS = 50;

/** A floor for codes that are already stale (a skewed clock), so the preview never spins. */
export const STALE_RETRY_MS = 1000;

/** Milliseconds until the next refresh, or null when no code expires (HOTP only, or none). */
export function nextRefreshDelay(codes: readonly ImportCode[], now: number): number | null {
  let earliest: number | null = null;
  for (const code of codes) {
    if (code.validUntil !== null && (earliest === null || code.validUntil < earliest)) earliest = code.validUntil;
  }
  if (earliest === null) return null;
  return earliest > now ? earliest - now + REFRESH_SLACK_MS : STALE_RETRY_MS;
}
