// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The master password typed to prove it is you (unlock, export, changing it). Uncontrolled: the
 * form reads it once and empties it. Read-only, not disabled, while main checks it, so it keeps
 * the focus and typing again just works.
 */
import type { RefObject } from 'react';
import { Field } from './Field';

export interface MasterPasswordFieldProps {
  readonly id: string;
  readonly label: string;
  readonly error: string | null;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly busy: boolean;
  /** A key press in the field (its message was about what was typed before). */
  readonly onInput?: () => void;
}

export function MasterPasswordField({ id, label, error, inputRef, busy, onInput }: MasterPasswordFieldProps) {
  return (
    <Field id={id} label={label} error={error}>
      {(a11y) => (
        <input
          {...a11y}
          ref={inputRef}
          type="password"
          autoComplete="current-password"
          autoFocus
          readOnly={busy}
          onInput={onInput}
        />
      )}
    </Field>
  );
}
