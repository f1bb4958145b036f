// SPDX-License-Identifier: GPL-3.0-or-later
/**
 * The data key wrapped for quick unlock on one computer (electron/services/quick-unlock-service.ts
 * keeps it there, sealed by the OS keyring; docs/security.md, "Quick unlock"). Never in the vault
 * file: a key-encryption key the service derives from a PIN (or keeps for Touch ID) wraps the data
 * key with XChaCha20-Poly1305, bound to the vault's id. A re-key (a password change, here or on
 * another computer) makes the wrap stale: its data key no longer opens the payload.
 */
import { aeadOpen, aeadSeal, KEY_BYTES, NONCE_BYTES, wipe } from './crypto';
import { VaultError } from './errors';

/** The wrap the service stores; not secret without the key-encryption key. */
export interface DataKeyWrap {
  readonly vaultId: string;
  readonly nonce: Uint8Array;
  /** XChaCha20-Poly1305 of the 32-byte data key: 48 bytes. */
  readonly wrapped: Uint8Array;
}

const aad = (vaultId: string): Uint8Array => new TextEncoder().encode(`tessera quick unlock v1\u0000${vaultId}`);

/** Wraps `dataKey` under `kek` for the vault `vaultId`. */
export async function wrapDataKey(
  dataKey: Uint8Array,
  kek: Uint8Array,
  vaultId: string,
  randomBytes: (n: number) => Uint8Array,
): Promise<DataKeyWrap> {
  if (kek.length !== KEY_BYTES || dataKey.length !== KEY_BYTES) throw new RangeError('Keys are 32 bytes');
  const nonce = randomBytes(NONCE_BYTES).slice();
  return { vaultId, nonce, wrapped: await aeadSeal(dataKey, aad(vaultId), nonce, kek) };
}

/**
 * The data key inside `wrap`, for the vault `vaultId`.
 * @throws VaultError `quick-unlock-stale` (another vault's wrap) or `quick-unlock-wrong-key`.
 */
export async function unwrapDataKey(wrap: DataKeyWrap, kek: Uint8Array, vaultId: string): Promise<Uint8Array> {
  if (wrap.vaultId !== vaultId) throw staleWrap();
  const key = await aeadOpen(wrap.wrapped, aad(vaultId), wrap.nonce, kek);
  if (key === null) {
    throw new VaultError('wrong-password-or-tampered', 'The PIN is wrong.', { reason: 'quick-unlock-wrong-key' });
  }
  if (key.length !== KEY_BYTES) {
    wipe(key);
    throw staleWrap();
  }
  return key;
}

/** The wrap no longer opens this vault: it was re-keyed since, or the wrap is another vault's. */
export function staleWrap(): VaultError {
  return new VaultError(
    'wrong-password-or-tampered',
    'The master password was changed since quick unlock was set up (here or on another computer), so quick unlock ' +
      'no longer opens this vault. Unlock with the master password, then set up quick unlock again.',
    { reason: 'quick-unlock-stale' },
  );
}
