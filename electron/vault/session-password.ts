// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Checking a password against an open session's password slot (a full KDF run): before a password
 * change, and when the app asks for the password again (before an export). The wrapped data key
 * must be the one the session holds; it is wiped once compared.
 */
import { bytesEqual, wipe } from './crypto';
import { VaultError } from './errors';
import type { PasswordSlot } from './format';
import type { Kdf } from './kdf';
import { unwrapWithPassword } from './slots';

/**
 * Checks that `current` opens `slot` and that the slot wraps `dataKey`.
 * @throws VaultError `wrong-password-or-tampered` (`wrong`, default "The current password is wrong.",
 *   then "Nothing was changed.") when it does not open.
 */
export async function confirmCurrentPassword(
  kdf: Kdf,
  slot: PasswordSlot,
  current: Uint8Array,
  dataKey: Uint8Array,
  wrong = 'The current password is wrong.',
): Promise<void> {
  let opened: Uint8Array;
  try {
    ({ dataKey: opened } = await unwrapWithPassword(kdf, [slot], current));
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'wrong-password-or-tampered') {
      throw new VaultError('wrong-password-or-tampered', `${wrong} Nothing was changed.`);
    }
    throw error;
  }
  const same = bytesEqual(opened, dataKey);
  wipe(opened);
  if (!same) throw new Error('unreachable: the password slot wraps a different data key');
}

/**
 * Checks that `password` opens `slot` to the data key `dataKey()` gives once the KDF is done (the
 * session's, which throws if it was locked meanwhile).
 * @throws VaultError `wrong-password-or-tampered` ("The password is wrong") otherwise.
 */
export async function checkPassword(
  kdf: Kdf,
  slot: PasswordSlot,
  password: Uint8Array,
  dataKey: () => Uint8Array,
): Promise<void> {
  try {
    const { dataKey: opened } = await unwrapWithPassword(kdf, [slot], password);
    const same = bytesEqual(opened, dataKey());
    wipe(opened);
    if (!same) throw new VaultError('wrong-password-or-tampered', 'The password is wrong.');
  } catch (error) {
    if (error instanceof VaultError && error.kind === 'wrong-password-or-tampered') {
      throw new VaultError('wrong-password-or-tampered', 'The password is wrong.');
    }
    throw error;
  }
}
