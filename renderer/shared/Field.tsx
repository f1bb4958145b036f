// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A labelled form control with an optional hint and error. The error sits next to its input and is
 * wired with aria-invalid / aria-describedby, so a screen reader reads it with the field; its
 * technical detail, if any, is behind "Details" below it.
 */
import type { ReactNode } from 'react';
import { Details } from './Details';

export interface FieldA11y {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby'?: string;
}

export interface FieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly error?: string | null;
  /** The technical detail of the error, behind "Details". */
  readonly details?: string | null | undefined;
  readonly className?: string | undefined;
  readonly children: (a11y: FieldA11y) => ReactNode;
}

export function Field({ id, label, hint, error, details, className, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const a11y: FieldA11y = describedBy
    ? { id, 'aria-invalid': Boolean(error), 'aria-describedby': describedBy }
    : { id, 'aria-invalid': false };
  return (
    <div className={['field', error ? 'field-invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children(a11y)}
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {error ? <Details text={details} /> : null}
    </div>
  );
}
