// SPDX-License-Identifier: GPL-3.0-or-later
/** Export, the end: where the file went, how many accounts it holds and what did not fit the format. */
import { CheckIcon } from '../shared/Icons';
import { savedText } from './export-options';

export interface ExportSavedStepProps {
  readonly path: string;
  readonly count: number;
  readonly warnings: readonly string[];
  readonly onAgain: () => void;
  readonly onDone: () => void;
}

export function ExportSavedStep({ path, count, warnings, onAgain, onDone }: ExportSavedStepProps) {
  return (
    <div className="entry-form">
      <div className="callout export-saved" role="status">
        <CheckIcon />
        <p>{savedText(count, path)}</p>
      </div>
      {warnings.length > 0 ? (
        <div className="callout callout-warning" role="note">
          <p>Some accounts could not be exported exactly as they are:</p>
          <ul className="export-list">
            {warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onAgain}>
          Export something else
        </button>
        <button type="button" className="button button-primary" autoFocus onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
