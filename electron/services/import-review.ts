// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The import review: what main keeps (staged accounts with their secrets, problems, batch
 * progress, the scans so far) and the view the renderer gets of it, preview codes included. No
 * I/O, so the rules — keys, duplicate flags, summary lines, batch progress — are tested without a
 * vault or a decoder. No secret is copied into the view: a candidate carries names and OTP
 * parameters only.
 */
import {
  accountFields,
  type ImportBatchView,
  type ImportCandidate,
  type ImportCode,
  type ImportDuplicate,
  type ImportProblem,
  type ImportReview,
  type ImportReviewKind,
  type ImportSourceFile,
} from '../domain';
import {
  findDuplicates,
  type Duplicate,
  type ImportedEntry,
  type ImportFormatId,
  type ImportNotice,
  type SkippedEntry,
} from '../import';
import { EMPTY_BATCH_STATE, type BatchState, type QrCollection } from '../import/qr';
import { codeSnapshot } from '../otp';
import type { VaultEntry } from '../vault';

/** One account found, with its secret: it never leaves main. */
export interface StagedCandidate {
  /** 'c0', 'c1'…: stable for the life of the review. */
  readonly key: string;
  /** Where it was found: a file name, "Screen 1", "Clipboard", "Pasted link". */
  readonly source: string;
  readonly entry: ImportedEntry;
}

/** Everything a review holds, as main keeps it. */
export interface StagedReview extends Pick<
  ImportReview,
  'kind' | 'title' | 'summary' | 'sources' | 'skipped' | 'invalid' | 'notAccounts'
> {
  /** QR reviews take more scans; file and backup reviews are one file each. */
  readonly qr: boolean;
  /**
   * Accounts imported with something left out (an embedded icon Tessera will not use), each with
   * the reason.
   */
  readonly notices: readonly ImportProblem[];
  readonly candidates: readonly StagedCandidate[];
  readonly batches: BatchState;
}

/** A review as main keeps it while scans and files add to it. */
export interface ReviewState extends StagedReview {
  candidates: StagedCandidate[];
  skipped: ImportProblem[];
  invalid: ImportProblem[];
  notAccounts: ImportProblem[];
  notices: ImportProblem[];
  batches: BatchState;
  title: string;
  summary: string;
  sources: ImportSourceFile[];
  /** QR texts already read: the same code on two screens, or scanned twice, counts once. */
  readonly seenTexts: Set<string>;
  /** Every QR scan so far, for the summary line. */
  readonly tallies: ScanTally[];
  nextKey: number;
}

/** An empty QR review: scans add to it. */
export function newQrReview(): ReviewState {
  return emptyReview('accounts', true, 'QR codes');
}

/** Adds one scan's findings (collected against the review's batches and seen texts) to a QR review. */
export function addQrScan(r: ReviewState, found: QrCollection, tally: ScanTally): void {
  for (const f of found.entries) stage(r, f.source, f.entry);
  for (const s of found.skipped) r.skipped.push(problem(s.source, s));
  r.invalid.push(...found.invalid);
  r.notAccounts.push(...found.notAccounts);
  r.batches = found.batches;
  r.tallies.push(tally);
  r.summary = qrSummary(r.tallies);
  r.title = r.tallies.every((t) => t.kind === 'link') ? 'Account links' : 'QR codes';
}

/** The review of one file: an export of another app, or a Tessera backup. */
export function fileReview(
  kind: ImportReviewKind,
  file: {
    readonly name: string;
    /** The format's name: "Aegis", "Tessera backup". */
    readonly title: string;
    /** The format read; null (or absent) for a Tessera backup. */
    readonly format?: ImportFormatId | null;
    /** Which variant of the format was read; null (or absent) when the reader did not say. */
    readonly variant?: string | null;
    readonly entries: readonly ImportedEntry[];
    readonly skipped: readonly SkippedEntry[];
    readonly notices?: readonly ImportNotice[];
  },
): ReviewState {
  const r = emptyReview(kind, false, file.title);
  for (const entry of file.entries) stage(r, file.name, entry);
  for (const s of file.skipped) r.skipped.push(problem(file.name, s));
  for (const n of file.notices ?? []) r.notices.push(problem(file.name, n));
  r.summary = fileSummary(file.name, file.entries.length);
  r.sources.push({
    name: file.name,
    format: file.format ?? null,
    formatName: file.title,
    // An empty name says nothing: shown as the app alone.
    variant: file.variant?.trim() || null,
    found: file.entries.length,
    skipped: file.skipped.length,
  });
  return r;
}

/**
 * A skipped entry as the review lists it: the plain reason, the technical detail and the kind of
 * problem when there are.
 */
function problem(source: string, s: SkippedEntry | ImportNotice): ImportProblem {
  return {
    source,
    label: s.label,
    message: s.reason,
    ...(s.details ? { details: s.details } : {}),
    ...('kind' in s && s.kind ? { kind: s.kind } : {}),
  };
}

/** Zeroes every staged secret and forgets the texts read (they hold secrets too, as strings). */
export function wipeReview(r: ReviewState): void {
  for (const c of r.candidates) c.entry.secret.fill(0);
  r.seenTexts.clear();
}

function emptyReview(kind: ImportReviewKind, qr: boolean, title: string): ReviewState {
  return {
    kind,
    qr,
    title,
    summary: '',
    sources: [],
    candidates: [],
    skipped: [],
    invalid: [],
    notAccounts: [],
    notices: [],
    batches: EMPTY_BATCH_STATE,
    seenTexts: new Set(),
    tallies: [],
    nextKey: 0,
  };
}

function stage(r: ReviewState, source: string, entry: ImportedEntry): void {
  r.candidates.push({ key: `c${r.nextKey++}`, source, entry });
}

/**
 * The review the renderer shows. Duplicates are flagged against `vaultEntries` (the accounts the
 * user sees) and against earlier candidates, by the codes they give (`findDuplicates`).
 */
export function toImportReview(staged: StagedReview, vaultEntries: readonly VaultEntry[]): ImportReview {
  const duplicates = findDuplicates(
    staged.candidates.map((c) => c.entry),
    vaultEntries,
  );
  const byId = new Map(vaultEntries.map((e) => [e.id, e]));
  const duplicateView = (d: Duplicate | null | undefined): ImportDuplicate | null => {
    if (!d) return null;
    if (d.of === 'import') return { of: 'import', key: staged.candidates[d.index]?.key ?? '' };
    const existing = byId.get(d.id);
    return { of: 'vault', id: d.id, label: existing ? accountLabel(existing) : '' };
  };
  return {
    kind: staged.kind,
    title: staged.title,
    summary: staged.summary,
    sources: staged.sources.map((s) => ({ ...s })),
    candidates: staged.candidates.map((c, i) => toCandidate(c, duplicateView(duplicates[i]))),
    skipped: [...staged.skipped],
    invalid: [...staged.invalid],
    notAccounts: [...staged.notAccounts],
    notices: [...staged.notices],
    batches: batchViews(staged.batches),
    canScanMore: staged.qr,
    vaultEntryCount: vaultEntries.length,
  };
}

/** Each candidate's code at `now` (HOTP: at its stored counter); never a secret. */
export function candidateCodes(staged: StagedReview, now: number): ImportCode[] {
  return staged.candidates.map((c) => {
    const snapshot = codeSnapshot({ ...c.entry, id: c.key }, now, { nextWithinMs: 0 });
    return { key: c.key, code: snapshot.code, validUntil: snapshot.validUntil };
  });
}

/** "Issuer (account)", or whichever of the two there is. */
export function accountLabel(e: { readonly issuer: string; readonly account: string }): string {
  if (e.issuer !== '' && e.account !== '') return `${e.issuer} (${e.account})`;
  return e.issuer !== '' ? e.issuer : e.account;
}

function toCandidate(c: StagedCandidate, duplicate: ImportDuplicate | null): ImportCandidate {
  const e = c.entry;
  const parts = e.batch ? Math.max(1, e.batch.size) : 1;
  return {
    key: c.key,
    ...accountFields(e),
    tags: e.tags ?? [],
    source: c.source,
    duplicate,
    // Only parts of a multi-code export say which part they came from; "1 of 1" says nothing.
    ...(e.batch && parts > 1 ? { batch: { part: e.batch.index + 1, parts } } : {}),
  };
}

/** Progress of every Google Authenticator export of more than one QR code. */
function batchViews(state: BatchState): ImportBatchView[] {
  return state.batches
    .filter((b) => b.size > 1)
    .map((b) => ({ summary: b.summary, missing: [...b.missing], complete: b.complete }));
}

// ---------------------------------------------------------------------------------------------
// Summary lines.

/** Where the QR codes of one scan came from. Clipboard screenshots and image files are images. */
export type ScanKind = 'screen' | 'image' | 'link';

/** One scan: how many sources (screens, images, links) and how many QR codes they held. */
export interface ScanTally {
  readonly kind: ScanKind;
  readonly sources: number;
  readonly codes: number;
}

const ZOOM_HINT: Readonly<Record<Exclude<ScanKind, 'link'>, string>> = {
  screen: 'Make the QR code larger (zoom in) and scan again.',
  image: 'Make the QR code larger (zoom in), take a new screenshot and add it.',
};

/**
 * One line about every scan of a QR review: "Found 2 QR codes on 1 screen", "Found 1 QR code in
 * 2 images", "Found 1 QR code on 1 screen and 2 pasted links". When the last scan found nothing,
 * it says so and how to do better (most misses are codes too small on a high-resolution screen).
 */
export function qrSummary(tallies: readonly ScanTally[]): string {
  const sum = (kind: ScanKind, field: 'sources' | 'codes'): number =>
    tallies.filter((t) => t.kind === kind).reduce((n, t) => n + t[field], 0);
  const screens = { sources: sum('screen', 'sources'), codes: sum('screen', 'codes') };
  const images = { sources: sum('image', 'sources'), codes: sum('image', 'codes') };
  const links = sum('link', 'codes');
  const last = tallies.at(-1);
  const hint = last && last.kind !== 'link' && last.codes === 0 ? ZOOM_HINT[last.kind] : null;

  if (screens.codes + images.codes + links === 0) {
    const where = [
      screens.sources > 0 ? `on ${count(screens.sources, 'screen')}` : null,
      images.sources > 0 ? `in ${count(images.sources, 'image')}` : null,
    ].filter((w): w is string => w !== null);
    const line = where.length > 0 ? `No QR code was found ${joinAnd(where)}.` : 'No account link was found.';
    return hint ? `${line} ${hint}` : line;
  }
  const found = [
    screens.sources > 0 ? `${count(screens.codes, 'QR code')} on ${count(screens.sources, 'screen')}` : null,
    images.sources > 0 ? `${count(images.codes, 'QR code')} in ${count(images.sources, 'image')}` : null,
    links > 0 ? count(links, 'pasted link') : null,
  ].filter((f): f is string => f !== null);
  const line = `Found ${joinAnd(found)}`;
  return hint ? `${line}. The last scan found no QR code: ${lowerFirst(hint)}` : line;
}

/** "Found 7 accounts in aegis-export.json", or that none can be imported. */
export function fileSummary(fileName: string, accounts: number): string {
  return accounts === 0
    ? `No account that Tessera can import was found in ${fileName}`
    : `Found ${count(accounts, 'account')} in ${fileName}`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function joinAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
