// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The master-password rules checked before anything is sent to main: at least 10 characters (the
 * domain's MIN_PASSWORD_LENGTH, the length main enforces) and a zxcvbn-ts score of 3 or more. The
 * score is the renderer's to give: it is advice to the person at the keyboard, who is the only one
 * who could choose a weak password anyway.
 */
import { MIN_PASSWORD_LENGTH } from './domain-values';
import { MIN_STRENGTH_SCORE, type StrengthAssessment } from './password-strength';

export { MIN_PASSWORD_LENGTH };

export interface NewPasswordProblems {
  readonly password?: string;
  readonly confirm?: string;
}

/**
 * Returns null when the pair is acceptable, else a message per offending field. Without a strength
 * assessment (the checker is still loading) only the length and the confirmation are checked.
 */
export function checkNewPassword(
  password: string,
  confirm: string,
  strength: StrengthAssessment | null = null,
): NewPasswordProblems | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    const count = password.length === 1 ? '1 character' : `${password.length} characters`;
    return { password: `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${count}).` };
  }
  if (strength && strength.score < MIN_STRENGTH_SCORE) {
    const advice = strength.warning || strength.suggestions[0] || 'Add a few more unrelated words.';
    return { password: `This password is too easy to guess (${strength.label.toLowerCase()}). ${advice}` };
  }
  if (password !== confirm) return { confirm: 'The two passwords do not match. Type the same password twice.' };
  return null;
}
