// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The review of what was read: for a file, the app and the variant it was read as, and a count of
 * what will not be added (already in Tessera, cannot be imported); the accounts found (ticked
 * unless duplicates), transfer progress,
 * what cannot be imported, more scans into the same review, and the commit button that says how
 * many. A backup review chooses merge or replace, and replace asks once more before committing.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ImportReview as Review } from '../../electron/domain';
import { commitImport } from './import-actions';
import { tickedKeys } from './import-selection';
import { useImportStore } from './import-store';
import { commitButtonText, notAddedText, sourceText } from './import-text';
import { ImportBatchProgress } from './ImportBatchProgress';
import { ImportCandidateList } from './ImportCandidateList';
import { ImportProblems } from './ImportProblems';
import { ImportReplaceConfirm } from './ImportReplaceConfirm';
import { ImportSourceButtons } from './ImportSources';
import { RestoreModeChoice } from './RestoreModeChoice';

export interface ImportReviewProps {
  readonly review: Review;
  /** After a successful commit: the dialog closes. */
  readonly onDone: () => void;
  readonly onCancel: () => void;
}

function ScanMore({ review }: { review: Review }) {
  const headingId = useId();
  const waiting = review.batches.some((b) => !b.complete);
  const empty = review.candidates.length === 0;
  return (
    <section className="import-more" aria-labelledby={headingId}>
      <h3 id={headingId}>{empty ? 'Try again' : 'Scan more QR codes'}</h3>
      <p className="field-hint">
        {empty
          ? 'Show the QR code larger on your screen, copy a screenshot of it, or open an image of it.'
          : waiting
            ? 'Show the next QR code on your screen, or copy a screenshot of it, then scan it here. It is added to this list.'
            : 'The accounts of more QR codes are added to this list.'}
      </p>
      <ImportSourceButtons />
    </section>
  );
}

/** What each file was read as: the app and the variant of its file ("Aegis — encrypted backup (scrypt)"). */
function ReviewSources({ review }: { review: Review }) {
  const several = review.sources.length > 1;
  return review.sources.map((source, index) => (
    <p key={`${source.name}-${index}`} className="import-source-format">
      {sourceText(source, several)}
    </p>
  ));
}

/** The one line that counts what will not be added: "2 already in Tessera, 1 cannot be imported". */
function NotAdded({ review }: { review: Review }) {
  const text = notAddedText(review);
  return text === '' ? null : <p className="import-not-added">{text}</p>;
}

export function ImportReview({ review, onDone, onCancel }: ImportReviewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [confirming, setConfirming] = useState(false);
  const ticked = useImportStore((s) => s.ticked);
  const mode = useImportStore((s) => s.mode);
  const busy = useImportStore((s) => s.busy !== null);
  // The step changed under the keyboard focus (or the confirmation went): go to the review's heading.
  useEffect(() => {
    if (!confirming) headingRef.current?.focus();
  }, [confirming]);

  const count = tickedKeys(review, ticked).length;
  const backup = review.kind === 'backup';
  const replacing = backup && mode === 'replace';

  async function commit(): Promise<void> {
    if (busy) return;
    if (replacing && review.vaultEntryCount > 0 && !confirming) return setConfirming(true);
    if (await commitImport()) onDone();
    else setConfirming(false);
  }

  if (confirming) {
    return (
      <ImportReplaceConfirm
        vaultEntryCount={review.vaultEntryCount}
        count={count}
        busy={busy}
        onBack={() => setConfirming(false)}
        onConfirm={() => void commit()}
      />
    );
  }

  const empty = review.candidates.length === 0;
  return (
    <section className="import-review" aria-labelledby="import-review-title">
      <header className="import-review-head">
        <h3 id="import-review-title" ref={headingRef} tabIndex={-1}>
          {review.title}
        </h3>
        <ReviewSources review={review} />
        <p className="modal-text">{review.summary}</p>
        <NotAdded review={review} />
      </header>
      <ImportBatchProgress batches={review.batches} />
      {backup && !empty ? (
        <RestoreModeChoice
          mode={mode}
          vaultEntryCount={review.vaultEntryCount}
          onChange={(next) => useImportStore.getState().setMode(next)}
        />
      ) : null}
      {empty ? null : <ImportCandidateList review={review} />}
      <ImportProblems review={review} />
      {review.canScanMore || empty ? <ScanMore review={review} /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        {empty ? null : (
          <button
            type="button"
            className={`button ${replacing ? 'button-danger' : 'button-primary'}`}
            disabled={count === 0}
            aria-disabled={busy}
            onClick={() => void commit()}
          >
            {commitButtonText(count, review.kind, mode)}
          </button>
        )}
      </div>
    </section>
  );
}
