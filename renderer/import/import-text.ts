// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The words of the import review: type and parameter labels, duplicate notes, button and toast
 * texts, accessible names and announcements. Pure, so the dialog and its tests share one wording.
 */
import type {
  ImportCandidate,
  ImportCode,
  ImportOutcome,
  ImportReview,
  ImportReviewKind,
  ImportSourceFile,
  OtpType,
  RestoreMode,
} from '../../electron/domain';
import { ENTRY_LIMITS } from '../shared/domain-values';
import { entryLabel } from '../codes/entry-query';
import { groupCode } from '../shared/format-code';

const TYPE_LABELS: Readonly<Record<OtpType, string>> = { totp: 'TOTP', hotp: 'HOTP', steam: 'Steam' };

/** "3 accounts", "1 account". */
export function countText(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** "TOTP", "HOTP" or "Steam". */
export function typeLabel(type: OtpType): string {
  return TYPE_LABELS[type];
}

/**
 * The parameters that differ from the defaults (SHA1 / 6 digits / 30 s), e.g. "SHA256 · 8 digits · 60 s"
 * ('' when all are usual). Steam's are fixed by Steam, so none are shown.
 */
export function paramsText(
  candidate: Pick<ImportCandidate, 'type' | 'algorithm' | 'digits' | 'period' | 'counter'>,
): string {
  if (candidate.type === 'steam') return '';
  const parts: string[] = [];
  if (candidate.algorithm !== ENTRY_LIMITS.defaultAlgorithm) parts.push(candidate.algorithm);
  if (candidate.digits !== ENTRY_LIMITS.defaultDigits) parts.push(`${candidate.digits} digits`);
  if (candidate.period !== null && candidate.period !== ENTRY_LIMITS.defaultPeriod) parts.push(`${candidate.period} s`);
  if (candidate.type === 'hotp' && candidate.counter !== null && candidate.counter !== 0) {
    parts.push(`counter ${candidate.counter}`);
  }
  return parts.join(' · ');
}

/**
 * Why a candidate starts unticked. In a replace restore the vault's accounts go, so a backup account
 * that matches one is no duplicate there: it is only named.
 */
export function duplicateText(candidate: ImportCandidate, mode: RestoreMode = 'merge'): string | null {
  const duplicate = candidate.duplicate;
  if (duplicate === null) return null;
  if (duplicate.of === 'import') return 'Listed twice in this import';
  return mode === 'replace' ? `In your vault now as ${duplicate.label}` : `Already in your vault as ${duplicate.label}`;
}

/** A candidate's code for reading, or null while it is not known. */
export function shownCode(candidate: ImportCandidate, code: ImportCode | undefined): string | null {
  return code ? groupCode(code.code, candidate.type) : null;
}

/** The list item's name: "GitHub, alice@example.com, TOTP, code 123 456". */
export function candidateName(candidate: ImportCandidate, code: ImportCode | undefined): string {
  const shown = shownCode(candidate, code);
  return `${entryLabel(candidate)}, ${typeLabel(candidate.type)}, ${shown === null ? 'code loading' : `code ${shown}`}`;
}

/** The commit button: "Add 3 accounts", "Restore 1 account", "Replace with 3 accounts…". */
export function commitButtonText(count: number, kind: ImportReviewKind, mode: RestoreMode): string {
  if (kind === 'accounts') return `Add ${countText(count, 'account')}`;
  return mode === 'replace' ? `Replace with ${countText(count, 'account')}…` : `Restore ${countText(count, 'account')}`;
}

/** The toast after a commit; a commit that added nothing is never called a success. */
export function outcomeText(outcome: ImportOutcome, kind: ImportReviewKind, mode: RestoreMode): string {
  if (outcome.added === 0 && outcome.removed === 0) return 'No accounts were added.';
  const added = countText(outcome.added, 'account');
  if (kind === 'accounts') return `Added ${added}`;
  if (mode === 'replace' && outcome.removed > 0) return `Restored ${added} and removed ${outcome.removed}`;
  return `Restored ${added}`;
}

/** What a replace restore will remove, for its warning. */
export function replaceWarning(vaultEntryCount: number): string {
  if (vaultEntryCount === 0) return 'Your vault is empty, so nothing will be removed.';
  const those = vaultEntryCount === 1 ? 'The 1 account' : `All ${vaultEntryCount} accounts`;
  return `${those} in your vault now will be removed and replaced by the backup’s.`;
}

/**
 * What a file was read as: "Aegis — encrypted backup (scrypt)", or the app alone when its reader did
 * not name the variant. With several files, each also says its name and how many accounts it held:
 * "aegis.json: Aegis — plain backup, 7 accounts found".
 */
export function sourceText(source: ImportSourceFile, several = false): string {
  const read = source.variant ? `${source.formatName} — ${source.variant}` : source.formatName;
  return several ? `${source.name}: ${read}, ${countText(source.found, 'account')} found` : read;
}

/**
 * The one line about what will not be added, counted: "2 already in Tessera, 1 cannot be imported"
 * (accounts in the vault, accounts listed twice in what was read, accounts or codes that cannot be
 * imported); '' when everything found can be added.
 */
export function notAddedText(review: ImportReview): string {
  const inVault = review.candidates.filter((c) => c.duplicate?.of === 'vault').length;
  const twice = review.candidates.filter((c) => c.duplicate?.of === 'import').length;
  const cannot = review.skipped.length + review.invalid.length;
  return [
    inVault > 0 ? `${inVault} already in Tessera` : null,
    twice > 0 ? `${twice} listed twice` : null,
    cannot > 0 ? `${cannot} cannot be imported` : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}

/** One sentence for the screen reader when a review arrives or grows. */
export function reviewAnnouncement(review: ImportReview): string {
  const several = review.sources.length > 1;
  const parts = [...review.sources.map((s) => sourceText(s, several)), review.summary.replace(/\.$/, '')];
  const count = review.candidates.length;
  if (count > 0) {
    const duplicates = review.candidates.filter((c) => c.duplicate !== null).length;
    parts.push(
      `${countText(count, 'account')} found` +
        (duplicates > 0 ? `, ${duplicates} already present or listed twice` : ''),
    );
  }
  const cannot = review.skipped.length + review.invalid.length;
  if (cannot > 0) parts.push(`${cannot} cannot be imported`);
  for (const batch of review.batches) parts.push(batch.summary, ...batch.missing);
  return `${parts.filter(Boolean).join('. ')}.`;
}
