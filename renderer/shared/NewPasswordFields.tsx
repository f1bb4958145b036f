// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * A new password typed twice, with the strength meter under the first field: the master password
 * at first run and when it is changed, and an export's own password. The inputs stay uncontrolled;
 * `take` checks the pair against the rules (password-rules.ts) and empties both fields as soon as
 * the password passes, so it never enters React state or a store.
 */
import { useRef, type RefObject } from 'react';
import { Field } from './Field';
import { checkNewPassword, MIN_PASSWORD_LENGTH, type NewPasswordProblems } from './password-rules';
import { describedBy, PasswordStrength } from './PasswordStrength';
import { usePasswordStrength, type PasswordStrength as StrengthFeedback } from './usePasswordStrength';

/** The password once it passed (both fields emptied), or what is wrong (the field in error focused). */
export type TakenPassword = { readonly password: string } | { readonly problems: NewPasswordProblems };

export interface NewPassword {
  readonly passwordRef: RefObject<HTMLInputElement | null>;
  readonly confirmRef: RefObject<HTMLInputElement | null>;
  readonly strength: StrengthFeedback;
  /** Checks the pair (rating the password now); null while the fields are not there. */
  take(): Promise<TakenPassword | null>;
}

export function useNewPassword(): NewPassword {
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const strength = usePasswordStrength();
  return {
    passwordRef,
    confirmRef,
    strength,
    async take() {
      const [password, confirm] = [passwordRef.current, confirmRef.current];
      if (!password || !confirm) return null;
      const assessment = password.value === '' ? null : await strength.assess(password.value);
      const problems = checkNewPassword(password.value, confirm.value, assessment);
      if (problems) {
        (problems.password ? password : confirm).focus();
        return { problems };
      }
      const chosen = password.value;
      password.value = '';
      confirm.value = '';
      strength.clear();
      return { password: chosen };
    },
  };
}

export interface NewPasswordFieldsProps {
  readonly newPassword: NewPassword;
  /** The first field's id; its strength meter is `<id>-strength`. */
  readonly id: string;
  readonly label: string;
  readonly confirmId: string;
  readonly confirmLabel: string;
  /** Said after the rule in the first field's hint. */
  readonly advice?: string;
  readonly problems: NewPasswordProblems;
  readonly busy: boolean;
  readonly autoFocus?: boolean;
  /** A field was edited: its message was about what was typed before. */
  readonly onEdit?: (field: keyof NewPasswordProblems) => void;
}

export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { newPassword, id, problems, busy, onEdit } = props;
  const strengthId = `${id}-strength`;
  return (
    <>
      <Field
        id={id}
        label={props.label}
        hint={[`At least ${MIN_PASSWORD_LENGTH} characters, rated strong.`, props.advice].filter(Boolean).join(' ')}
        error={problems.password ?? null}
      >
        {(a11y) => (
          <input
            {...a11y}
            aria-describedby={describedBy(a11y['aria-describedby'], strengthId)}
            ref={newPassword.passwordRef}
            type="password"
            autoComplete="new-password"
            autoFocus={props.autoFocus}
            readOnly={busy}
            onInput={(event) => {
              newPassword.strength.onInput(event);
              onEdit?.('password');
            }}
          />
        )}
      </Field>
      <PasswordStrength id={strengthId} assessment={newPassword.strength.assessment} />
      <Field id={props.confirmId} label={props.confirmLabel} error={problems.confirm ?? null}>
        {(a11y) => (
          <input
            {...a11y}
            ref={newPassword.confirmRef}
            type="password"
            autoComplete="new-password"
            readOnly={busy}
            onInput={onEdit ? () => onEdit('confirm') : undefined}
          />
        )}
      </Field>
    </>
  );
}
