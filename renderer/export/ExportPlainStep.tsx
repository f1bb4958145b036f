// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, last step for the files without encryption: a plain warning that whoever reads the file
 * can generate the codes, and an "I understand" box that must be ticked before Save.
 */
import { useId, useState } from 'react';
import { BusyNote } from '../shared/BusyNote';
import { FormAlert } from '../shared/FormAlert';
import { AlertIcon } from '../shared/Icons';

export interface ExportPlainStepProps {
  /** Saves the file; answers a message to show, or null when the dialog moved on. */
  readonly onSave: () => Promise<string | null>;
  readonly onBack: () => void;
}

export function ExportPlainStep({ onSave, onBack }: ExportPlainStepProps) {
  const warningId = useId();
  const [understood, setUnderstood] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(): Promise<void> {
    if (busy || !understood) return;
    setError(null);
    setBusy(true);
    const problem = await onSave();
    setBusy(false);
    setError(problem);
  }

  return (
    <div className="entry-form">
      <div id={warningId} className="callout callout-danger export-danger">
        <AlertIcon />
        <div>
          <p className="export-danger-title">This file is not encrypted.</p>
          <p>
            Anyone who reads it can generate your codes — on this computer, in a synced folder or in a backup. Save it
            only where no one else can read it, import it at once and then delete it.
          </p>
        </div>
      </div>
      <label className="checkbox" htmlFor="export-understand">
        <input
          id="export-understand"
          type="checkbox"
          checked={understood}
          aria-describedby={warningId}
          autoFocus
          disabled={busy}
          onChange={(e) => setUnderstood(e.target.checked)}
        />
        <span>I understand</span>
      </label>
      <FormAlert message={error} />
      {busy ? <BusyNote label="Saving the export…" /> : null}
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onBack} disabled={busy}>
          Back
        </button>
        <button
          type="button"
          className="button button-danger"
          disabled={!understood}
          aria-disabled={busy}
          onClick={() => void save()}
        >
          Save…
        </button>
      </div>
    </div>
  );
}
