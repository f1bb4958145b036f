// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What `tessera restore` shows: the review of a restore plan (the backup's accounts with their
 * status, what `--replace` removes, the accounts it loses) and its text report, for a dry run, a
 * done restore, or on stderr when nothing could be restored. The `--json` shape is in docs/cli.md.
 */
import type { RestoreMode } from '../../../domain';
import type { RestorePlan } from '../../../export';
import { findDuplicates, type ImportedEntry } from '../../../import';
import type { VaultEntry } from '../../../vault';
import { importedEntryJson, otpFields, type ImportedEntryJson } from '../../entry-json';
import { entryLabel, formatTable, printable, type CliOutput } from '../../io';

/** Everything the report needs, taken before the vault changes (entries from it are views into its buffer). */
export interface Review {
  readonly mode: RestoreMode;
  readonly fileName: string;
  /** The backup's accounts in order: table rows before the status, and why one is not added. */
  readonly rows: readonly { readonly cells: readonly string[]; readonly status: 'add' | 'in-vault' | 'repeated' }[];
  readonly add: readonly ImportedEntryJson[];
  readonly remove: readonly (ImportedEntryJson & { readonly id: string })[];
  readonly duplicates: number;
  /** Labels of the current accounts that the backup does not hold (`replace` removes them for good). */
  readonly lost: readonly string[];
}

export function reviewOf(
  plan: RestorePlan,
  backup: readonly ImportedEntry[],
  current: readonly VaultEntry[],
  mode: RestoreMode,
  fileName: string,
  showSecret: boolean,
): Review {
  const removing = new Set(plan.remove);
  const rows = backup.map((e, i) => {
    const dup = plan.duplicates[i] ?? null;
    const status = dup === null ? 'add' : dup.of === 'vault' ? 'in-vault' : 'repeated';
    return { cells: [e.type, printable(e.issuer) || '-', printable(e.account) || '-'], status } as const;
  });
  return {
    mode,
    fileName,
    rows,
    add: plan.add.map((e) => importedEntryJson(e, { showSecret })),
    remove: current
      .filter((e) => removing.has(e.id))
      .map((e) => ({ id: e.id, ...importedEntryJson(e, { showSecret }) })),
    duplicates: plan.duplicates.filter((d) => d !== null).length,
    lost: mode === 'replace' ? notInBackup(current, backup).map(entryLabel) : [],
  };
}

/**
 * The current accounts whose codes the backup does not hold, by the `findDuplicates` rule: one pass
 * over the backup followed by the vault; a current entry is in the backup when its first occurrence is.
 */
function notInBackup(current: readonly VaultEntry[], backup: readonly ImportedEntry[]): VaultEntry[] {
  const marks = findDuplicates([...backup, ...current.map(otpFields)], []);
  return current.filter((_, i) => {
    const mark = marks[backup.length + i] ?? null;
    return !(mark?.of === 'import' && mark.index < backup.length);
  });
}

export const accounts = (n: number): string => `${n} account${n === 1 ? '' : 's'}`;

export function writeLost(out: CliOutput, review: Review, what: string): void {
  if (review.lost.length === 0) return;
  out.write(`Not in the backup (${what}):\n`);
  for (const label of review.lost) out.write(`  ${label}\n`);
}

const STATUS = {
  'in-vault': () => 'already in the vault',
  repeated: () => 'repeated in the backup',
  add: (phase: Phase) => (phase === 'done' ? 'added' : 'new'),
} as const;

type Phase = 'dry-run' | 'done' | 'failed';

/** The human review: the backup's accounts with their status, the accounts lost, one summary line. */
export function textReport(review: Review, phase: Phase): string {
  const lines: string[] = [];
  const out: CliOutput = { write: (s: string) => lines.push(s) };
  out.write(`${accounts(review.rows.length)} in ${printable(review.fileName)} (Tessera backup):\n`);
  const rows = review.rows.map((r) => [...r.cells, STATUS[r.status](phase)]);
  out.write(formatTable([['TYPE', 'ISSUER', 'ACCOUNT', 'STATUS'], ...rows]));
  writeLost(out, review, phase === 'done' ? 'removed' : 'would be removed');
  if (phase !== 'failed') out.write(`${summary(review, phase)}\n`);
  if (phase === 'dry-run') out.write('Dry run: nothing was changed.\n');
  return lines.join('');
}

function summary(review: Review, phase: 'dry-run' | 'done'): string {
  const added = review.add.length;
  if (review.mode === 'replace') {
    const verb = phase === 'done' ? 'Replaced' : 'Would replace';
    return `${verb} ${accounts(review.remove.length)} with ${added} from the backup.`;
  }
  const inVault = review.rows.filter((r) => r.status === 'in-vault').length;
  const repeated = review.rows.filter((r) => r.status === 'repeated').length;
  const notes = [
    ...(inVault > 0 ? [`${inVault} already in the vault`] : []),
    ...(repeated > 0 ? [`${repeated} repeated in the backup`] : []),
  ];
  const verb = phase === 'done' ? 'Restored' : 'Would restore';
  return `${verb} ${accounts(added)}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}.`;
}
