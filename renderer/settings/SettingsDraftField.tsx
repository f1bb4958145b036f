// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A setting typed freely and saved on Enter or when the field is left. Until then the text is a
 * draft of this field's own; a draft `read` refuses keeps its message beside the field and is not
 * sent, and main's refusal of a sent value comes back as `error`.
 */
import { useState, type InputHTMLAttributes } from 'react';
import { Field } from '../shared/Field';

/** A draft read as the value to save, or the problem to show instead. */
export type DraftReading<T> = { readonly value: T } | { readonly problem: string };

export interface SettingsDraftFieldProps<T extends string | number> {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly className?: string;
  /** The saved value, shown while nothing is being typed. */
  readonly value: T;
  readonly error: string | null;
  readonly read: (draft: string) => DraftReading<T>;
  /** Saves a value that differs from the saved one. */
  readonly onCommit: (value: T) => void;
  /** The input's own attributes (type, bounds, spelling...). */
  readonly input: InputHTMLAttributes<HTMLInputElement>;
}

export function SettingsDraftField<T extends string | number>(props: SettingsDraftFieldProps<T>) {
  const { value, read, onCommit } = props;
  /** What is being typed; null shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function commit(): void {
    if (draft === null) return;
    const reading = read(draft);
    if ('problem' in reading) {
      setProblem(reading.problem);
      return;
    }
    setProblem(null);
    setDraft(null);
    if (reading.value !== value) onCommit(reading.value);
  }

  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={problem ?? props.error}
      className={props.className}
    >
      {(a11y) => (
        <input
          {...a11y}
          {...props.input}
          value={draft ?? String(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
    </Field>
  );
}
