// SPDX-License-Identifier: GPL-3.0-or-later
/** The rule for a new master password, the same as the desktop app's (services/vault-service.ts). */
import { MIN_PASSWORD_LENGTH } from '../../domain';
import { UsageError } from '../errors';

/**
 * Returns the password if it is long enough for a new vault or a password change.
 * @throws UsageError (exit 1) when it is too short.
 */
export function checkNewPassword(password: string): string {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new UsageError(`The new password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return password;
}
