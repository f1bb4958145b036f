// SPDX-License-Identifier: GPL-3.0-or-later
/** The review's accounts with their ticks, "Select all / none" and a live code for each. */
import { useCallback } from 'react';
import type { ImportReview } from '../../electron/domain';
import { useImportStore } from './import-store';
import { ImportCandidateRow } from './ImportCandidateRow';
import { useImportCodes } from './useImportCodes';

export function ImportCandidateList({ review }: { review: ImportReview }) {
  const ticked = useImportStore((s) => s.ticked);
  const mode = useImportStore((s) => s.mode);
  const codes = useImportCodes(review);
  const onToggle = useCallback((key: string, on: boolean) => useImportStore.getState().toggle(key, on), []);
  const tickAll = (on: boolean): void => useImportStore.getState().tickAll(on);
  const candidates = review.candidates;
  const showSource = new Set(candidates.map((c) => c.source)).size > 1;
  const count = candidates.filter((c) => ticked.has(c.key)).length;

  return (
    <div className="import-candidates">
      <div className="import-list-head">
        <span className="import-count">
          {count} of {candidates.length} selected
        </span>
        <button type="button" className="button button-ghost button-small" onClick={() => tickAll(true)}>
          Select all
        </button>
        <button type="button" className="button button-ghost button-small" onClick={() => tickAll(false)}>
          Select none
        </button>
      </div>
      <ul className="import-list" aria-label="Accounts found">
        {candidates.map((candidate) => (
          <ImportCandidateRow
            key={candidate.key}
            candidate={candidate}
            code={codes.get(candidate.key)}
            ticked={ticked.has(candidate.key)}
            mode={mode}
            showSource={showSource}
            onToggle={onToggle}
          />
        ))}
      </ul>
    </div>
  );
}
