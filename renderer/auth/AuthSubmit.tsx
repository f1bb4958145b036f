// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The one button of the first-run and unlock forms, with the note that says main is at work. It is
 * disabled while main works: the password field keeps the focus (read-only), so typing again works.
 */
import { BusyNote } from '../shared/BusyNote';

export interface AuthSubmitProps {
  readonly busy: boolean;
  readonly label: string;
  /** The button's words while main works. */
  readonly busyLabel: string;
  /** The busy note above the button. */
  readonly busyNote: string;
}

export function AuthSubmit({ busy, label, busyLabel, busyNote }: AuthSubmitProps) {
  return (
    <>
      {busy ? <BusyNote label={busyNote} /> : null}
      <button type="submit" className="button button-primary button-block" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </>
  );
}
