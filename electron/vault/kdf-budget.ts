// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * How much Argon2id work one file may ask for (docs/vault-format.md §4, "Password work"). The
 * per-slot ceiling alone does not bound it: a file with 16 password slots at the ceiling made
 * Tessera derive 16 times (over three minutes) before saying "wrong password". Tessera writes one
 * password slot (a recovery slot is a sealed box and OS quick-unlock lives outside the vault: no
 * key derivation either way), so a file may hold at most one, and the work of all its password
 * slots together may not exceed one derivation at the ceiling. Both are checked from the header,
 * before anything is derived.
 */
import { VaultError } from './errors';
import { KDF_CEILING, type KdfParams } from './kdf';

/** Password slots a file may hold: the one Tessera writes. A later format that needs more takes a new version. */
export const MAX_PASSWORD_SLOTS = 1;

/**
 * Total Argon2id work (passes × bytes, summed over password slots) a file may ask for: one
 * derivation at KDF_CEILING (10 passes over 1 GiB). Holds whatever MAX_PASSWORD_SLOTS becomes.
 */
export const KDF_WORK_BUDGET = KDF_CEILING.opslimit * KDF_CEILING.memlimit;

/** The refusal: `corrupt`, reason `kdf-work-exceeded`. */
export function kdfWorkExceeded(): VaultError {
  return new VaultError(
    'corrupt',
    'This vault asks for more password work than Tessera ever writes: it is damaged or was made to slow ' +
      'Tessera down. Restore a backup or the previous version.',
    { reason: 'kdf-work-exceeded' },
  );
}

/**
 * Throws `kdfWorkExceeded()` when `passwordSlots` (the KDF parameters of a file's password slots,
 * each already within [KDF_FLOOR, KDF_CEILING]) are too many or ask for more work than the budget.
 */
export function assertKdfWorkBudget(passwordSlots: readonly KdfParams[]): void {
  if (passwordSlots.length > MAX_PASSWORD_SLOTS) throw kdfWorkExceeded();
  const work = passwordSlots.reduce((sum, p) => sum + p.opslimit * p.memlimit, 0);
  if (work > KDF_WORK_BUDGET) throw kdfWorkExceeded();
}
