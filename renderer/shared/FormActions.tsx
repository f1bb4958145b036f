// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The buttons under a form that waits on main: the way out (Back, Cancel), disabled while main
 * works, and the submit button, only aria-disabled then, so the focus stays on it.
 */

export interface FormActionsProps {
  readonly busy: boolean;
  /** The way out of the form, if it has one. */
  readonly leave?: { readonly label: string; readonly onClick: () => void };
  /** The submit button's words (they may change while main works). */
  readonly submit: string;
  /** `danger` for a submit that takes something away (removing the recovery key). */
  readonly tone?: 'primary' | 'danger';
}

export function FormActions({ busy, leave, submit, tone = 'primary' }: FormActionsProps) {
  return (
    <div className="form-actions">
      {leave ? (
        <button type="button" className="button button-secondary" onClick={leave.onClick} disabled={busy}>
          {leave.label}
        </button>
      ) : null}
      <button type="submit" className={`button button-${tone}`} aria-disabled={busy}>
        {submit}
      </button>
    </div>
  );
}
