// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The master password asked again before something sensitive: exporting, making or removing the
 * recovery key. The field stays uncontrolled; the password goes to main once and the field is
 * emptied when main accepts it. A wrong password is said on the field, which keeps the focus with
 * the text selected, so typing again replaces it; anything else above the buttons.
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { IpcError } from '../../electron/domain';
import { BusyNote } from './BusyNote';
import { FormActions } from './FormActions';
import { FormAlert } from './FormAlert';
import { MasterPasswordField } from './MasterPasswordField';

export interface MasterPasswordCheckProps {
  /** The field's id. */
  readonly id: string;
  /** Shown first: why the password is asked again, or a warning about what follows. */
  readonly note?: ReactNode;
  /** What the password is for, said above the field ("Enter your master password to export."). */
  readonly prompt: string;
  readonly submit: string;
  /** The submit button's words while main works; the same words when not given. */
  readonly busySubmit?: string;
  /** The busy note while main checks. */
  readonly busyNote: string;
  readonly tone?: 'primary' | 'danger';
  /** The way out (Back, Cancel). */
  readonly leave: { readonly label: string; readonly onClick: () => void };
  /** Hands the password to main; answers main's refusal, or null when it was accepted. */
  readonly check: (password: string) => Promise<IpcError | null>;
  /** What to say on the field when main says the password is wrong. */
  readonly wrongPassword?: string;
}

type Problems = { password?: string; form?: string; details?: string };

export function MasterPasswordCheck(props: MasterPasswordCheckProps) {
  const { id, note, prompt, check, leave } = props;
  const inputRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = inputRef.current;
    if (busy || !input) return;
    const password = input.value;
    if (password === '') {
      setProblems({ password: 'Type your master password.' });
      return input.focus();
    }
    setProblems({});
    setBusy(true);
    const refused = await check(password);
    setBusy(false);
    if (refused === null) {
      input.value = '';
      return;
    }
    if (refused.code === 'wrong-password-or-tampered') {
      setProblems({ password: props.wrongPassword ?? 'The password is wrong.' });
      input.focus();
      input.select();
    } else {
      setProblems({ form: refused.message, ...(refused.details ? { details: refused.details } : {}) });
    }
  }

  return (
    <form className="entry-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
      {note}
      <p className="modal-text">{prompt}</p>
      <MasterPasswordField
        id={id}
        label="Master password"
        error={problems.password ?? null}
        inputRef={inputRef}
        busy={busy}
      />
      <FormAlert message={problems.form ?? null} details={problems.details} />
      {busy ? <BusyNote label={props.busyNote} /> : null}
      <FormActions
        busy={busy}
        leave={leave}
        submit={busy ? (props.busySubmit ?? props.submit) : props.submit}
        tone={props.tone ?? 'primary'}
      />
    </form>
  );
}
