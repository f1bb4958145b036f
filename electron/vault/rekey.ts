// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Re-keying: a password change gives the vault a new random data key and re-issues every key slot
 * for it (docs/vault-format.md §4, "Re-keying"), so a copy of the vault from before the change and
 * the old password open nothing saved after it (issue 14 finding 9).
 *
 * Every slot kind must be renewable with no secret but the new password the user is typing:
 * - `password`: wrapped again under Argon2id(new password) by the caller (slots.ts);
 * - `recovery` (recovery.ts): `crypto_box_seal` of the data key to
 *   the slot's stored X25519 public key, so it is re-sealed to that same key without the recovery
 *   secret. The public key is trusted because the header it sits in is authenticated by the
 *   payload tag before any save;
 * - OS quick-unlock keeps its material outside the vault, on that computer: no slot to renew.
 * A slot of any other kind is one a later Tessera wrote; it cannot be renewed here, so the re-key
 * is refused (dropping it would lose that way in, keeping it would leave it on the old key).
 */
import { getSodium, KEY_BYTES } from './crypto';
import { VaultError } from './errors';
import { isPasswordSlot, type OpaqueSlot, type PasswordSlot, type Slot } from './format';
import { readBase64, toBase64 } from './json-fields';

/** The recovery slot's type (recovery.ts) and its exact fields. */
export const RECOVERY_SLOT_TYPE = 'recovery';
const RECOVERY_FIELDS = ['id', 'type', 'publicKey', 'sealedKey'] as const;
/** X25519 public key. */
const RECOVERY_PUBLIC_KEY_BYTES = 32;

function cannotRenew(type: string): VaultError {
  return new VaultError(
    'unsupported-version',
    `This vault has a key slot of a kind this version of Tessera cannot renew ("${type}"), so it cannot give the ` +
      'vault a new data key, and nothing was changed. Update Tessera to change the password, or change only the ' +
      'password and keep the data key (tessera passwd --keep-data-key).',
  );
}

/** The public key of a well-formed recovery slot; refuses the re-key for any other shape. */
function recoveryPublicKey(slot: OpaqueSlot): Uint8Array {
  const keys = Object.keys(slot.json);
  if (keys.length !== RECOVERY_FIELDS.length || !RECOVERY_FIELDS.every((k) => keys.includes(k))) {
    throw cannotRenew(slot.type);
  }
  try {
    return readBase64(slot.json.publicKey, `slot ${slot.id} publicKey`, RECOVERY_PUBLIC_KEY_BYTES);
  } catch {
    throw cannotRenew(slot.type);
  }
}

/**
 * Throws (`unsupported-version`) unless every slot but the password slot `ownId` can be renewed.
 * Call before deriving anything, and again on the slots actually saved.
 */
export function assertRenewable(slots: readonly Slot[], ownId: string): void {
  for (const slot of slots) {
    if (slot.id === ownId) continue;
    if (isPasswordSlot(slot) || slot.type !== RECOVERY_SLOT_TYPE || !('json' in slot)) throw cannotRenew(slot.type);
    recoveryPublicKey(slot);
  }
}

/**
 * The slots of the re-keyed file, in the same order: `passwordSlot` (already wrapping `dataKey`)
 * in place of `ownId`, each recovery slot re-sealed to its public key.
 */
export async function renewSlots(
  slots: readonly Slot[],
  ownId: string,
  passwordSlot: PasswordSlot,
  dataKey: Uint8Array,
): Promise<Slot[]> {
  if (dataKey.length !== KEY_BYTES) throw new RangeError('A data key is 32 bytes');
  assertRenewable(slots, ownId);
  const s = await getSodium();
  return slots.map((slot): Slot => {
    if (slot.id === ownId) return passwordSlot;
    const opaque = slot as OpaqueSlot;
    const sealedKey = s.crypto_box_seal(dataKey, recoveryPublicKey(opaque));
    return { id: opaque.id, type: opaque.type, json: { ...opaque.json, sealedKey: toBase64(sealedKey) } };
  });
}
