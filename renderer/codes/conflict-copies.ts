// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Conflict copies a sync tool left beside the vault, as the window tells of them (issue #18): main
 * merges the copies it can and reports each once (`vault:conflict-copies`); this module puts that
 * in words in a toast ("Merged 1 conflict copy from DESKTOP-ABC.") and keeps the copies that wait
 * for the password they were saved with, which the toast's button asks for once
 * (ConflictCopyDialog). Followed for the app's whole life, so a report sent right after unlock is
 * not missed; dropped with the rest of the session's state on lock.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ConflictCopiesReport, MergedConflictCopy } from '../../electron/domain';
import { api } from '../api';
import { showToast } from '../shared/toast-store';

interface ConflictCopyState {
  /** Copies waiting for their password, in the order main named them. */
  readonly waiting: readonly string[];
  /** The copy whose password the dialog asks for, or null. */
  readonly asking: string | null;
  reset(): void;
}

export const useConflictCopyStore = create<ConflictCopyState>()((set) => ({
  waiting: [],
  asking: null,
  reset: () => set({ waiting: [], asking: null }),
}));

/** Whether the password dialog is open (the codes screen makes itself inert meanwhile). */
export function useConflictCopyDialogOpen(): boolean {
  return useConflictCopyStore((s) => s.asking !== null);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "A", "A and B", "A, B and C". */
function listed(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * "Merged 2 conflict copies from DESKTOP-ABC and Alice." Syncthing's names carry the device whose
 * change won, not the one the copy came from, so theirs is not said.
 */
export function mergedSentence(merged: readonly MergedConflictCopy[]): string | null {
  if (merged.length === 0) return null;
  const devices = [...new Set(merged.flatMap((m) => (m.tool !== 'syncthing' && m.device !== null ? [m.device] : [])))];
  const from = devices.length > 0 ? ` from ${listed(devices)}` : '';
  const moved = merged.length === 1 ? 'It was moved to the backups folder.' : 'They were moved to the backups folder.';
  const password = merged.some((m) => m.passwordFromCopy)
    ? ' That copy was saved later with another password, so that password now opens your vault.'
    : '';
  return `Merged ${plural(merged.length, 'conflict copy', 'conflict copies')}${from}. ${moved}${password}`;
}

/** Every sentence of a report, in the order a person should read them. */
export function reportSentences(report: ConflictCopiesReport): string[] {
  const sentences: string[] = [];
  const merged = mergedSentence(report.merged);
  if (merged) sentences.push(merged);
  for (const file of report.needPassword) {
    sentences.push(
      `A copy of your vault saved with another password was found: ${file}. Enter that password to merge it.`,
    );
  }
  for (const file of report.otherVaults) {
    sentences.push(`${file} is a different vault from the one open; Tessera left it where it is.`);
  }
  for (const failure of report.failed) sentences.push(failure.message);
  return sentences;
}

/** Opens the password dialog for the first copy still waiting. */
export function askForCopyPassword(): void {
  const first = useConflictCopyStore.getState().waiting[0];
  if (first !== undefined) useConflictCopyStore.setState({ asking: first });
}

/** Shows a report as one toast; with copies waiting for a password, its button asks for the first one. */
export function showConflictReport(report: ConflictCopiesReport): void {
  const store = useConflictCopyStore.getState();
  const waiting = [...store.waiting, ...report.needPassword.filter((f) => !store.waiting.includes(f))];
  const merged = new Set(report.merged.map((m) => m.file));
  useConflictCopyStore.setState({ waiting: waiting.filter((f) => !merged.has(f)) });
  const sentences = reportSentences(report);
  if (sentences.length === 0) return;
  const needs = report.needPassword.length > 0;
  showToast(sentences.join(' '), report.failed.length > 0 ? 'error' : 'info', {
    // Long enough to read several sentences, and to reach the button.
    durationMs: needs ? 30_000 : sentences.length > 1 ? 10_000 : 6_000,
    ...(needs ? { action: { label: 'Enter password…', run: askForCopyPassword } } : {}),
  });
}

/** The dialog is done with `file`: merged (`merged` true) or put off; it is not asked for again. */
export function finishCopyPassword(file: string): void {
  const { waiting } = useConflictCopyStore.getState();
  useConflictCopyStore.setState({ asking: null, waiting: waiting.filter((f) => f !== file) });
}

/** Follows main's reports of conflict copies for the app's whole life. */
export function useConflictCopies(): void {
  useEffect(() => api().vault.onConflictCopies(showConflictReport), []);
}
