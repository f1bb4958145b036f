// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * One account found: a checkbox named by the account, its tile, names, type and unusual parameters,
 * its tags, its current code (from main) and, for a duplicate, why it starts unticked.
 */
import { memo } from 'react';
import type { ImportCandidate, ImportCode, RestoreMode } from '../../electron/domain';
import { entryLabel } from '../codes/entry-query';
import { IssuerTile } from '../shared/IssuerTile';
import { candidateName, duplicateText, paramsText, shownCode, typeLabel } from './import-text';

export interface ImportCandidateRowProps {
  readonly candidate: ImportCandidate;
  readonly code: ImportCode | undefined;
  readonly ticked: boolean;
  readonly mode: RestoreMode;
  /** Show where it was found (when the review has several sources). */
  readonly showSource: boolean;
  readonly onToggle: (key: string, ticked: boolean) => void;
}

export const ImportCandidateRow = memo(function ImportCandidateRow({
  candidate,
  code,
  ticked,
  mode,
  showSource,
  onToggle,
}: ImportCandidateRowProps) {
  const id = `import-candidate-${candidate.key}`;
  const note = duplicateText(candidate, mode);
  const params = paramsText(candidate);
  const shown = shownCode(candidate, code);
  const title = candidate.issuer || candidate.account || 'Unnamed account';
  const subtitle = candidate.issuer ? candidate.account : '';
  const meta = [typeLabel(candidate.type), params, showSource ? `from ${candidate.source}` : ''].filter(Boolean);

  return (
    <li className={`import-row${ticked ? '' : ' import-row-unticked'}`} aria-label={candidateName(candidate, code)}>
      <input
        id={id}
        type="checkbox"
        className="import-check"
        checked={ticked}
        aria-label={entryLabel(candidate)}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(event) => onToggle(candidate.key, event.target.checked)}
      />
      <label htmlFor={id} className="import-row-body">
        <IssuerTile issuer={candidate.issuer} account={candidate.account} />
        <span className="import-row-text">
          <span className="import-row-issuer">{title}</span>
          {subtitle ? <span className="import-row-account">{subtitle}</span> : null}
          <span className="import-row-meta">
            {meta.join(' · ')}
            {candidate.tags.length > 0 ? (
              <span className="row-tags import-row-tags">
                <span className="visually-hidden">{candidate.tags.length === 1 ? 'tag' : 'tags'}</span>
                {candidate.tags.map((tag) => (
                  <span key={tag} className="row-tag">
                    {tag}
                  </span>
                ))}
              </span>
            ) : null}
          </span>
          {note ? (
            <span id={`${id}-note`} className="import-row-note">
              {note}
            </span>
          ) : null}
        </span>
      </label>
      <span className={`import-code${shown === null ? ' import-code-empty' : ''}`} aria-hidden="true">
        {shown ?? '··· ···'}
      </span>
    </li>
  );
});
