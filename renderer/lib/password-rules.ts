// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The master-password rules checked before anything is sent to main. Main enforces the same
 * minimum (MIN_PASSWORD_LENGTH in electron/services/vault-service.ts); this copy only saves a round
 * trip and gives the message next to the right field.
 */

export const MIN_PASSWORD_LENGTH = 10;

export interface NewPasswordProblems {
  readonly password?: string;
  readonly confirm?: string;
}

/** Returns null when the pair is acceptable, else a message per offending field. */
export function checkNewPassword(password: string, confirm: string): NewPasswordProblems | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    const count = password.length === 1 ? '1 character' : `${password.length} characters`;
    return { password: `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${count}).` };
  }
  if (password !== confirm) return { confirm: 'The two passwords do not match. Type the same password twice.' };
  return null;
}
