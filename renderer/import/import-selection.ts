// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Which candidates of a review are ticked. Duplicates start unticked; a scan that adds to the same
 * review keeps the user's earlier choices; a replace restore ticks the backup's accounts that the
 * vault also holds, since the vault's copies go.
 */
import type { ImportCandidate, ImportReview, RestoreMode } from '../../electron/domain';

/** Ticked unless it duplicates something (in a replace, only a twice-listed account does). */
export function tickedByDefault(candidate: ImportCandidate, mode: RestoreMode): boolean {
  if (candidate.duplicate === null) return true;
  return mode === 'replace' && candidate.duplicate.of === 'vault';
}

/** The default ticks of a review. */
export function defaultTicks(review: ImportReview, mode: RestoreMode): ReadonlySet<string> {
  return new Set(review.candidates.filter((c) => tickedByDefault(c, mode)).map((c) => c.key));
}

/**
 * True when `next` is `previous` with more added (a further scan): every earlier candidate is still
 * there under its key with the same names. A new file starts a new review whose keys mean others.
 */
export function continues(previous: ImportReview, next: ImportReview): boolean {
  if (previous.kind !== next.kind) return false;
  const byKey = new Map(next.candidates.map((c) => [c.key, c]));
  return previous.candidates.every((c) => {
    const same = byKey.get(c.key);
    return same !== undefined && same.issuer === c.issuer && same.account === c.account && same.type === c.type;
  });
}

/** The ticks for `next`: earlier choices kept where it continues `previous`, defaults for the rest. */
export function nextTicks(
  previous: ImportReview | null,
  ticked: ReadonlySet<string>,
  next: ImportReview,
  mode: RestoreMode,
): ReadonlySet<string> {
  if (previous === null || !continues(previous, next)) return defaultTicks(next, mode);
  const known = new Set(previous.candidates.map((c) => c.key));
  return new Set(
    next.candidates.filter((c) => (known.has(c.key) ? ticked.has(c.key) : tickedByDefault(c, mode))).map((c) => c.key),
  );
}

/** The ticked keys in the review's order, as the commit sends them. */
export function tickedKeys(review: ImportReview, ticked: ReadonlySet<string>): string[] {
  return review.candidates.filter((c) => ticked.has(c.key)).map((c) => c.key);
}
