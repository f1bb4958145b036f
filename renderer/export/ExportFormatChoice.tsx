// SPDX-License-Identifier: GPL-3.0-or-later
/** Export, first step: what to export to, as one radio group (arrow keys move between the choices). */
import { useState, type FormEvent } from 'react';
import { EXPORT_OPTIONS, type ExportChoice } from './export-options';

export interface ExportFormatChoiceProps {
  /** The choice to start on (the last one, when coming back). */
  readonly initial: ExportChoice;
  readonly onChoose: (choice: ExportChoice) => void;
  readonly onCancel: () => void;
}

export function ExportFormatChoice({ initial, onChoose, onCancel }: ExportFormatChoiceProps) {
  const [choice, setChoice] = useState<ExportChoice>(initial);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    onChoose(choice);
  }

  return (
    <form className="entry-form" onSubmit={onSubmit}>
      <fieldset className="export-choices">
        <legend>What do you want to export?</legend>
        {EXPORT_OPTIONS.map((option) => (
          <label key={option.id} className="export-choice">
            <input
              type="radio"
              name="export-format"
              value={option.id}
              checked={choice === option.id}
              autoFocus={option.id === initial}
              // The label wraps the description too; the name is the label line alone.
              aria-labelledby={`export-choice-${option.id}-label`}
              aria-describedby={`export-choice-${option.id}-hint`}
              onChange={() => setChoice(option.id)}
            />
            <span className="export-choice-text">
              <span id={`export-choice-${option.id}-label`} className="export-choice-label">
                {option.label}
              </span>
              <span id={`export-choice-${option.id}-hint`} className="field-hint">
                {option.description}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Continue
        </button>
      </div>
    </form>
  );
}
