// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The recovery key (docs/vault-format.md §4, "Recovery key"): 160 random bits a person writes down,
 * the seed of an X25519 key pair. The vault keeps only the public key and the data key sealed to it
 * (`crypto_box_seal`) in a `recovery` slot, so a password change or re-key re-seals it without the
 * recovery key (rekey.ts), and whoever holds the recovery key can open the vault and set a new
 * master password.
 *
 * A fast derivation (BLAKE2b) is enough here: guessing 160 random bits is out of reach however cheap
 * each guess is; Argon2id's cost is there for passwords people choose.
 */
import { normaliseRecoveryKey } from '../domain';
import { getSodium, KEY_BYTES } from './crypto';
import { VaultError } from './errors';
import type { OpaqueSlot, Slot } from './format';
import { readBase64, toBase64 } from './json-fields';
import { RECOVERY_SLOT_TYPE } from './rekey';

/** Random bytes in a recovery key. */
export const RECOVERY_SECRET_BYTES = 20;
/** Crockford's base32: no I, L, O or U, so what is written down reads back unambiguously. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 32 characters of secret and 4 of check, shown in 9 groups of 4. */
const SECRET_CHARS = 32;
const CHECK_CHARS = 4;
const GROUP = 4;
/** BLAKE2b message whose 32-byte digest, keyed with the secret, seeds the key pair. */
const SEED_CONTEXT = 'tessera recovery key v1';
/** BLAKE2b message whose digest, keyed with the secret, gives the check characters. */
const CHECK_CONTEXT = 'tessera recovery key check v1';

/** Why a typed recovery key was refused: the user is told which. */
export class RecoveryKeyFormatError extends Error {
  constructor(readonly reason: 'length' | 'character' | 'typo') {
    super(
      reason === 'typo'
        ? 'This recovery key has a typo: its last group does not match the others. Check each group against the one you wrote down.'
        : reason === 'character'
          ? 'A recovery key has only the digits 0–9 and the letters A–Z except I, L, O and U. Check what you typed.'
          : `A recovery key has ${(SECRET_CHARS + CHECK_CHARS) / GROUP} groups of ${GROUP} characters. Check that none is missing.`,
    );
    this.name = 'RecoveryKeyFormatError';
  }
}

function toBase32(bytes: Uint8Array, chars: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function fromBase32(text: string): Uint8Array {
  const out = new Uint8Array((text.length * 5) >> 3);
  let bits = 0;
  let value = 0;
  let i = 0;
  for (const c of text) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

async function checkChars(secret: Uint8Array): Promise<string> {
  const s = await getSodium();
  return toBase32(s.crypto_generichash(32, CHECK_CONTEXT, secret), CHECK_CHARS);
}

/** The recovery key as a person writes it: `XXXX-XXXX-…` (9 groups, the last one a check). */
export async function formatRecoveryKey(secret: Uint8Array): Promise<string> {
  if (secret.length !== RECOVERY_SECRET_BYTES) throw new RangeError(`A recovery key is ${RECOVERY_SECRET_BYTES} bytes`);
  const text = toBase32(secret, SECRET_CHARS) + (await checkChars(secret));
  return text.match(/.{4}/g)?.join('-') ?? text;
}

/**
 * Reads a recovery key as typed: any case, spaces and hyphens ignored, O read as 0 and I or L as 1.
 * @throws RecoveryKeyFormatError when a character is not in the alphabet, one is missing or extra,
 *   or the check group does not match (a typo).
 */
export async function parseRecoveryKey(typed: string): Promise<Uint8Array> {
  const text = normaliseRecoveryKey(typed);
  if ([...text].some((c) => !ALPHABET.includes(c))) throw new RecoveryKeyFormatError('character');
  if (text.length !== SECRET_CHARS + CHECK_CHARS) throw new RecoveryKeyFormatError('length');
  const secret = fromBase32(text.slice(0, SECRET_CHARS));
  if ((await checkChars(secret)) !== text.slice(SECRET_CHARS)) {
    secret.fill(0);
    throw new RecoveryKeyFormatError('typo');
  }
  return secret;
}

/** The X25519 key pair of a recovery key: seed = BLAKE2b-256(SEED_CONTEXT, key = secret). */
export async function recoveryKeyPair(secret: Uint8Array): Promise<{ publicKey: Uint8Array; privateKey: Uint8Array }> {
  const s = await getSodium();
  const seed = s.crypto_generichash(32, SEED_CONTEXT, secret);
  try {
    const pair = s.crypto_box_seed_keypair(seed);
    return { publicKey: pair.publicKey, privateKey: pair.privateKey };
  } finally {
    seed.fill(0);
  }
}

/** A `recovery` slot sealing `dataKey` to `publicKey`. */
export async function createRecoverySlot(id: string, publicKey: Uint8Array, dataKey: Uint8Array): Promise<OpaqueSlot> {
  if (dataKey.length !== KEY_BYTES) throw new RangeError('A data key is 32 bytes');
  const s = await getSodium();
  const sealedKey = s.crypto_box_seal(dataKey, publicKey);
  return {
    id,
    type: RECOVERY_SLOT_TYPE,
    json: { id, type: RECOVERY_SLOT_TYPE, publicKey: toBase64(publicKey), sealedKey: toBase64(sealedKey) },
  };
}

/** The vault's recovery slot, if it has one. */
export function findRecoverySlot(slots: readonly Slot[]): OpaqueSlot | undefined {
  return slots.find((s): s is OpaqueSlot => s.type === RECOVERY_SLOT_TYPE && 'json' in s);
}

function wrongRecoveryKey(): VaultError {
  return new VaultError(
    'wrong-password-or-tampered',
    'This recovery key does not open this vault. Check that it is the one made for this vault (the newest, if you made ' +
      'several), or restore a backup.',
  );
}

/**
 * The data key from the vault's recovery slot, opened with `secret`.
 * @throws VaultError `wrong-password-or-tampered` when there is no recovery slot (said so) or the key
 *   does not open it.
 */
export async function openRecoverySlot(slots: readonly Slot[], secret: Uint8Array): Promise<Uint8Array> {
  const slot = findRecoverySlot(slots);
  if (!slot) {
    throw new VaultError(
      'wrong-password-or-tampered',
      'This vault has no recovery key, so it can only be opened with its master password (or restored from a backup).',
    );
  }
  let stored: Uint8Array;
  let sealed: Uint8Array;
  try {
    stored = readBase64(slot.json.publicKey, 'recovery publicKey', 32);
    sealed = readBase64(slot.json.sealedKey, 'recovery sealedKey', 80);
  } catch {
    throw new VaultError(
      'corrupt',
      'The vault’s recovery slot is damaged. Open it with the master password, or restore a backup.',
    );
  }
  const { publicKey, privateKey } = await recoveryKeyPair(secret);
  try {
    const s = await getSodium();
    if (!s.memcmp(publicKey, stored)) throw wrongRecoveryKey();
    let dataKey: Uint8Array;
    try {
      dataKey = s.crypto_box_seal_open(sealed, publicKey, privateKey);
    } catch {
      throw wrongRecoveryKey();
    }
    if (dataKey.length !== KEY_BYTES) throw wrongRecoveryKey();
    return dataKey;
  } finally {
    privateKey.fill(0);
  }
}
