// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Export, first step: what to export to, as one radio group (arrow keys move between all the
 * choices), listed under headings: for Tessera, for another app, to scan with a phone.
 */
import { useState, type FormEvent } from 'react';
import { EXPORT_OPTIONS, EXPORT_SECTIONS, type ExportChoice, type ExportOption } from './export-options';

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
        {EXPORT_SECTIONS.map((section) => (
          <div
            key={section.id}
            className="export-choice-section"
            role="group"
            aria-labelledby={`export-section-${section.id}`}
          >
            <p id={`export-section-${section.id}`} className="export-choice-section-title">
              {section.title}
            </p>
            {EXPORT_OPTIONS.filter((o) => o.section === section.id).map((option) => (
              <Choice
                key={option.id}
                option={option}
                checked={choice === option.id}
                autoFocus={option.id === initial}
                onChange={() => setChoice(option.id)}
              />
            ))}
          </div>
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

interface ChoiceProps {
  readonly option: ExportOption;
  readonly checked: boolean;
  readonly autoFocus: boolean;
  readonly onChange: () => void;
}

/** One choice: a radio with its label line and a line about it. */
function Choice({ option, checked, autoFocus, onChange }: ChoiceProps) {
  return (
    <label className="export-choice">
      <input
        type="radio"
        name="export-format"
        value={option.id}
        checked={checked}
        autoFocus={autoFocus}
        // The label wraps the description too; the name is the label line alone.
        aria-labelledby={`export-choice-${option.id}-label`}
        aria-describedby={`export-choice-${option.id}-hint`}
        onChange={onChange}
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
  );
}
