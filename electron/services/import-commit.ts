// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Adding the ticked accounts of the open review: one all-or-nothing `add` on the vault brought up
 * to date with the file. A Tessera backup is restored by merging (only what the vault lacks) or by
 * replacing the accounts, which adds first and removes the old ones after, so a failure never
 * leaves the vault emptier.
 */
import type { ImportOutcome, RestoreMode } from '../domain';
import { toNewVaultEntry } from '../import';
import { applyIconChoices, planRestore } from '../export/restore';
import type { UnlockedVault } from '../vault';
import { ImportClosedError, InvalidEntryError } from './errors';
import type { ImportRequests } from './import-requests';
import type { ReviewState, StagedCandidate } from './import-review';
import type { ImportStaging } from './import-staging';

export interface ImportCommitDeps {
  readonly requests: ImportRequests;
  readonly staging: ImportStaging;
  /** The open vault, first brought up to date with the file (a CLI change is not lost). */
  readonly openFresh: () => Promise<UnlockedVault>;
  /** After accounts were added or removed: tell the renderer, reschedule the codes. */
  readonly changed: () => void;
}

/** Checks the commit request against the review; returns the ticked candidates in review order. */
function tickedCandidates(r: ReviewState, keys: readonly string[], mode: RestoreMode): StagedCandidate[] {
  if (mode === 'replace' && r.kind !== 'backup') {
    throw new InvalidEntryError('mode', 'Only a Tessera backup can replace the accounts in the vault.');
  }
  if (keys.length === 0) throw new InvalidEntryError('keys', 'Tick at least one account to add.');
  const wanted = new Set(keys);
  const chosen = r.candidates.filter((c) => wanted.has(c.key));
  if (chosen.length !== wanted.size) {
    throw new InvalidEntryError('keys', 'An account you ticked is not in this review any more. Import it again.');
  }
  return chosen;
}

/** Adds the ticked candidates in one save and ends the review; a failure adds nothing and keeps it. */
export function commitTicked(
  deps: ImportCommitDeps,
  keys: readonly string[],
  mode: RestoreMode,
): Promise<ImportOutcome> {
  return deps.requests.serial(() => commit(deps, keys, mode));
}

async function commit(deps: ImportCommitDeps, keys: readonly string[], mode: RestoreMode): Promise<ImportOutcome> {
  const start = deps.requests.begin();
  const r = deps.staging.review();
  if (!r) throw new ImportClosedError();
  const chosen = tickedCandidates(r, keys, mode).map((c) => c.entry);
  const v = await deps.openFresh();
  if (!deps.requests.current(start) || deps.staging.review() !== r) throw new ImportClosedError();
  // A backup: merge adds what the vault lacks; replace adds the ticked accounts (each once) and
  // then removes every account the vault held before.
  const plan = r.kind === 'backup' ? planRestore(chosen, v.entries(), mode) : { add: chosen, remove: [] };
  if (plan.add.length === 0 && plan.remove.length === 0) {
    throw new InvalidEntryError('keys', 'Every account you ticked is already in the vault.');
  }
  const input = plan.add.map(toNewVaultEntry);
  try {
    // A backup's bundled or letter icons are set after the add (which takes custom icons' images).
    if (input.length > 0) await applyIconChoices(v, await v.add(input), plan.add);
  } finally {
    for (const e of input) e.secret.fill(0);
  }
  deps.staging.end(r);
  try {
    if (plan.remove.length > 0) await v.removeMany(plan.remove);
  } finally {
    deps.changed();
  }
  return { added: input.length, removed: plan.remove.length };
}
