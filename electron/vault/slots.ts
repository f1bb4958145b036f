// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * Key slots: each wraps the one data key under a key-encryption key (KEK). Version 1 has the
 * `password` slot (KEK = Argon2id(password, salt)); the header keeps unknown slot types as they are
 * so later ones (os-keychain, recovery key) fit without a format change.
 *
 * The wrap AAD binds the slot's identity and every KDF input in a canonical, fixed-order binary
 * encoding (docs/vault-format.md §4), so editing any of them makes the unwrap fail.
 */
import { aeadOpen, aeadSeal, bytesEqual, KEY_BYTES, NONCE_BYTES, SALT_BYTES, wipe } from './crypto';
import { VaultError } from './errors';
import { isPasswordSlot, KDF_ALG, MAGIC, type PasswordSlot, type Slot } from './format';
import { kdfParamsInBounds, type Kdf, type KdfParams } from './kdf';
import { assertKdfWorkBudget } from './kdf-budget';

/**
 * The version field of the password slot's AAD: the format version that defined the slot (1), a
 * constant, not the file's version, so a later format that keeps the password slot as it is can
 * keep its wraps (docs/vault-format.md §4).
 */
export const PASSWORD_SLOT_AAD_VERSION = 1;

function u16(n: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, n, true);
  return b;
}

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n, true);
  return b;
}

function u64(n: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n), true);
  return b;
}

/** u16le length ‖ bytes. */
function lengthPrefixed(bytes: Uint8Array): Uint8Array[] {
  return [u16(bytes.length), bytes];
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * The password slot's wrap AAD:
 * magic ‖ u16 1 ‖ lp(id) ‖ lp(type) ‖ lp(alg) ‖ u32 opslimit ‖ u64 memlimit ‖ lp(salt),
 * little-endian, lp(x) = u16 byte length ‖ x (UTF-8 for strings; the salt's 16 raw bytes).
 */
export function passwordSlotAad(slot: Pick<PasswordSlot, 'id' | 'type' | 'kdf'>): Uint8Array {
  const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
  return concat([
    MAGIC,
    u16(PASSWORD_SLOT_AAD_VERSION),
    ...lengthPrefixed(utf8(slot.id)),
    ...lengthPrefixed(utf8(slot.type)),
    ...lengthPrefixed(utf8(slot.kdf.alg)),
    u32(slot.kdf.opslimit),
    u64(slot.kdf.memlimit),
    ...lengthPrefixed(slot.kdf.salt),
  ]);
}

/** What creating a slot needs: a KDF, fresh randomness and a slot id. */
export interface SlotDeps {
  readonly kdf: Kdf;
  readonly randomBytes: (n: number) => Uint8Array;
}

/**
 * Wraps `dataKey` under Argon2id(password) with a fresh salt and nonce, and opens the wrap again
 * with the same KEK before returning it (no second derivation), so a slot that would not give the
 * key back is never written. Wipes the KEK; the caller owns `password` and `dataKey`.
 */
export async function createPasswordSlot(
  deps: SlotDeps,
  id: string,
  password: Uint8Array,
  dataKey: Uint8Array,
  params: KdfParams,
): Promise<PasswordSlot> {
  const kdf = {
    alg: KDF_ALG,
    opslimit: params.opslimit,
    memlimit: params.memlimit,
    salt: deps.randomBytes(SALT_BYTES),
  } as const;
  const nonce = deps.randomBytes(NONCE_BYTES);
  const kek = await deps.kdf.derive(password, kdf.salt, params);
  try {
    const aad = passwordSlotAad({ id, type: 'password', kdf });
    const wrappedKey = await aeadSeal(dataKey, aad, nonce, kek);
    const check = await aeadOpen(wrappedKey, aad, nonce, kek);
    const same = check !== null && bytesEqual(check, dataKey);
    wipe(check);
    if (!same) throw new Error('A new password slot did not give its data key back');
    return { id, type: 'password', kdf, nonce, wrappedKey };
  } finally {
    wipe(kek);
  }
}

/**
 * Tries every password slot in order and returns the data key from the first that opens. Bounds
 * and the password-work budget are checked for all slots before the first derivation (the parser
 * already refused such files; this keeps the rule local too). A slot that authenticates but holds
 * a key that is not 32 bytes is `corrupt` (the format allows only 48-byte wraps, so only a caller
 * bypassing the parser gets there). Throws `wrong-password-or-tampered` when none opens.
 */
export async function unwrapWithPassword(
  kdf: Kdf,
  slots: readonly Slot[],
  password: Uint8Array,
): Promise<{ dataKey: Uint8Array; slot: PasswordSlot }> {
  const candidates = slots.filter(isPasswordSlot);
  if (candidates.length === 0) {
    throw new VaultError('corrupt', 'This vault has no password slot, so it cannot be opened with a password.');
  }
  for (const slot of candidates) {
    if (!kdfParamsInBounds(slot.kdf)) {
      throw new VaultError('corrupt', "The vault's key-derivation settings are outside the accepted range.", {
        reason: 'kdf-out-of-bounds',
      });
    }
  }
  assertKdfWorkBudget(candidates.map((slot) => slot.kdf));
  for (const slot of candidates) {
    const kek = await kdf.derive(password, slot.kdf.salt, slot.kdf);
    try {
      const dataKey = await aeadOpen(slot.wrappedKey, passwordSlotAad(slot), slot.nonce, kek);
      if (!dataKey) continue;
      if (dataKey.length === KEY_BYTES) return { dataKey, slot };
      wipe(dataKey);
      throw new VaultError(
        'corrupt',
        'The vault file is damaged or is not a Tessera vault (its password slot does not hold a 32-byte data key). ' +
          'Restore a backup or the previous version.',
      );
    } finally {
      wipe(kek);
    }
  }
  throw new VaultError(
    'wrong-password-or-tampered',
    'The password is wrong, or the vault file was modified. Check the password (and Caps Lock) and try again; ' +
      'if it is right, restore a backup or the previous version.',
  );
}

/** Whether two password slots are the same wrap (same id, salt, nonce and wrapped key). */
export function samePasswordSlot(a: PasswordSlot, b: PasswordSlot): boolean {
  const eq = (x: Uint8Array, y: Uint8Array): boolean => x.length === y.length && x.every((v, i) => v === y[i]);
  return (
    a.id === b.id &&
    a.kdf.opslimit === b.kdf.opslimit &&
    a.kdf.memlimit === b.kdf.memlimit &&
    eq(a.kdf.salt, b.kdf.salt) &&
    eq(a.nonce, b.nonce) &&
    eq(a.wrappedKey, b.wrappedKey)
  );
}
