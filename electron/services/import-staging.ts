// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * What one import keeps in main between its requests: the open review (the accounts found, with
 * their secrets) or an encrypted file waiting for its password, never both, and the step the
 * renderer is shown of it. Whatever replaces or ends them wipes the staged secrets and the kept
 * file's bytes.
 */
import type { ImportStep } from '../domain';
import type { VaultEntry } from '../vault';
import { ImportClosedError } from './errors';
import type { LockedFile } from './import-files';
import { newQrReview, toImportReview, wipeReview, type ReviewState } from './import-review';

export type ImportStaging = ReturnType<typeof createImportStaging>;

/** `shownEntries`: the accounts the user sees, for the review's duplicate flags. */
export function createImportStaging(shownEntries: () => readonly VaultEntry[]) {
  let review: ReviewState | null = null;
  /** An encrypted file waiting for its password (never at the same time as a review). */
  let pending: LockedFile | null = null;

  /** Ends the review or the password step, wiping every staged secret and the kept file. */
  function wipe(): void {
    if (review) wipeReview(review);
    pending?.bytes.fill(0);
    review = null;
    pending = null;
  }

  /** The open review, as the renderer shows it. */
  function view(): ImportStep {
    if (!review) throw new ImportClosedError();
    return { step: 'review', review: toImportReview(review, shownEntries()) };
  }

  function passwordStep(wrongPassword: boolean): ImportStep {
    if (!pending) throw new ImportClosedError();
    return { step: 'password', fileName: pending.name, formatName: pending.formatName, wrongPassword };
  }

  /** The open QR review, or a new one (ending a file review or a password step). */
  function qrReview(): ReviewState {
    if (!review?.qr) {
      wipe();
      review = newQrReview();
    }
    return review;
  }

  /** A file's review in place of whatever was staged. */
  function showReview(next: ReviewState): ImportStep {
    wipe();
    review = next;
    return view();
  }

  /** The password step for `file`; a file other than the one already waiting ends what was staged. */
  function askPassword(file: LockedFile, wrongPassword: boolean): ImportStep {
    if (file !== pending) wipe();
    pending = file;
    return passwordStep(wrongPassword);
  }

  /** Ends `r` if it is still the open review. */
  function end(r: ReviewState): void {
    if (review === r) wipe();
  }

  return {
    review: (): ReviewState | null => review,
    pending: (): LockedFile | null => pending,
    view,
    qrReview,
    showReview,
    askPassword,
    end,
    wipe,
  };
}
